/** Security headers on every kind of response: pages, API, errors, redirects. */
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { createTestDatabase } from '../support/databases.js';

describe('security headers', () => {
  it('are on pages, API answers, errors and redirects; HSTS and Secure cookies only behind https', async () => {
    const d = await createTestDatabase('pglite');
    const plain = await testApp(d);
    const tls = await testApp(d, { PUBLIC_URL: 'https://yhdessa.example.fi' });
    try {
      for (const url of ['/fi/', '/api/v1/services', '/fi/nothing-here', '/', '/fi/sign-in']) {
        const res = await plain.inject({ method: 'GET', url });
        expect(res.headers['content-security-policy'], url).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
        expect(res.headers['content-security-policy'], url).not.toContain('unsafe-inline');
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
        expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy'], url).toBe('no-referrer');
        expect(res.headers['strict-transport-security'], url).toBeUndefined();
      }
      const secure = await tls.inject({ method: 'GET', url: '/fi/sign-in' });
      expect(secure.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const csrfCookie = String(secure.headers['set-cookie']);
      expect(csrfCookie).toContain('__Host-yh_csrf=');
      expect(csrfCookie).toContain('Secure');
    } finally {
      await plain.close();
      await tls.close();
      await d.dispose();
    }
  });
});
