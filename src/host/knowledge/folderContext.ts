// `@folder <path>` / `@workspace`: the folder's files, read through every exclusion rule, packed most relevant first
// into what the chosen model's window has left (core/context/folderPack.ts). Above tandem.context.confirmAboveTokens
// the user is asked once per chat and folder, with the token count and the dollar cost, before anything is sent.
import * as vscode from 'vscode';
import { modelCard } from '../../core/providers/modelCards';
import { describeLeftOut, packFolder, type FolderPack, type PackCandidate } from '../../core/context/folderPack';
import { requestTokens } from '../../core/context/promptTokens';
import { redactContextText } from '../../core/context/redact';
import { TokenCounter } from '../../core/context/tokens';
import { modelHistory } from '../../core/chat/conversation';
import { defaultInstructionBudget } from '../../core/knowledge';
import { describePackCost, parseFolderMention, renderFolderPack, type FolderMention, type PackedText } from '../../core/knowledge/folderMention';
import type { ModelSlot } from '../../core/providers/types';
import { formatTokens, formatUsd } from '../../core/vocabulary';
import { CHAT_SYSTEM_PROMPT } from '../../core/chat/systemPrompt';
import { languageOfPath } from '../../core/context/languages';
import type { Log } from '../log';
import type { TandemSettings } from '../settings';
import type { KnowledgeFiles } from './knowledgeFiles';
import type { KnowledgeChat } from './chatKnowledge';
import { readKnowledgeSettings } from './knowledgeSettings';

/** Most files listed for one folder; a bigger folder is packed from its first files (by path). */
const MAX_FOLDER_FILES = 5_000;
/** Of what the window has left, the share kept for the editor's own context (selection, open files) and the answer's room. */
const EDITOR_CONTEXT_SHARE = 0.2;

export type FolderOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'packed'; readonly block: string; readonly pack: FolderPack; readonly mention: FolderMention }
  | { readonly kind: 'declined' | 'empty'; readonly message: string };

/** "@folder src: 219 files, 72.2K tokens (~$0.0180). 81 files left out: 80 did not fit the budget, 1 are in .tandemignore." */
export function describeFolderSend(outcome: Extract<FolderOutcome, { kind: 'packed' }>): string {
  const { pack, mention } = outcome;
  const leftOut = describeLeftOut(pack);
  return `${mention.label}: ${pack.included.length} files, ${describePackCost(pack, formatTokens, formatUsd)}.${leftOut ? ` ${leftOut}.` : ''}`;
}

export class FolderContext {
  private readonly confirmed = new Set<string>();

  constructor(
    private readonly files: KnowledgeFiles,
    private readonly chat: () => KnowledgeChat,
    private readonly settings: () => TandemSettings,
    private readonly log: Log,
  ) {}

  /** Packs the folder a message mentions, asking first when it is large. */
  async prepare(message: string, slot: ModelSlot): Promise<FolderOutcome> {
    const mention = parseFolderMention(message);
    if (!mention) return { kind: 'none' };
    const counter = new TokenCounter(modelCard(slot).tokens.family);
    const count = (text: string) => counter.count(text);
    const { candidates, texts } = await this.candidates(mention);
    if (candidates.length === 0) return { kind: 'empty', message: `${mention.label}: no files found there. Give a folder of the workspace, e.g. @folder src.` };
    const s = this.settings();
    const model = s[slot];
    const confirmAbove = readKnowledgeSettings().confirmAboveTokens;
    const pack = packFolder(candidates, {
      budget: this.budget(slot, message, count),
      count,
      exclude: await this.files.excludeCheck(),
      anchor: this.activePath(),
      inputPricePerMillion: model.price.inputPerMillion,
      confirmAbove,
    });
    this.log.info(`${mention.label} for ${slot}: ${pack.included.length} file(s), ${pack.totalTokens} of ${pack.budget} tokens, ${pack.leftOut.length} left out.`);
    if (pack.included.length === 0) return { kind: 'empty', message: `${mention.label}: no file could be sent (${pack.leftOut[0]?.message ?? 'all are ignored'}).` };
    const key = `${this.chat().current.id}\u0000${slot}\u0000${mention.folder}`;
    if (pack.needsConfirmation && !this.confirmed.has(key)) {
      const cost = describePackCost(pack, formatTokens, formatUsd);
      const send = 'Send';
      const choice = await vscode.window.showWarningMessage(
        `${mention.label} adds ${pack.included.length} files to this question: ${cost}. Send it?`,
        { modal: true, detail: `Above ${formatTokens(confirmAbove)} tokens Tandem asks once per chat (tandem.context.confirmAboveTokens).` },
        send,
      );
      if (choice !== send) return { kind: 'declined', message: `Not sent: ${mention.label} would have sent ${cost}.` };
      this.confirmed.add(key);
    }
    return { kind: 'packed', block: renderFolderPack(mention, pack, texts), pack, mention };
  }

  /** The window, less the answer's room, the chat so far with the system prompt and its instructions, and a share for the editor's context. */
  private budget(slot: ModelSlot, message: string, count: (text: string) => number): number {
    const s = this.settings();
    const model = s[slot];
    const used = requestTokens(modelHistory(this.chat().current.messages), CHAT_SYSTEM_PROMPT, count) + count(message) + defaultInstructionBudget(model.contextWindow);
    const left = model.contextWindow - model.maxOutputTokens - used;
    return Math.max(0, Math.floor(left * (1 - EDITOR_CONTEXT_SHARE)));
  }

  private activePath(): string | undefined {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    return editor ? this.files.pathOf(editor.document.uri) : undefined;
  }

  /** Every file of the folder that passes the name rules, read (open editors' unsaved text first). */
  private async candidates(mention: FolderMention): Promise<{ candidates: PackCandidate[]; texts: Map<string, PackedText> }> {
    const glob = mention.folder === '' ? '**/*' : `${mention.folder}/**/*`;
    const roots = this.files.roots;
    const listed = roots.length === 1 || mention.folder === '' ? await this.files.list([glob], MAX_FOLDER_FILES) : await this.listInRoot(mention.folder);
    const exclude = await this.files.excludeCheck();
    const open = new Map(vscode.workspace.textDocuments.map((d) => [this.files.pathOf(d.uri), d] as const));
    const candidates: PackCandidate[] = [];
    const texts = new Map<string, PackedText>();
    for (const path of listed) {
      const byName = exclude(path);
      if (byName.excluded) {
        candidates.push({ path, sizeBytes: 0 }); // never read; the packer reports why it was left out
        continue;
      }
      const document = open.get(path);
      const sizeBytes = document ? document.getText().length : await this.files.size(path);
      if (sizeBytes === undefined) continue;
      const big = exclude(path, { sizeBytes });
      const raw = big.excluded ? undefined : await this.files.read(path);
      const languageId = document?.languageId ?? languageOfPath(path);
      const text = raw === undefined ? undefined : redactContextText(raw, languageId, path);
      if (text !== undefined) texts.set(path, { path, languageId, text });
      candidates.push({
        path,
        sizeBytes,
        languageId,
        ...(text !== undefined ? { text } : {}),
        ...(document ? { open: true } : {}),
        ...(document?.isDirty ? { editedAt: Date.now() } : {}),
      });
    }
    return { candidates, texts };
  }

  /** In a multi-root workspace `@folder app/src` names the folder `app` and its `src`. */
  private async listInRoot(folder: string): Promise<string[]> {
    const all = await this.files.list(['**/*'], MAX_FOLDER_FILES);
    return all.filter((p) => p === folder || p.startsWith(`${folder}/`));
  }
}
