// Contributed keybindings against VS Code's own defaults, per platform: pure, so the unit test (against the snapshot
// in test/fixtures/vscode-keybindings) and the e2e test (against the defaults a running code-server lists) share it.

export type Platform = 'linux' | 'mac' | 'win';
export const PLATFORMS: readonly Platform[] = ['linux', 'mac', 'win'];

export interface ContributedKeybinding {
  readonly command: string;
  readonly key: string;
  readonly mac?: string;
  readonly win?: string;
  readonly linux?: string;
  readonly when?: string;
}

/** Default key (canonical) → the commands VS Code binds to it on one platform. */
export type DefaultKeys = Readonly<Record<string, readonly string[]>>;

const MODIFIER_ORDER = ['ctrl', 'shift', 'alt', 'meta'] as const;
const MODIFIER_ALIASES: Record<string, (typeof MODIFIER_ORDER)[number]> = { ctrl: 'ctrl', shift: 'shift', alt: 'alt', option: 'alt', cmd: 'meta', meta: 'meta', win: 'meta', super: 'meta' };

/** One chord part in a fixed modifier order, lower case: "Cmd+Alt+Y" → "alt+meta+y". */
function canonicalPart(part: string): string {
  const pieces = part.toLowerCase().split('+').filter((p) => p !== '');
  const key = pieces.pop() ?? '';
  const mods = new Set(pieces.map((p) => MODIFIER_ALIASES[p] ?? p));
  return [...MODIFIER_ORDER.filter((m) => mods.has(m)), key].join('+');
}

/** "ctrl+k ctrl+t" → canonical parts joined by one space. */
export function canonicalKey(key: string): string {
  return key.trim().split(/\s+/).map(canonicalPart).join(' ');
}

/** The key a contribution has on a platform, as VS Code picks it: the platform's own field, else `key`. */
export function keyOn(binding: ContributedKeybinding, platform: Platform): string {
  return canonicalKey(binding[platform] ?? binding.key);
}

/**
 * Chords the operating system or desktop takes before VS Code sees them (a small table, not exhaustive): GNOME and
 * KDE open a terminal on Ctrl+Alt+T and lock on Ctrl+Alt+L; macOS hides, minimizes, quits and screenshots.
 */
const SYSTEM_KEYS: Readonly<Record<Platform, readonly string[]>> = {
  linux: ['ctrl+alt+t', 'ctrl+alt+l', 'ctrl+alt+d', 'ctrl+alt+delete', 'ctrl+alt+backspace', 'ctrl+alt+up', 'ctrl+alt+down', 'ctrl+alt+left', 'ctrl+alt+right', 'alt+tab', 'alt+f1', 'alt+f2', 'alt+f4', 'ctrl+alt+tab'],
  mac: ['meta+space', 'ctrl+space', 'ctrl+meta+space', 'meta+tab', 'meta+h', 'alt+meta+h', 'meta+m', 'meta+q', 'ctrl+meta+q', 'ctrl+meta+f', 'alt+meta+d', 'alt+meta+escape', 'shift+meta+3', 'shift+meta+4', 'shift+meta+5', 'meta+`', 'ctrl+up', 'ctrl+down', 'ctrl+left', 'ctrl+right'],
  win: ['ctrl+alt+delete', 'ctrl+shift+escape', 'alt+tab', 'alt+f4', 'ctrl+escape', 'alt+escape', 'alt+space'],
};

/**
 * Desktop-only defaults the browser workbench does not register (window, zoom, developer and OS-integration actions
 * of src/vs/workbench/electron-browser), so the defaults read from code-server lack them.
 */
export const DESKTOP_ONLY_DEFAULTS: Readonly<Record<Platform, Readonly<Record<string, readonly string[]>>>> = {
  linux: {
    'ctrl+shift+w': ['workbench.action.closeWindow'], 'ctrl+q': ['workbench.action.quit'], 'ctrl+shift+i': ['workbench.action.toggleDevTools'],
    'ctrl+=': ['workbench.action.zoomIn'], 'ctrl+shift+=': ['workbench.action.zoomIn'], 'ctrl+-': ['workbench.action.zoomOut'], 'ctrl+shift+-': ['workbench.action.zoomOut'],
    'ctrl+numpad0': ['workbench.action.zoomReset'], 'ctrl+k r': ['workbench.action.files.revealActiveFileInWindows'], 'ctrl+k ctrl+o': ['workbench.action.files.openFolder'],
    'ctrl+shift+c': ['workbench.action.terminal.openNativeConsole'],
  },
  mac: {
    'shift+meta+w': ['workbench.action.closeWindow'], 'meta+q': ['workbench.action.quit'], 'alt+meta+i': ['workbench.action.toggleDevTools'],
    'meta+=': ['workbench.action.zoomIn'], 'shift+meta+=': ['workbench.action.zoomIn'], 'meta+-': ['workbench.action.zoomOut'], 'shift+meta+-': ['workbench.action.zoomOut'],
    'meta+numpad0': ['workbench.action.zoomReset'], 'meta+k r': ['workbench.action.files.revealActiveFileInWindows'], 'ctrl+w': ['workbench.action.switchWindow'],
    'ctrl+r': ['workbench.action.quickSwitchWindow'], 'shift+meta+c': ['workbench.action.terminal.openNativeConsole'],
  },
  win: {
    'ctrl+shift+w': ['workbench.action.closeWindow'], 'ctrl+shift+i': ['workbench.action.toggleDevTools'], 'ctrl+=': ['workbench.action.zoomIn'],
    'ctrl+shift+=': ['workbench.action.zoomIn'], 'ctrl+-': ['workbench.action.zoomOut'], 'ctrl+shift+-': ['workbench.action.zoomOut'], 'ctrl+numpad0': ['workbench.action.zoomReset'],
    'ctrl+k r': ['workbench.action.files.revealActiveFileInWindows'], 'ctrl+k ctrl+o': ['workbench.action.files.openFolder'], 'ctrl+shift+c': ['workbench.action.terminal.openNativeConsole'],
  },
};

/** The browser workbench's defaults plus the desktop-only ones. */
export function withDesktopDefaults(defaults: DefaultKeys, platform: Platform): DefaultKeys {
  const merged: Record<string, readonly string[]> = { ...defaults };
  for (const [key, commands] of Object.entries(DESKTOP_ONLY_DEFAULTS[platform])) merged[key] = [...new Set([...(merged[key] ?? []), ...commands])];
  return merged;
}

/** Keys that type a character when held with AltGr (Windows: Ctrl+Alt) or Option (macOS) on common layouts. */
const PRINTABLE = /^(?:[a-z0-9]|[`\-=[\];',./\\]|oem_\d+|numpad\d)$/;

/**
 * Why a chord part types text instead of reaching a command: AltGr+letter is €, ń, @, [ on German, Polish, French,
 * Spanish, Swedish and Czech layouts (Windows sends it as Ctrl+Alt); Option+letter is a character on every macOS
 * layout; Alt+letter opens a menu on Windows and Linux.
 */
function typesText(part: string, platform: Platform): string | undefined {
  const pieces = part.split('+');
  const key = pieces.pop() ?? '';
  const mods = new Set(pieces);
  if (!PRINTABLE.test(key)) return undefined;
  if (platform === 'win' && mods.has('ctrl') && mods.has('alt') && !mods.has('meta')) return 'is AltGr+key on Windows (a character on many layouts)';
  if (platform === 'mac' && mods.has('alt') && !mods.has('meta') && !mods.has('ctrl')) return 'is Option+key on macOS (a character on every layout)';
  if (platform !== 'mac' && mods.has('alt') && mods.size === 1) return 'is Alt+key, a menu mnemonic on Windows and Linux';
  return undefined;
}

/**
 * A default VS Code binding a contribution may share, because it means the same thing there: VS Code's own chat
 * edits bind Keep/Undo at the cursor, Keep/Undo in the file and next/previous change to these keys, under a `when`
 * as narrow as ours (the other defaults on those keys are the ones VS Code itself shadows in that situation).
 */
export const MIRRORED_COMMANDS: Readonly<Record<string, { readonly vscode: string; readonly requiredWhen: string }>> = {
  'tandem.suggestion.accept': { vscode: 'chatEditor.action.acceptHunk', requiredWhen: 'tandem.cursorInSuggestion' },
  'tandem.suggestion.reject': { vscode: 'chatEditor.action.undoHunk', requiredWhen: 'tandem.cursorInSuggestion' },
  'tandem.suggestion.acceptAll': { vscode: 'chatEditor.action.accept', requiredWhen: 'tandem.suggestionPending' },
  'tandem.suggestion.rejectAll': { vscode: 'chatEditor.action.reject', requiredWhen: 'tandem.suggestionPending' },
  'tandem.suggestion.next': { vscode: 'chatEditor.action.navigateNext', requiredWhen: 'tandem.suggestionPending' },
  'tandem.suggestion.previous': { vscode: 'chatEditor.action.navigatePrevious', requiredWhen: 'tandem.suggestionPending' },
};

const chordStartCache = new WeakMap<DefaultKeys, Set<string>>();
function chordStarts(defaults: DefaultKeys): Set<string> {
  let starts = chordStartCache.get(defaults);
  if (!starts) {
    starts = new Set(Object.keys(defaults).filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]));
    chordStartCache.set(defaults, starts);
  }
  return starts;
}

/** Every problem with the contributed keys on one platform; empty when none clashes. */
export function keybindingProblems(contributed: readonly ContributedKeybinding[], browserDefaults: DefaultKeys, platform: Platform): string[] {
  const defaults = withDesktopDefaults(browserDefaults, platform);
  const problems: string[] = [];
  const ours = new Map<string, string>();
  for (const binding of contributed) {
    const key = keyOn(binding, platform);
    const where = `${platform}: ${binding.command} on ${key}`;
    const twin = ours.get(key);
    if (twin) problems.push(`${where} is also ${twin}'s key`);
    ours.set(key, binding.command);
    const parts = key.split(' ');
    if (SYSTEM_KEYS[platform].includes(parts[0])) problems.push(`${where}: the operating system takes ${parts[0]}`);
    for (const part of parts) {
      const text = typesText(part, platform);
      if (text) problems.push(`${where}: ${part} ${text}`);
    }
    const taken = new Set<string>();
    for (const [other, commands] of Object.entries(defaults)) {
      // Our single key as the start of a default chord hides that chord; a default single key that is not also a
      // chord start of VS Code's own (Cmd+K clears the terminal, Cmd+K … chords still work) swallows our chord.
      const blocks = other === key || other.startsWith(`${key} `) || (key.startsWith(`${other} `) && !chordStarts(defaults).has(other));
      if (blocks) for (const command of commands) taken.add(command);
    }
    const mirror = MIRRORED_COMMANDS[binding.command];
    if (taken.size === 0) continue;
    if (mirror && (defaults[key] ?? []).includes(mirror.vscode)) {
      if (!(binding.when ?? '').split(/\s*&&\s*/).includes(mirror.requiredWhen)) problems.push(`${where} shares ${mirror.vscode}'s key, so it needs "${mirror.requiredWhen}" in its when`);
      continue;
    }
    problems.push(`${where} clashes with VS Code's ${[...taken].sort().join(', ')}`);
  }
  return problems;
}

/** The entries of "Preferences: Open Default Keyboard Shortcuts (JSON)": JSON with `//` comment lines. */
export function parseKeybindingEntries(text: string): { key: string; command: string; when?: string }[] {
  const json = text.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n');
  return JSON.parse(json) as { key: string; command: string; when?: string }[];
}

/** VS Code's defaults by canonical key, Tandem's own entries left out. */
export function parseDefaultKeybindings(text: string): DefaultKeys {
  const byKey: Record<string, string[]> = {};
  for (const { key, command } of parseKeybindingEntries(text)) {
    if (command.startsWith('tandem.') || command.startsWith('-')) continue;
    (byKey[canonicalKey(key)] ??= []).push(command);
  }
  return Object.fromEntries(Object.entries(byKey).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...new Set(v)].sort()]));
}
