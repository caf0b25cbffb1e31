/** The canonical JSON the import's hashes are taken of: the text must never change, or every stored hash goes stale. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generatePtv } from './generate.js';
import { canonicalJson, sha256 } from './mapping.js';
import { recordsOf } from './source.js';

/** The definition: JSON.stringify of a copy with every object's keys sorted (undefined fields left out). */
function sortedCopy(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(sortedCopy);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortedCopy((v as Record<string, unknown>)[k]);
  return out;
}

describe('canonicalJson', () => {
  it('is JSON.stringify with sorted keys, for texts that need escaping and texts that do not', () => {
    const texts = [
      'plain',
      '',
      'päiväkoti – förskola',
      'quote " and backslash \\',
      'line\nbreak\ttab\r\u0001\u001f',
      'emoji 👶 pair',
      'lone \ud800 high',
      'lone \udc00 low',
      'separators \u2028\u2029 and \u007f',
      '\u0000',
    ];
    const v = { z: texts, a: { y: 1.5, b: [null, true, 'x', { d: 'e', c: texts[3] }] }, u: undefined, m: -0 };
    expect(canonicalJson(v)).toBe(JSON.stringify(sortedCopy(v)));
    for (const t of texts) expect(canonicalJson(t)).toBe(JSON.stringify(t));
  });

  it('gives the same text as the definition for every generated record, so stored hashes stay valid', () => {
    const records = generatePtv({ services: 40, seed: 7 }).files.flatMap((f) => recordsOf(JSON.parse(f.content)) ?? []);
    expect(records.length).toBeGreaterThan(40);
    for (const r of records) expect(canonicalJson(r)).toBe(JSON.stringify(sortedCopy(r)));
    // What is hashed: the UTF-8 of exactly this text.
    expect(sha256({ b: 'ä"', a: [1, null] })).toBe(
      createHash('sha256').update('{"a":[1,null],"b":"ä\\""}').digest('hex'),
    );
  });
});
