/**
 * Security headers (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy, …) on every answer, as Helmet
 * sets them. The headers do not depend on the request, so Helmet runs once, at start, and each request only copies
 * the finished list: @fastify/helmet builds Helmet's whole middleware (parsing the CSP directives) on every request,
 * which cost more than everything else a bare route does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The headers Helmet sets with these options: [name, value] pairs (a header it removes is not among them). */
export function helmetHeaders(options: HelmetOptions): [string, string][] {
  const set = new Map<string, string>();
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return res;
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(options)(
    { method: 'GET', headers: {} } as IncomingMessage,
    res as unknown as ServerResponse,
    (e?: unknown) => {
      failure = e;
    },
  );
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return [...set];
}

/**
 * Sets the headers at the start of every request, so error pages and 404s carry them too. They go into the reply's
 * own headers (reply.header), which Node writes in one writeHead: setting them on the raw response instead made Node
 * keep a second header table and copy every header of the answer through setHeader (a copy and an array per header,
 * several kilobytes a request). Helmet's one removal, X-Powered-By, is a header nothing here sets (Express's, not
 * Node's or Fastify's), so there is nothing to remove.
 */
export const securityHeaders = fp(
  async (app: FastifyInstance, options: HelmetOptions) => {
    const set = helmetHeaders(options);
    const names = set.map(([name]) => name);
    const values = set.map(([, value]) => value);
    app.addHook('onRequest', (_req, reply, done) => {
      for (let i = 0; i < names.length; i++) reply.header(names[i]!, values[i]);
      done();
    });
  },
  { name: 'security-headers' },
);
