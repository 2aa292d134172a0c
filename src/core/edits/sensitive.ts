// Files whose edit can run code or change where things go: they need the user's explicit confirmation.
// Case-insensitive: on macOS and Windows .VSCode/settings.json is the same file.
const SENSITIVE: readonly [RegExp, string][] = [
  [/(^|\/)\.git(\/|$)/i, 'is inside .git'],
  [/(^|\/)\.vscode\/(settings|tasks|launch|extensions)\.json$/i, 'is a VS Code settings or tasks file'],
  [/(^|\/)\.github\/workflows\//i, 'is a CI workflow'],
  [/(^|\/)\.gitlab-ci\.ya?ml$/i, 'is a CI pipeline'],
  [/(^|\/)\.circleci\//i, 'is a CI pipeline'],
  [/(^|\/)azure-pipelines\.ya?ml$/i, 'is a CI pipeline'],
  [/(^|\/)Jenkinsfile$/i, 'is a CI pipeline'],
  [/(^|\/)\.husky\//i, 'is a git hook'],
];

/** Why editing this workspace-relative path needs confirmation, or undefined when it does not. */
export function sensitivePathReason(relativePath: string): string | undefined {
  const path = relativePath.replace(/\\/g, '/');
  for (const [pattern, reason] of SENSITIVE) if (pattern.test(path)) return reason;
  return undefined;
}
