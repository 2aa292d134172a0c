// A minimal HTTP proxy on 127.0.0.1: answers CONNECT by tunnelling, and forwards absolute-form requests.
// It records every target, so a test can prove a request went through it.
import * as http from 'node:http';
import * as net from 'node:net';

export class FakeProxy {
  readonly targets: string[] = [];
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: http.Server) {}

  /** `upstreamHost` sends every request there, whatever host it names (e.g. 127.0.0.2 → 127.0.0.1). */
  static async start(options: { upstreamHost?: string } = {}): Promise<FakeProxy> {
    const server = http.createServer();
    const proxy = new FakeProxy(server);
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.on('close', () => proxy.sockets.delete(socket));
    });
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      proxy.targets.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), options.upstreamHost ?? host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      proxy.sockets.add(upstream);
      upstream.on('close', () => proxy.sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    server.on('request', (req, res) => {
      proxy.targets.push(`${req.method} ${req.url}`);
      const target = new URL(req.url ?? '');
      const forward = http.request({ host: options.upstreamHost ?? target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
