/**
 * Sentences saying there is nothing ("Ei ollut ketteriä kokeiluja", "Seuraamme lähikuntien kokeiluja…", "-",
 * "ei vielä päätöstä", "Inga agila försök", "Vi följer grannkommunernas försök") put into sections 3 and 4 of
 * the seed plans, anywhere and with any bullet, in Finnish and Swedish: the experiments and the adopted items stay
 * exactly those of the plan without them, and each sentence is kept as a note of its section.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlanDocument } from '../../../src/core/programme/planDocument/parsePlanDocument.js';
import type { ParsedPlan } from '../../../src/core/programme/planDocument/types.js';
import { missingLines } from './support.js';

export const NOTHING_FI = [
  'Ei ollut ketteriä kokeiluja',
  'Ei ollut ketteriä kokeiluja.',
  'Seuraamme lähikuntien kokeiluja ja soveltuvin osin liitämme omaan arkipäivään.',
  'Seurataan muiden kuntien kokeiluja',
  'ei vielä päätöstä',
  'Ei vielä päätöstä.',
  'Kokeiluja ei ollut.',
  'Ei ole suunnitelmia ottaa käyttöön muiden kuntien kokeiluja.',
];
export const NOTHING_SV = [
  'Inga agila försök',
  'Inga försök genomfördes.',
  'Vi följer grannkommunernas försök och tar i bruk det som passar oss.',
  'Inget beslut ännu',
  'Beslut har inte ännu fattats.',
  'Vi hade inga försök.',
];

const dir = new URL('../../../src/demo/data/plans/', import.meta.url);
const seeds = readdirSync(dir)
  .filter((f) => /-2018\.txt$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(new URL(f, dir), 'utf8') }));

/** Puts lines right after a section's heading (sections 3 and 4 start with "3." and "4."). */
function insertAfterHeading(text: string, n: 3 | 4, lines: string[]): string {
  const re = new RegExp(`^${n}\\. [^\\n]*$`, 'm');
  const m = re.exec(text);
  if (!m) return text;
  const at = m.index + m[0].length;
  return `${text.slice(0, at)}\n\n${lines.join('\n')}\n${text.slice(at)}`;
}

const tracked = (p: ParsedPlan) => ({
  experiments: p.experiments.map((e) => [e.title, e.status, e.municipality]),
  adopted: p.adopted_from_others,
});
const notesOf = (p: ParsedPlan, n: number) => p.sections.find((s) => s.number === n)?.notes ?? [];

describe('"there was nothing" is a note of the section, never an item', () => {
  it('has seed plans', () => expect(seeds.length).toBe(3));

  it('random nothing-sentences (fi and sv, with or without bullets) in sections 3 and 4 of every seed', () => {
    const sentence = fc.constantFrom(...NOTHING_FI, ...NOTHING_SV);
    const bullet = fc.constantFrom('- ', '• ', 'o ', '', '– ');
    const line = fc.tuple(bullet, sentence).map(([b, s]) => ({ line: `${b}${s}`, sentence: s }));
    fc.assert(
      fc.property(
        fc.constantFrom(...seeds),
        fc.array(line, { minLength: 1, maxLength: 3 }),
        fc.array(line, { maxLength: 3 }),
        (seed, three, four) => {
          const before = parsePlanDocument(seed.text) as ParsedPlan;
          let text = insertAfterHeading(
            seed.text,
            3,
            three.map((l) => l.line),
          );
          text = insertAfterHeading(
            text,
            4,
            four.map((l) => l.line),
          );
          const after = parsePlanDocument(text) as ParsedPlan;
          expect(tracked(after)).toEqual(tracked(before));
          for (const l of three) expect(notesOf(after, 3)).toContain(l.sentence);
          for (const l of four) expect(notesOf(after, 4)).toContain(l.sentence);
          expect(missingLines(text, after)).toEqual([]);
        },
      ),
      { numRuns: 120, seed: 20261206 },
    );
  });

  it('a Swedish plan whose sections say nothing has no experiments and no adopted items', () => {
    const text = [
      'Tillsammans är vi mer – LAPE Nyland',
      '',
      '1.2.2019',
      '',
      'HANGÖ',
      '',
      '1. Lokalt utvecklingsarbete efter förändringsprogrammet:',
      '- Familjecentralen utvecklas vidare.',
      '2. Koppling till det regionala utvecklingsarbetet under förändringsprogrammet:',
      '- Vi deltog i arbetsgruppen.',
      '3. Från försök till bestående praxis:',
      '- Inga agila försök.',
      '4. Försök från andra kommuner som ska förankras i området:',
      '- Vi följer grannkommunernas försök.',
      '- Inget beslut ännu',
      '5. Kopplingar till det regionala utvecklingsarbetet efter förändringsprogrammet: -',
      '6. Strukturella förändringar under förändringsprogrammet:',
      '- Ett gemensamt team för tidigt stöd.',
    ].join('\n');
    const p = parsePlanDocument(text) as ParsedPlan;
    expect(p.sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.experiments).toEqual([]);
    expect(p.adopted_from_others).toEqual([]);
    expect(notesOf(p, 3)).toEqual(['Inga agila försök.']);
    expect(notesOf(p, 4)).toEqual(['Vi följer grannkommunernas försök.', 'Inget beslut ännu']);
    expect(notesOf(p, 5)).toEqual(['-']);
  });
});
