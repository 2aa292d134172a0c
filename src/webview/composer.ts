// The prompt box: Enter sends, Shift+Enter adds a line, Up/Down recall earlier prompts; images by paste,
// drop or file picker; model and thinking pickers; Send turns into Stop while an answer streams.
import { IMAGE_MIME_TYPES, THINKING_LEVELS, type ImageAttachment, type ImageMimeType, type ModelSlot, type ThinkingLevel } from '../core/vocabulary';
import { LIMITS, type ModelOption, type SlashCommandView } from '../shared/protocol';
import { h, iconButton } from './dom';
import { codiconClass } from './icons';
import { Picker } from './picker';
import { SlashMenu } from './slashMenu';

export interface ComposerHandlers {
  send(text: string, images: readonly ImageAttachment[]): void;
  stop(): void;
  setModel(model: ModelSlot): void;
  setThinkingLevel(level: ThinkingLevel): void;
  addContext(): void;
  draftChanged(draft: string, recall: readonly string[]): void;
  notice(text: string): void;
}

const MAX_IMAGE_BYTES = 7 * 1024 * 1024;
/** The composer width below which the full model names and the thinking picker do not both fit. */
const COMPACT_BELOW_PX = 400;

/** "Gemini 3.1 Flash-Lite" → "Gemini", "GPT-5.3 Chat" → "GPT-5.3": the family, where space is short. */
export function shortModelName(label: string): string {
  return label.split(' ')[0];
}

export class Composer {
  readonly element: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly imageTray = h('div', { class: 'image-tray', attrs: { 'data-testid': 'image-tray' } });
  private readonly modelPicker = new Picker('Model', 'model-picker', (model) => {
    this.handlers.setModel(model as ModelSlot);
    this.renderModelTitle();
    this.updateThinkingVisibility();
  });
  private readonly thinkingPicker = new Picker('Thinking level', 'thinking-picker', (level) => this.handlers.setThinkingLevel(level as ThinkingLevel));
  /** The lightbulb says "thinking", so the options can be one word each and both pickers fit a narrow sidebar. */
  private readonly thinking = h('span', { class: 'picker-group', title: 'Gemini thinking level: more thinking answers later and bills more thought tokens' }, h('span', { class: codiconClass('lightbulb') }), this.thinkingPicker.element);
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly fileInput = h('input', { attrs: { type: 'file', accept: IMAGE_MIME_TYPES.join(','), multiple: '', hidden: '' } });
  private readonly slash = new SlashMenu((command) => this.complete(command));
  private images: ImageAttachment[] = [];
  private recall: string[];
  private recallIndex = -1;
  private busy = false;

  constructor(private readonly handlers: ComposerHandlers, draft: string, recall: readonly string[]) {
    this.recall = [...recall];
    this.input = h('textarea', {
      class: 'prompt-input',
      attrs: { rows: '1', placeholder: 'Ask Tandem… (Enter to send, Shift+Enter for a new line)', 'aria-label': 'Message Tandem', 'data-testid': 'prompt-input' },
    });
    this.input.value = draft;
    this.thinkingPicker.setOptions(THINKING_LEVELS.map((level) => ({ value: level, label: `${level[0].toUpperCase()}${level.slice(1)}` })));
    this.sendButton = iconButton('send', 'Send (Enter)', () => this.submit(), 'send');
    this.sendButton.classList.add('send-button');
    this.stopButton = iconButton('debug-stop', 'Stop', () => this.handlers.stop(), 'stop');
    this.stopButton.classList.add('stop-button');
    this.stopButton.hidden = true;

    const toolbar = h(
      'div',
      { class: 'composer-toolbar' },
      this.modelPicker.element,
      this.thinking,
      iconButton('file-media', 'Attach Image…', () => this.fileInput.click(), 'attach-image'),
      iconButton('mention', 'Add File to Context…', () => this.handlers.addContext(), 'add-context'),
      h('span', { class: 'spacer' }),
      this.sendButton,
      this.stopButton,
    );
    const box = h('div', { class: 'composer-box' }, this.imageTray, this.input, toolbar);
    this.element = h('div', { class: 'composer', attrs: { 'data-testid': 'composer' } }, this.slash.element, box, this.fileInput);

    this.input.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.input.addEventListener('input', () => {
      this.recallIndex = -1;
      this.autosize();
      this.slash.update(this.input.value);
      this.handlers.draftChanged(this.input.value, this.recall);
    });
    this.input.addEventListener('blur', () => this.slash.close());
    this.input.addEventListener('paste', (e) => {
      const files = [...(e.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (files.length) {
        e.preventDefault();
        void this.addFiles(files);
      }
    });
    box.addEventListener('dragover', (e) => {
      if ([...(e.dataTransfer?.items ?? [])].some((i) => i.kind === 'file')) {
        e.preventDefault();
        box.classList.add('drop-target');
      }
    });
    box.addEventListener('dragleave', () => box.classList.remove('drop-target'));
    box.addEventListener('drop', (e) => {
      box.classList.remove('drop-target');
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) {
        e.preventDefault();
        void this.addFiles(files);
      }
    });
    this.fileInput.addEventListener('change', () => {
      void this.addFiles([...(this.fileInput.files ?? [])]);
      this.fileInput.value = '';
    });
    requestAnimationFrame(() => this.autosize());
    // Below this width the model picker shows short names ("Gemini", "GPT-5.3"); the full name is its tooltip.
    new ResizeObserver(([entry]) => this.setCompact(entry.contentRect.width < COMPACT_BELOW_PX)).observe(this.element);
  }

  private setCompact(compact: boolean): void {
    this.modelPicker.setCompact(compact);
  }

  private renderModelTitle(): void {
    const current = this.models.find((m) => m.slot === this.modelPicker.value);
    this.modelPicker.title = current ? `Model: ${current.label} (${current.modelId})` : 'Model';
  }

  private models: readonly ModelOption[] = [];

  setModels(models: readonly ModelOption[], model: ModelSlot, thinkingLevel: ThinkingLevel): void {
    this.models = models;
    this.modelPicker.setOptions(models.map((m) => ({ value: m.slot, label: m.label, shortLabel: shortModelName(m.label), detail: m.modelId })));
    this.modelPicker.value = model;
    this.renderModelTitle();
    this.thinkingPicker.value = thinkingLevel;
    this.updateThinkingVisibility();
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
    this.element.classList.toggle('busy', busy);
  }

  /** Text from a command (Ask About Selection); sends at once when asked to. */
  prefill(text: string, send: boolean): void {
    this.input.value = text;
    this.autosize();
    if (send) this.submit();
    else this.focus();
  }

  focus(): void {
    this.input.focus();
  }

  private updateThinkingVisibility(): void {
    const current = this.models.find((m) => m.slot === this.modelPicker.value);
    this.thinking.hidden = !current?.supportsThinking;
  }

  /** The `/` completions: built-ins and the workspace's prompt files. */
  setSlashCommands(commands: readonly SlashCommandView[]): void {
    this.slash.setCommands(commands);
    if (document.activeElement === this.input) this.slash.update(this.input.value);
  }

  private complete(command: SlashCommandView): void {
    this.input.value = `/${command.name} `;
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    this.autosize();
    this.handlers.draftChanged(this.input.value, this.recall);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (this.slash.onKey(e)) return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'ArrowUp' && this.caretOnFirstLine() && this.recall.length) {
      if (this.recallIndex === -1 && this.input.value.trim() && !this.recall.includes(this.input.value)) return;
      e.preventDefault();
      this.recallIndex = this.recallIndex === -1 ? this.recall.length - 1 : Math.max(0, this.recallIndex - 1);
      this.showRecalled();
    } else if (e.key === 'ArrowDown' && this.recallIndex !== -1 && this.caretOnLastLine()) {
      e.preventDefault();
      this.recallIndex++;
      if (this.recallIndex >= this.recall.length) {
        this.recallIndex = -1;
        this.input.value = '';
        this.autosize();
      } else this.showRecalled();
    } else if (e.key === 'Escape' && this.busy) {
      this.handlers.stop();
    }
  }

  private showRecalled(): void {
    this.input.value = this.recall[this.recallIndex] ?? '';
    this.autosize();
    this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  private caretOnFirstLine(): boolean {
    return !this.input.value.slice(0, this.input.selectionStart).includes('\n');
  }

  private caretOnLastLine(): boolean {
    return !this.input.value.slice(this.input.selectionEnd).includes('\n');
  }

  private submit(): void {
    const text = this.input.value;
    if (this.busy || (!text.trim() && this.images.length === 0)) return;
    if (text.length > LIMITS.promptChars) {
      this.handlers.notice(`The message is too long (${text.length.toLocaleString()} characters; at most ${LIMITS.promptChars.toLocaleString()}). Add large files as context instead.`);
      return;
    }
    this.slash.close();
    this.handlers.send(text, this.images);
    if (text.trim()) this.recall = [...this.recall.filter((r) => r !== text), text].slice(-50);
    this.recallIndex = -1;
    this.input.value = '';
    this.images = [];
    this.renderImages();
    this.autosize();
    this.handlers.draftChanged('', this.recall);
  }

  private async addFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      if (!(IMAGE_MIME_TYPES as readonly string[]).includes(file.type)) {
        this.handlers.notice(`${file.name || 'That file'} is not an image Tandem can send (PNG, JPEG, WebP or GIF).`);
        continue;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        this.handlers.notice(`${file.name || 'The image'} is larger than 7 MB.`);
        continue;
      }
      if (this.images.length >= LIMITS.images) {
        this.handlers.notice(`At most ${LIMITS.images} images per message.`);
        break;
      }
      this.images.push({ mimeType: file.type as ImageMimeType, data: await toBase64(file) });
    }
    this.renderImages();
  }

  private renderImages(): void {
    this.imageTray.replaceChildren(
      ...this.images.map((image, index) =>
        h(
          'div',
          { class: 'image-chip' },
          h('img', { attrs: { src: `data:${image.mimeType};base64,${image.data}`, alt: `Image ${index + 1}` } }),
          iconButton('close', 'Remove Image', () => {
            this.images.splice(index, 1);
            this.renderImages();
          }),
        ),
      ),
    );
    this.imageTray.hidden = this.images.length === 0;
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 240)}px`;
  }
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
