import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { lockMinutes } from './signIn.js';

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('pitkä salasana joka on hyvä');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(await verifyPassword(hash, 'pitkä salasana joka on hyvä')).toBe(true);
    expect(await verifyPassword(hash, 'pitkä salasana joka on huono')).toBe(false);
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('must be long, and not the name, the e-mail or a well-known sequence', () => {
    expect(passwordProblems('lyhyt')).toEqual(['password_too_short']);
    expect(passwordProblems('maija.korhonen2026', { email: 'maija.korhonen@askola.fi' })).toEqual([
      'password_contains_name',
    ]);
    expect(passwordProblems('aaaaaaaaaaaaaa')).toEqual(['password_too_simple']);
    expect(passwordProblems('salasana123456')).toEqual(['password_too_simple']);
    expect(passwordProblems('kesäpäivä järven rannalla', { email: 'maija@askola.fi', name: 'Maija Korhonen' })).toEqual(
      [],
    );
    expect(passwordProblems('x'.repeat(300))).toContain('password_too_long');
  });

  it('lock an account after five failures, doubling the wait up to an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 20].map(lockMinutes)).toEqual([0, 0, 1, 2, 4, 32, 60]);
  });
});
