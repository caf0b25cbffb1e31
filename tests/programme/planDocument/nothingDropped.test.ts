/** Every non-empty line of every input ends up somewhere in the output: seeds, variations, rewrites of the seeds. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotAPlanError, parsePlanDocument } from '../../../src/core/programme/planDocument/parsePlanDocument.js';
import type { ParsedPlan } from '../../../src/core/programme/planDocument/types.js';
import { missingLines, MUTATIONS } from './support.js';

const dir = (p: string) => new URL(p, import.meta.url);
const inputs = [
  ...readdirSync(dir('../../../src/demo/data/plans/')).map((f) => ({
    name: f,
    text: readFileSync(dir(`../../../src/demo/data/plans/${f}`), 'utf8'),
  })),
  ...readdirSync(dir('../../fixtures/plans/')).map((f) => ({
    name: f,
    text: readFileSync(dir(`../../fixtures/plans/${f}`), 'utf8'),
  })),
];

describe('nothing is dropped', () => {
  it('has inputs to check', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(6);
  });

  it.each(inputs)('$name: every line is in the output', ({ text }) => {
    expect(missingLines(text, parsePlanDocument(text))).toEqual([]);
  });

  const seedPlans = inputs.filter((i) => /-2018\.txt$/.test(i.name));
  it.each(
    seedPlans.flatMap((s) => Object.entries(MUTATIONS).map(([how, f]) => ({ name: s.name, how, text: f(s.text) }))),
  )('$name with $how: every line is in the output', ({ text }) => {
    expect(missingLines(text, parsePlanDocument(text))).toEqual([]);
  });

  it("documents made of the seeds' lines dropped, repeated, reversed, moved and shuffled: nothing lost, nothing thrown", () => {
    let state = 20181030;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const sources = inputs.map((i) => i.text.split('\n'));
    let parsed = 0;
    for (let n = 0; n < 300; n++) {
      const out: string[] = [];
      for (const line of pick(sources)) {
        const r = random();
        if (r < 0.1) continue;
        out.push(r < 0.15 ? pick(pick(sources)) : r < 0.2 ? [...line].reverse().join('') : line);
        if (random() < 0.03) out.push('');
      }
      if (random() < 0.3) out.sort(() => random() - 0.5);
      const text = out.join('\n');
      let doc;
      try {
        doc = parsePlanDocument(text);
      } catch (e) {
        expect(e).toBeInstanceOf(NotAPlanError);
        continue;
      }
      parsed++;
      expect(missingLines(text, doc), text).toEqual([]);
    }
    expect(parsed).toBeGreaterThan(200);
  });

  it('the check itself notices a dropped item, a dropped table cell and a dropped person', () => {
    const text = inputs.find((i) => i.name === 'inkoo-siuntio-2018.txt')!.text;
    const doc = parsePlanDocument(text) as ParsedPlan;
    const lessItems = { ...doc, sections: doc.sections.map((s) => (s.number === 5 ? { ...s, items: [] } : s)) };
    expect(missingLines(text, lessItems)).toEqual(['- Seuraamme maakunta-prosessin etenemistä']);
    expect(missingLines(text, { ...doc, people: doc.people.slice(1) })).toEqual([
      'Anne Öhman, perusturvajohtaja, Inkoo',
    ]);
    const askola = inputs.find((i) => i.name === 'askola-2018.txt')!.text;
    const a = parsePlanDocument(askola) as ParsedPlan;
    expect(
      missingLines(askola, { ...a, roadmap: a.roadmap.filter((c) => c.text !== 'Toimivat sähköiset palvelut') }),
    ).toHaveLength(1);
  });
});
