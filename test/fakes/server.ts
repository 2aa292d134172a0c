// A scriptable HTTP server on 127.0.0.1 that records every request and replays scripted replies byte by byte,
// with faults on demand. The model fakes (gemini.ts, openai.ts) build replies for it; unit tests, e2e tests and
// benchmarks all use the same server.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Step =
  | { readonly write: string | Uint8Array }
  | { readonly delayMs: number }
  /** Keep the connection open and send nothing more (for timeouts and Stop). */
  | { readonly stall: true }
  /** Drop the connection without ending the response. */
  | { readonly destroy: true };

export interface Reply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly steps: readonly Step[];
}

export type Responder = Reply | ((request: RecordedRequest) => Reply);

export interface RecordedRequest {
  readonly method: string;
  /** Path and query, e.g. /v1beta/models/x:streamGenerateContent?alt=sse */
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly receivedAt: number;
  /** When the request's head had arrived (before its body was read), as `performance.timeOrigin + performance.now()`:
   * sub-millisecond, and comparable with a browser page's clock. */
  readonly headAt: number;
  /** Resolves with the time the client's socket closed. */
  readonly closed: Promise<number>;
  json<T = Record<string, unknown>>(): T;
}

export class FakeServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Responder[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly sockets = new Set<Socket>();
  fallback: Responder = { status: 404, headers: { 'content-type': 'application/json' }, steps: [{ write: '{"error":{"message":"no scripted reply"}}' }] };

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeServer> {
    const server = http.createServer();
    const fake = new FakeServer(server);
    server.on('connection', (socket) => {
      fake.sockets.add(socket);
      socket.on('close', () => fake.sockets.delete(socket));
    });
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get origin(): string {
    return this.url;
  }

  /** Replies are used in order, one per request; when none is left, `fallback` answers. */
  enqueue(...replies: Responder[]): this {
    this.queue.push(...replies);
    return this;
  }

  reset(): void {
    this.requests.length = 0;
    this.queue.length = 0;
  }

  async waitForRequests(count: number, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`expected ${count} requests at the fake, saw ${this.requests.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.requests.slice(0, count);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const headAt = performance.timeOrigin + performance.now();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const closed = new Promise<number>((resolve) => {
      // The response closes when the socket does, or when the reply ends (one listener per request, not per socket).
      if (req.socket.destroyed) resolve(Date.now());
      else res.once('close', () => resolve(Date.now()));
    });
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body,
      receivedAt: Date.now(),
      headAt,
      closed,
      json: <T>() => JSON.parse(body) as T,
    };
    this.requests.push(recorded);
    for (const wake of this.waiters.splice(0)) wake();
    const responder = this.queue.shift() ?? this.fallback;
    const reply = typeof responder === 'function' ? responder(recorded) : responder;
    await play(reply, res);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function play(reply: Reply, res: http.ServerResponse): Promise<void> {
  res.writeHead(reply.status ?? 200, reply.headers ?? {});
  res.flushHeaders();
  for (const step of reply.steps) {
    if (res.destroyed) return;
    if ('write' in step) {
      await new Promise<void>((resolve) => {
        if (!res.write(step.write)) res.once('drain', resolve);
        else resolve();
      });
    } else if ('delayMs' in step) {
      await new Promise((r) => setTimeout(r, step.delayMs));
    } else if ('stall' in step) {
      return; // the socket stays open until the client (or close()) ends it
    } else {
      res.destroy();
      return;
    }
  }
  res.end();
}
