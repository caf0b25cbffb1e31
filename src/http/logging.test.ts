import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { redactUrl, RequestLog, requestSerializers } from './logging.js';

describe('the request log', () => {
  it('keeps the route and the search but not a position or a token', () => {
    expect(redactUrl('/fi/search?q=neuvola&lat=60.123&lon=24.456&within_km=5')).toBe(
      `/fi/search?q=neuvola&lat=${encodeURIComponent('…')}&lon=${encodeURIComponent('…')}&within_km=5`,
    );
    expect(redactUrl('/sv/set-password?token=abcDEF123')).toBe(`/sv/set-password?token=${encodeURIComponent('…')}`);
    expect(redactUrl('/sso/callback?code=xyz&state=s1')).not.toMatch(/xyz|s1/);
    expect(redactUrl('/fi/search?q=perhe')).toBe('/fi/search?q=perhe');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });

  it('never keeps a follow-up or cancellation code from the path', () => {
    const code = 'Q1w2E3r4T5y6U7i8O9p0_-AsDfGhJkLzXcVbNmQwErT';
    expect(code).toHaveLength(43);
    expect(redactUrl(`/fi/ask/${code}`)).toBe('/fi/ask/…');
    expect(redactUrl(`/sv/concern/${code}/reply?x=1`)).toBe('/sv/concern/…/reply?x=1');
    expect(redactUrl('/fi/services/3f1c2d9e-0000-5000-8000-000000000000')).toBe(
      '/fi/services/3f1c2d9e-0000-5000-8000-000000000000',
    );
  });
});

describe('the request log lines', () => {
  const logged = async (level: string) => {
    const lines: Record<string, unknown>[] = [];
    const app = Fastify({
      logger: {
        level,
        serializers: requestSerializers,
        stream: { write: (l: string) => void lines.push(JSON.parse(l)) },
      },
      logController: new RequestLog(),
    });
    app.get('/fi/search', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/fi/search?q=perhe&lat=60.1', remoteAddress: '10.4.4.4' });
    await app.close();
    return lines.filter((l) => typeof l.msg === 'string' && /request/.test(l.msg));
  };

  it('writes one line a request when it is answered, with the request, the status and the time', async () => {
    const lines = await logged('info');
    expect(lines).toHaveLength(1);
    const [line] = lines as [
      { msg: string; reqId: string; req: Record<string, unknown>; res: unknown; responseTime: number },
    ];
    expect(line.msg).toBe('request completed');
    expect(line.req).toMatchObject({ method: 'GET', remoteAddress: '10.4.4.4', reqId: line.reqId });
    expect(line.req.url).toBe(`/fi/search?q=perhe&lat=${encodeURIComponent('…')}`);
    expect(line.res).toEqual({ statusCode: 200 });
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('writes the incoming line too at debug level', async () => {
    const lines = await logged('debug');
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
  });
});
