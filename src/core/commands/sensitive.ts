// Files whose edit can run code or change where things go: they need the user's explicit confirmation.
const SENSITIVE: readonly [RegExp, string][] = [
  [/(^|\/)\.git(\/|$)/, 'is inside .git'],
  [/(^|\/)\.vscode\/(settings|tasks|launch|extensions)\.json$/, 'is a VS Code settings or tasks file'],
  [/(^|\/)\.github\/workflows\//, 'is a CI workflow'],
  [/(^|\/)\.gitlab-ci\.ya?ml$/, 'is a CI pipeline'],
  [/(^|\/)\.circleci\//, 'is a CI pipeline'],
  [/(^|\/)azure-pipelines\.ya?ml$/, 'is a CI pipeline'],
  [/(^|\/)Jenkinsfile$/, 'is a CI pipeline'],
  [/(^|\/)\.husky\//, 'is a git hook'],
];

/** Why editing this workspace-relative path needs confirmation, or undefined when it does not. */
export function sensitivePathReason(relativePath: string): string | undefined {
  const path = relativePath.replace(/\\/g, '/');
  // Case-insensitive: on macOS and Windows .VSCode/settings.json is the same file.
  for (const [pattern, reason] of SENSITIVE) if (new RegExp(pattern.source, 'i').test(path)) return reason;
  return undefined;
}
