import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, keyringOf, needsReencryption, newFieldKey } from './fieldCrypto.js';

const key = () => Buffer.from(newFieldKey(), 'base64');

describe('field encryption', () => {
  const ring = keyringOf([key()]);

  it('round-trips text, and the stored form shows none of it', () => {
    const plain = 'Lapsen kiukkukohtaukset – hjälp behövs 😟';
    const stored = encryptField(plain, 'concern.text', ring);
    expect(stored).not.toContain('kiukku');
    expect(stored.startsWith(`enc1:${ring.current.id}:`)).toBe(true);
    expect(decryptField(stored, 'concern.text', ring)).toBe(plain);
    expect(encryptField(plain, 'concern.text', ring)).not.toBe(stored); // a fresh IV each time
    expect(encryptField(null, 'concern.text', ring)).toBeNull();
  });

  it('refuses a value moved to another column, an altered value and an unknown key', () => {
    const stored = encryptField('secret', 'concern.text', ring);
    expect(() => decryptField(stored, 'question.text', ring)).toThrow(/authenticate/);
    const parts = stored.split(':');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptField(parts.join(':'), 'concern.text', ring)).toThrow(/authenticate/);
    expect(() => decryptField(stored, 'concern.text', keyringOf([key()]))).toThrow(/not configured/);
    expect(() => decryptField('plain text', 'concern.text', ring)).toThrow(/not an encrypted/);
  });

  it('reads values of an earlier key during a rotation and says which need re-encrypting', () => {
    const oldKey = key();
    const before = keyringOf([oldKey]);
    const stored = encryptField('vanha', 'x', before);
    const rotated = keyringOf([key(), oldKey]);
    expect(decryptField(stored, 'x', rotated)).toBe('vanha');
    expect(needsReencryption(stored, rotated)).toBe(true);
    expect(needsReencryption(encryptField('uusi', 'x', rotated), rotated)).toBe(false);
  });
});
