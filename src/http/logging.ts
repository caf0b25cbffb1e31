/**
 * What the request log may say about a request. Query parameters that locate a person (lat, lon) or carry a
 * secret (single-use link tokens, the OIDC callback's code and state) are replaced by "…": the log is read by
 * operators, who need the route and status, not where a resident stood or a working sign-in link.
 */
import type { FastifyRequest } from 'fastify';

const REDACTED = new Set(['lat', 'lon', 'token', 'code', 'state', 'session_state']);

export function redactUrl(url: string): string {
  // A resident's private follow-up or cancellation code is a path segment (core/shared/followUpCodes.ts): never logged.
  url = url.replace(/\/[A-Za-z0-9_-]{43}(?=[/?#]|$)/g, '/…');
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  let changed = false;
  for (const key of [...params.keys()]) {
    if (REDACTED.has(key)) {
      params.set(key, '…');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, q)}?${params.toString()}` : url;
}

export const requestSerializers = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactUrl(req.url),
      host: req.headers.host,
      remoteAddress: req.ip,
      reqId: req.id,
    };
  },
};
