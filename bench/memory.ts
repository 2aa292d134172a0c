// Memory benchmark (issue 19): a restored chat of 200 messages, ten of them 64K-token answers
// (bench/memory/restoredChat.ts).
// 1. Webview (bench/memory/webviewHeap.ts): the real bundle in Chromium; JS heap and DOM nodes after a forced GC
//    once the chat is painted and highlighted. Goals: heap < 150 MB; growth from the 1st to the 10th `init` < 5 MB.
// 2. Extension host (bench/memory/hostHeap.ts, a child process with --expose-gc): the production bundle activated
//    with the stub `vscode`, the chat restored from a real file when the sidebar view says `ready`, then the view
//    closed and opened ten times. Goals: restore < 50 MB of heap; after the 10th closing no more heap (< 1 MB)
//    and no more listeners than after the 1st.
// BENCH_MEMORY_SIDE=webview or =host measures only that side; BENCH_MEMORY_INITS changes the webview's ten inits.
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore, type ChatFileSystem } from '../src/core/chat/store';
import type { MessageView } from '../src/shared/protocol';
import { closeBrowser } from '../test/webview/page';
import { INITS, measureWebview } from './memory/webviewHeap';
import { OPENINGS, type HostMemory } from './memory/hostHeap';
import { CHAT_ID, restoredMessages, storedConversation } from './memory/restoredChat';
import type { BenchResult } from './types';

const ROOT = path.resolve(__dirname, '..');
const MB = 2 ** 20;
const WEBVIEW_HEAP_GOAL_MB = 150;
const REINIT_GROWTH_GOAL_MB = 5;
const RESTORE_GROWTH_GOAL_MB = 50;
const REOPEN_GROWTH_GOAL_MB = 1;
const HOST_TIMEOUT_MS = 5 * 60_000;

const fmt = (n: number) => n.toFixed(1);

async function webviewResults(messages: MessageView[]): Promise<BenchResult[]> {
  try {
    const { empty, inits, shares } = await measureWebview(messages);
    console.log(`  webview DOM: ${shares.transcript} nodes in the transcript, ${shares.inCode} of them in its ${shares.codeBlocks} code blocks`);
    const first = inits[0];
    const last = inits[inits.length - 1];
    const heapMb = first.heapUsed / MB;
    const growthMb = (last.heapUsed - first.heapUsed) / MB;
    const blinkGrowthMb = (last.embedderHeapUsed - first.embedderHeapUsed) / MB;
    return [
      { name: `memory: webview JS heap after GC, restored 200-message chat (empty panel ${fmt(empty.heapUsed / MB)} MB)`, value: heapMb, unit: 'MB', goal: `< ${WEBVIEW_HEAP_GOAL_MB} MB (${fmt(heapMb / WEBVIEW_HEAP_GOAL_MB)}× of goal)`, ok: heapMb < WEBVIEW_HEAP_GOAL_MB },
      { name: `memory: webview JS heap + Blink's heap (DOM, styles, layout; empty panel ${fmt((empty.heapUsed + empty.embedderHeapUsed) / MB)} MB), same chat`, value: (first.heapUsed + first.embedderHeapUsed) / MB, unit: 'MB', goal: `(reported; < ${WEBVIEW_HEAP_GOAL_MB} MB if the goal counts the DOM)`, ok: true },
      { name: `memory: webview DOM nodes, same chat (empty panel ${empty.nodes})`, value: first.nodes, unit: 'nodes', goal: '(reported)', ok: true },
      { name: `memory: webview JS heap growth, 1st → ${INITS}th init of the same chat, after GC (DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.jsEventListeners} → ${last.jsEventListeners})`, value: growthMb, unit: 'MB', goal: `< ${REINIT_GROWTH_GOAL_MB} MB`, ok: growthMb < REINIT_GROWTH_GOAL_MB },
      { name: `memory: webview Blink heap growth, same 1st → ${INITS}th init (${fmt(first.embedderHeapUsed / MB)} → ${fmt(last.embedderHeapUsed / MB)} MB)`, value: blinkGrowthMb, unit: 'MB', goal: `(reported; < ${REINIT_GROWTH_GOAL_MB} MB)`, ok: true },
    ];
  } finally {
    await closeBrowser();
  }
}

/** The chats folder on disk, as the extension's storage holds it. */
function folderChatFileSystem(dir: string): ChatFileSystem {
  return {
    list: async () => fs.readdirSync(dir),
    read: async (name) => fs.readFileSync(path.join(dir, name), 'utf8'),
    write: async (name, content) => fs.writeFileSync(path.join(dir, name), content),
    delete: async (name) => fs.rmSync(path.join(dir, name), { force: true }),
  };
}

function runHostProcess(storageDir: string): Promise<HostMemory> {
  const child = fork(path.join(__dirname, 'memory', 'hostHeap.ts'), [storageDir, CHAT_ID], {
    execArgv: ['--expose-gc', '--require', require.resolve('tsx/cjs')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<HostMemory>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host process gave no result in ${HOST_TIMEOUT_MS} ms`)), HOST_TIMEOUT_MS);
    child.on('message', (message: { result?: HostMemory; error?: string }) => (message.result ? resolve(message.result) : reject(new Error(message.error))));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the host process exited with ${code} and no result`)));
    child.on('exit', () => clearTimeout(timer));
  }).finally(() => child.kill());
}

async function hostResults(messages: MessageView[]): Promise<BenchResult[]> {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-memory-'));
  try {
    fs.mkdirSync(path.join(storageDir, 'chats'));
    await new ConversationStore(folderChatFileSystem(path.join(storageDir, 'chats'))).save(storedConversation(messages));
    const fileMb = fs.statSync(path.join(storageDir, 'chats', `${CHAT_ID}.chat.json`)).size / MB;
    const m = await runHostProcess(storageDir);
    for (const line of m.logged) console.log(`  host log ${line}`);
    const posted = Object.entries(m.firstPosted.byType).map(([type, n]) => `${n} ${type}`).join(', ');
    console.log(`  host: activated ${fmt(m.activated.heapUsed / MB)} MB, ${m.activated.listeners} listeners; restored ${m.restoredMessages} messages (${fmt(fileMb)} MB file) → ${fmt(m.restored.heapUsed / MB)} MB, ${m.restored.listeners} listeners while open; posted ${posted} (${fmt(m.firstPosted.bytes / MB)} MB)`);
    console.log(`  host after each closing: ${m.closed.map((c) => `${fmt(c.heapUsed / MB)} MB/${c.listeners}/${c.surfaces}`).join(', ')} (heap/listeners/surfaces); left on the closed view: ${m.viewListenersLeft.join(', ')}`);
    const restoreMb = (m.restored.heapUsed - m.activated.heapUsed) / MB;
    const first = m.closed[0];
    const last = m.closed[m.closed.length - 1];
    const reopenMb = (last.heapUsed - first.heapUsed) / MB;
    const reopenCodeMb = (last.codeSpaceUsed - first.codeSpaceUsed) / MB;
    const listenerGrowth = last.listeners - first.listeners;
    const viewLeft = Math.max(...m.viewListenersLeft);
    return [
      { name: `memory: host heap growth after GC, restoring the 200-message chat (${fmt(fileMb)} MB on disk) into an open view, with the work it defers (activated: ${fmt(m.activated.heapUsed / MB)} MB)`, value: restoreMb, unit: 'MB', goal: `< ${RESTORE_GROWTH_GOAL_MB} MB`, ok: restoreMb < RESTORE_GROWTH_GOAL_MB },
      { name: `memory: host heap growth after GC, 1st → ${OPENINGS}th closing of the chat view (${fmt(first.heapUsed / MB)} → ${fmt(last.heapUsed / MB)} MB, of which compiled code ${reopenCodeMb.toFixed(2)} MB)`, value: reopenMb, unit: 'MB', goal: `< ${REOPEN_GROWTH_GOAL_MB} MB`, ok: reopenMb < REOPEN_GROWTH_GOAL_MB },
      { name: `memory: host listeners, 1st → ${OPENINGS}th closing (${first.listeners} → ${last.listeners}; ${m.activated.listeners} after activation; surfaces held ${last.surfaces})`, value: listenerGrowth, unit: 'more', goal: '0 more, 0 surfaces', ok: listenerGrowth <= 0 && last.surfaces === 0 },
      { name: 'memory: listeners left on a closed view\'s own events (VS Code drops these when it disposes the view)', value: viewLeft, unit: '', goal: '(reported)', ok: true },
    ];
  } finally {
    fs.rmSync(storageDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<BenchResult[]> {
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: ROOT, stdio: 'ignore' });
  const messages = restoredMessages();
  const chars = messages.reduce((sum, m) => sum + m.text.length, 0);
  console.log(`  restored chat: ${messages.length} messages, ${chars} chars (~${Math.round(chars / 4)} tokens)`);
  const side = process.env.BENCH_MEMORY_SIDE;
  const host = side === 'webview' ? [] : await hostResults(messages);
  return [...(side === 'host' ? [] : await webviewResults(messages)), ...host];
}

if (require.main === module) {
  void run().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (goal ${r.goal}) ${r.ok ? 'OK' : 'MISSED'}`);
  });
}
