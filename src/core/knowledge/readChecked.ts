// Reading a workspace file the project's knowledge comes from (instructions, prompt files): the exclusion rules run
// on the name before the file is read, so a secret or ignored file is never opened, and again on its content (size,
// binary), as the context file reader does. Secret-looking names are refused even when the host passes no rules.
import { secretVerdict, type ExcludeCheck, type ExcludeResult, type FileFacts } from '../context/exclude';

export type TextReader = (path: string) => Promise<string | undefined>;

export type CheckedRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'excluded' | 'unreadable'; readonly message: string };

function check(path: string, exclude: ExcludeCheck | undefined, facts?: FileFacts): ExcludeResult {
  const secret = secretVerdict(path);
  return secret.excluded || !exclude ? secret : exclude(path, facts);
}

export async function readChecked(path: string, read: TextReader, exclude?: ExcludeCheck): Promise<CheckedRead> {
  const byName = check(path, exclude);
  if (byName.excluded) return { ok: false, reason: 'excluded', message: byName.message };
  let text: string | undefined;
  try {
    text = await read(path);
  } catch {
    text = undefined;
  }
  if (text === undefined) return { ok: false, reason: 'unreadable', message: `${path} could not be read.` };
  const byContent = check(path, exclude, { sizeBytes: text.length, sample: text });
  if (byContent.excluded) return { ok: false, reason: 'excluded', message: byContent.message };
  return { ok: true, text };
}
