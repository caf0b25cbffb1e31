/**
 * What the request log may say about a request. Query parameters that locate a person (lat, lon) or carry a
 * secret (single-use link tokens, the OIDC callback's code and state) are replaced by "…": the log is read by
 * operators, who need the route and status, not where a resident stood or a working sign-in link.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

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

/**
 * The request log: one line a request, when it is answered ("request completed": method, redacted URL, host,
 * address, status, time, request id), instead of Fastify's two (an "incoming request" line with the request, then a
 * completion line without it). Writing a line cost about as much as everything else a simple request does; the
 * incoming line is still written at LOG_LEVEL=debug. Every other line Fastify writes (errors, aborted streams) is
 * as before.
 */
export class RequestLog extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
