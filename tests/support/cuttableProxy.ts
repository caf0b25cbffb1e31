/**
 * A TCP proxy in front of the test PostgreSQL server that a test can cut and bring back: an outage of the database
 * after the app has started. `down` cuts every open connection and refuses new ones; `silent` cuts them and then
 * accepts new ones that never get an answer (a server that hangs, a network path that drops everything); `up`
 * passes connections through again, on the same port, so the app's connection settings stay valid.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CuttableProxy {
  /** The URL of the database `name` on the server, reached through the proxy. */
  url(name: string): string;
  down(): Promise<void>;
  silent(): Promise<void>;
  up(): Promise<void>;
  /** Down, if it is up (for afterAll). */
  close(): Promise<void>;
}

export async function cuttableProxy(serverUrl: string): Promise<CuttableProxy> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  let passing = true;
  const proxy = createServer((client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    if (!passing) return; // accepted, and never answered
    const upstream = connect(Number(target.port || 5432), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    // A failing end takes the other with it, as one connection would: when the server ends its side with a write of
    // the app's still on the way (a terminated backend), the upstream socket fails (EPIPE, ECONNRESET) without an
    // 'end' for the pipe to pass on; left open, the app's side would wait for an answer forever. (An orderly end
    // is passed on by the pipe, after what came before it.)
    for (const [s, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      s.on('error', () => {
        s.destroy();
        other.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  let port = 0;
  const listen = () => new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
  const cut = () => {
    for (const s of sockets) s.destroy();
  };
  const down = async () => {
    // close's callback waits for every open connection, so they are cut first (the search index's LISTEN stays open)
    const closed = new Promise<void>((r) => proxy.close(() => r()));
    cut();
    await closed;
  };
  await listen();
  port = (proxy.address() as AddressInfo).port;
  return {
    url(name) {
      const u = new URL(serverUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      u.pathname = `/${name}`;
      return u.toString();
    },
    down,
    async silent() {
      passing = false;
      cut();
      if (!proxy.listening) await listen();
    },
    async up() {
      passing = true;
      cut(); // the connections held silent end, as they would when the server answers again
      if (!proxy.listening) await listen();
    },
    close: async () => {
      if (proxy.listening) await down();
    },
  };
}
