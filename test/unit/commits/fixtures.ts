// Diffs as git writes them (`git diff --cached`, git 2.4x), shared by the commit-message tests.

/** One of each shape: new secret file, binary change, no final newline, mode change, edit, quoted non-ASCII name,
 * deleted file, rename with edits (git adds a tab after names with spaces), new file. */
export const MIXED_DIFF = `diff --git a/.env b/.env
new file mode 100644
index 0000000..65ec267
--- /dev/null
+++ b/.env
@@ -0,0 +1 @@
+SECRET=1
diff --git a/logo.png b/logo.png
index f584f40..6bf43ff 100644
Binary files a/logo.png and b/logo.png differ
diff --git a/nonl.txt b/nonl.txt
new file mode 100644
index 0000000..0a207c0
--- /dev/null
+++ b/nonl.txt
@@ -0,0 +1,2 @@
+a
+b
\\ No newline at end of file
diff --git a/run.sh b/run.sh
old mode 100644
new mode 100755
diff --git a/src/a.ts b/src/a.ts
index 83db48f..a16f0f7 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -1,3 +1,4 @@
 line1
-line2
+line2 changed
 line3
+line4
diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"
index c600332..bd74d4f 100644
--- "a/src/caf\\303\\251.ts"
+++ "b/src/caf\\303\\251.ts"
@@ -1 +1 @@
-é
+è
diff --git a/src/gone.ts b/src/gone.ts
deleted file mode 100644
index 3367afd..0000000
--- a/src/gone.ts
+++ /dev/null
@@ -1 +0,0 @@
-old
diff --git a/src/old name.ts b/src/new name.ts
similarity index 81%
rename from src/old name.ts
rename to src/new name.ts
index 68fb177..c92173a 100644
--- a/src/old name.ts\t
+++ b/src/new name.ts\t
@@ -2,3 +2,4 @@ keep
 same
 same2
 same3
+more
diff --git a/src/new.ts b/src/new.ts
new file mode 100644
index 0000000..3e75765
--- /dev/null
+++ b/src/new.ts
@@ -0,0 +1 @@
+new
`;

/** Binary files deleted and added, and a pure rename (no hunks). */
export const BINARY_AND_RENAME_DIFF = `diff --git a/logo.png b/logo.png
deleted file mode 100644
index 6bf43ff..0000000
Binary files a/logo.png and /dev/null differ
diff --git a/new.bin b/new.bin
new file mode 100644
index 0000000..bdc955b
Binary files /dev/null and b/new.bin differ
diff --git a/src/a.ts b/src/b.ts
similarity index 100%
rename from src/a.ts
rename to src/b.ts
`;

export interface FileSpec {
  readonly path: string;
  /** Lines added in one new-file hunk, or a modification with `hunks` hunks of `lines` changed lines each. */
  readonly lines: number;
  readonly hunks?: number;
  readonly newFile?: boolean;
  readonly text?: (i: number) => string;
}

/** A realistic diff of many files, each modified in `hunks` hunks (3 context lines around each change run). */
export function makeDiff(files: readonly FileSpec[]): string {
  const out: string[] = [];
  for (const f of files) {
    const text = f.text ?? ((i: number) => `  const value${i} = compute(${i}, options); // ${f.path} line ${i}`);
    out.push(`diff --git a/${f.path} b/${f.path}`);
    if (f.newFile) {
      out.push('new file mode 100644', 'index 0000000..1111111', '--- /dev/null', `+++ b/${f.path}`, `@@ -0,0 +1,${f.lines} @@`);
      for (let i = 0; i < f.lines; i++) out.push(`+${text(i)}`);
      continue;
    }
    out.push('index 1111111..2222222 100644', `--- a/${f.path}`, `+++ b/${f.path}`);
    const hunks = f.hunks ?? 1;
    for (let h = 0; h < hunks; h++) {
      const start = 1 + h * (f.lines + 20);
      out.push(`@@ -${start},${6 + f.lines} +${start},${6 + f.lines} @@ export function section${h}()`);
      for (let c = 0; c < 3; c++) out.push(` ${text(start + c)} // before`);
      for (let i = 0; i < f.lines; i++) out.push(`-${text(start + 3 + i)}`);
      for (let i = 0; i < f.lines; i++) out.push(`+${text(start + 3 + i)} // changed in hunk ${h}`);
      for (let c = 0; c < 3; c++) out.push(` ${text(start + 3 + f.lines + c)} // after`);
    }
  }
  return `${out.join('\n')}\n`;
}
