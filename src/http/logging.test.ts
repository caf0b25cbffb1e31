import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging.js';

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
