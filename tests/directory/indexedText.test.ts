/**
 * The search documents' texts (searchIndexer.ts `indexedText`) stay what `withCompoundHeads` (search/text.ts) makes
 * of the same pieces joined: the indexer works out each piece's compound heads once and remembers those of short
 * pieces, and this holds it to the plain function, so a change to either shows here.
 */
import { describe, expect, it } from 'vitest';
import { indexedText } from '../../src/core/directory/searchIndexer.js';
import { withCompoundHeads } from '../../src/core/directory/search/text.js';
import { generatePtv } from '../../src/core/ptv/generate.js';
import { LANGS } from '../../src/core/shared/lang.js';
import { readDemoFiles } from '../../src/demo/loadDemoData.js';

/** Every text of the demo directory and of generated PTV records, by language. */
function pieces(): string[][] {
  const out: string[] = [];
  const texts = (t: Record<string, unknown> | undefined) => {
    for (const l of LANGS) if (typeof t?.[l] === 'string') out.push(t[l] as string);
  };
  for (const f of readDemoFiles()) {
    for (const o of f.organizations) texts(o.name as never);
    for (const l of f.locations) {
      texts(l.name as never);
      texts(l.city as never);
    }
    for (const s of f.services) {
      texts(s.name as never);
      texts(s.summary as never);
      texts(s.description as never);
      for (const l of LANGS) out.push(...(s.keywords?.[l] ?? []));
    }
  }
  const g = generatePtv({ services: 40, seed: 7 });
  for (const file of g.files) {
    const walk = (v: unknown): void => {
      if (typeof v === 'string' && /\p{L}{3}/u.test(v)) out.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(file.content));
  }
  // Cut into documents of 1–6 pieces, with the same pieces recurring (as names do across services).
  const docs: string[][] = [];
  let seed = 1;
  const next = () => (seed = (seed * 48271) % 2147483647);
  for (let i = 0; i < out.length; i++) {
    const n = 1 + (next() % 6);
    docs.push(Array.from({ length: n }, (_, k) => out[(i + k * (next() % 50)) % out.length]!));
  }
  return docs;
}

describe('indexedText', () => {
  it('is withCompoundHeads of the pieces joined, for every text of the demo and generated records', () => {
    const docs = pieces();
    expect(docs.length).toBeGreaterThan(1000);
    let withHeads = 0;
    for (const d of docs) {
      const plain = withCompoundHeads(d.join(' \n '));
      // Twice: the second time the short pieces' heads come from what was remembered.
      expect(indexedText(d)).toBe(plain);
      expect(indexedText(d)).toBe(plain);
      if (plain !== d.join(' \n ')) withHeads++;
    }
    // The comparison covers texts that have compound heads, not only those that have none.
    expect(withHeads).toBeGreaterThan(100);
  });

  it('keeps the edges: no pieces, empty pieces, punctuation and compounds at the joins', () => {
    for (const d of [
      [],
      [''],
      ['', ''],
      ['lastenneuvola', ''],
      ['Perheneuvola-', '-palvelu'],
      ['barnrådgivningen.', 'familjecaféet!', 'lastenneuvolassa'],
      ['Lastenneuvola', 'lastenneuvola', 'LASTENNEUVOLA'],
    ])
      expect(indexedText(d)).toBe(withCompoundHeads(d.join(' \n ')));
  });
});
