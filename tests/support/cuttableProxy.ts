/**
 * A TCP proxy in front of the test PostgreSQL server that a test can cut and bring back: an outage of the database
 * after the app has started. `down` cuts every open connection and refuses new ones; `up` listens again on the same
 * port, so the app's connection settings stay valid.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface CuttableProxy {
  /** The URL of the database `name` on the server, reached through the proxy. */
  url(name: string): string;
  down(): Promise<void>;
  up(): Promise<void>;
  /** Down, if it is up (for afterAll). */
  close(): Promise<void>;
}

export async function cuttableProxy(serverUrl: string): Promise<CuttableProxy> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  let port = 0;
  const up = () => new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
  const down = async () => {
    // close's callback waits for every open connection, so they are cut first (the search index's LISTEN stays open)
    const closed = new Promise<void>((r) => proxy.close(() => r()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  await up();
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
    up,
    close: async () => {
      if (proxy.listening) await down();
    },
  };
}
