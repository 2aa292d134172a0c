import * as vscode from 'vscode';
import { CREDENTIALS, credentialInfo, type CredentialId } from '../../core/providers/endpointKinds';

/** What is saved in SecretStorage: the secret and the origins it may be sent to. */
interface StoredCredential {
  readonly secret: string;
  readonly origins: readonly string[];
}

export interface Credential {
  readonly secret: string;
  /** Origins the user has allowed this secret to go to; an environment-variable key goes where settings say. */
  readonly origins: readonly string[] | 'any';
}

const SECRET_PREFIX = 'tandem.credential.';

/**
 * API keys in VS Code SecretStorage, one entry per credential. Each is read once per window and kept in memory
 * (SecretStorage reads can take a second on some platforms); a change from another window clears the cache.
 */
export class KeyStore implements vscode.Disposable {
  private readonly cache = new Map<CredentialId, StoredCredential | null>();
  private readonly listener: vscode.Disposable;
  private readonly changed = new vscode.EventEmitter<CredentialId>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.listener = secrets.onDidChange((e) => {
      if (!e.key.startsWith(SECRET_PREFIX)) return;
      const id = e.key.slice(SECRET_PREFIX.length) as CredentialId;
      this.cache.delete(id);
      this.changed.fire(id);
    });
  }

  async get(id: CredentialId): Promise<Credential | undefined> {
    const stored = await this.read(id);
    if (stored) return stored;
    const envVar = credentialInfo(id)?.envVar;
    const fromEnv = envVar ? this.env[envVar]?.trim() : undefined;
    return fromEnv ? { secret: fromEnv, origins: 'any' } : undefined;
  }

  async set(id: CredentialId, secret: string, origins: readonly string[]): Promise<void> {
    const value: StoredCredential = { secret, origins: [...new Set(origins)] };
    this.cache.set(id, value);
    await this.secrets.store(SECRET_PREFIX + id, JSON.stringify(value));
  }

  /** Remembers the user's consent to send this credential to one more origin. */
  async allowOrigin(id: CredentialId, origin: string): Promise<void> {
    const stored = await this.read(id);
    if (stored && !stored.origins.includes(origin)) await this.set(id, stored.secret, [...stored.origins, origin]);
  }

  async delete(id: CredentialId): Promise<void> {
    this.cache.set(id, null);
    await this.secrets.delete(SECRET_PREFIX + id);
  }

  /** Every secret known in this window, for redaction of anything shown or logged. */
  knownSecrets(): string[] {
    const secrets: string[] = [];
    for (const value of this.cache.values()) if (value) secrets.push(value.secret);
    for (const c of CREDENTIALS) {
      const fromEnv = c.envVar ? this.env[c.envVar]?.trim() : undefined;
      if (fromEnv) secrets.push(fromEnv);
    }
    return secrets;
  }

  private async read(id: CredentialId): Promise<StoredCredential | undefined> {
    if (!this.cache.has(id)) {
      const raw = await this.secrets.get(SECRET_PREFIX + id);
      this.cache.set(id, parseStored(raw));
    }
    return this.cache.get(id) ?? undefined;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

function parseStored(raw: string | undefined): StoredCredential | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredCredential>;
    if (typeof value.secret === 'string' && Array.isArray(value.origins) && value.origins.every((o) => typeof o === 'string')) {
      return { secret: value.secret, origins: value.origins };
    }
  } catch {
    // fall through: an unreadable entry is treated as no key
  }
  return null;
}
