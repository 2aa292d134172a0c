// Suggestions already paid for, keyed by the text around the cursor when they were asked for. Typing the
// characters of a shown suggestion, or deleting back to where one was shown, finds it again, shortened by what
// was typed: no request. An editor that auto-closes a bracket while the user types through (`foo(` → `foo()`)
// still matches: the inserted closer becomes part of the range the rest of the suggestion replaces.
import type { CompletionAnswer, CompletionDocument } from './types';

/** Characters of the prefix and suffix compared besides the lengths: edits farther away hardly ever keep both. */
const PREFIX_TAIL = 512;
const SUFFIX_HEAD = 256;
export const DEFAULT_CACHE_ENTRIES = 64;

interface Entry {
  readonly id: number;
  readonly path: string;
  readonly prefixLength: number;
  readonly prefixTail: string;
  readonly suffixLength: number;
  readonly suffixHead: string;
  readonly answer: CompletionAnswer;
}

export interface CacheHit {
  readonly answer: CompletionAnswer;
  /** The same id for a suggestion and every shortened form of it. */
  readonly suggestionId: number;
  /** Characters of it the user has typed. */
  readonly typed: number;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const char of haystack) if (i < needle.length && char === needle[i]) i++;
  return i === needle.length;
}

export class CompletionCache {
  private entries: Entry[] = [];
  private nextId = 1;

  constructor(private readonly maxEntries = DEFAULT_CACHE_ENTRIES) {}

  /** Remembers the suggestion for this document and cursor; returns its id. */
  store(doc: CompletionDocument, answer: CompletionAnswer): number {
    const entry: Entry = {
      id: this.nextId++,
      path: doc.path,
      prefixLength: doc.offset,
      prefixTail: doc.text.slice(Math.max(0, doc.offset - PREFIX_TAIL), doc.offset),
      suffixLength: doc.text.length - doc.offset,
      suffixHead: doc.text.slice(doc.offset, doc.offset + SUFFIX_HEAD),
      answer,
    };
    this.entries = [entry, ...this.entries.filter((e) => !(e.path === entry.path && e.prefixLength === entry.prefixLength && e.prefixTail === entry.prefixTail))];
    if (this.entries.length > this.maxEntries) this.entries.length = this.maxEntries;
    return entry.id;
  }

  lookup(doc: CompletionDocument): CacheHit | undefined {
    for (const entry of this.entries) {
      const hit = this.match(entry, doc);
      if (!hit) continue;
      this.entries = [entry, ...this.entries.filter((e) => e !== entry)];
      return hit;
    }
    return undefined;
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  private match(entry: Entry, doc: CompletionDocument): CacheHit | undefined {
    if (entry.path !== doc.path) return undefined;
    const { text, replaceLength } = entry.answer;
    const typed = doc.offset - entry.prefixLength;
    if (typed < 0 || typed >= text.length) return undefined;
    if (doc.text.slice(doc.offset - typed, doc.offset) !== text.slice(0, typed)) return undefined;
    if (doc.text.slice(entry.prefixLength - entry.prefixTail.length, entry.prefixLength) !== entry.prefixTail) return undefined;

    // The file after the replaced characters must still follow; what sits between is what the rest replaces.
    const kept = entry.suffixLength - replaceLength;
    const pending = doc.text.length - doc.offset - kept;
    if (pending < 0) return undefined;
    const keptHead = entry.suffixHead.slice(replaceLength);
    if (doc.text.slice(doc.offset + pending, doc.offset + pending + keptHead.length) !== keptHead) return undefined;
    const remaining = text.slice(typed);
    const between = doc.text.slice(doc.offset, doc.offset + pending);
    if (/[\r\n]/.test(between) || !isSubsequence(between, remaining)) return undefined;
    return { answer: { text: remaining, replaceLength: pending }, suggestionId: entry.id, typed };
  }
}
