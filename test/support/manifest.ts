// package.json as the tests read it: the contributed settings flattened over their sections, menus and keys.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SettingSchema {
  readonly type?: string | string[];
  readonly default?: unknown;
  readonly scope?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly enum?: unknown[];
  readonly enumDescriptions?: string[];
  readonly markdownEnumDescriptions?: string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Record<string, SettingSchema>;
  readonly required?: string[];
  readonly additionalProperties?: boolean;
  readonly items?: SettingSchema;
}

export interface MenuItem {
  readonly command?: string;
  readonly submenu?: string;
  readonly when?: string;
  readonly group?: string;
}

export interface Keybinding {
  readonly command: string;
  readonly key: string;
  readonly mac?: string;
  readonly win?: string;
  readonly linux?: string;
  readonly when?: string;
}

export interface Manifest {
  readonly capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  readonly contributes: {
    readonly configuration: { title: string; order?: number; properties: Record<string, SettingSchema> }[];
    readonly commands: { command: string; title: string; icon?: string | { light: string; dark: string }; enablement?: string; category?: string }[];
    readonly menus: Record<string, MenuItem[]>;
    readonly keybindings: Keybinding[];
    readonly icons?: Record<string, { description: string; default: { fontPath: string; fontCharacter: string } }>;
    readonly walkthroughs: { steps: { id: string; description: string; completionEvents: string[] }[] }[];
  };
}

export const MANIFEST_PATH = join(__dirname, '..', '..', 'package.json');

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

export function contributedSettings(manifest = readManifest()): Record<string, SettingSchema> {
  return Object.assign({}, ...manifest.contributes.configuration.map((section) => section.properties)) as Record<string, SettingSchema>;
}
