import { describe, expect, it } from 'vitest';
import { EMERGENCY, HELP_LINES, helpLinesFor } from './helpLines.js';

/** "09 2525 0111" → "+358925250111"; short national numbers (112, 116 111) stay as they are. */
const international = (n: string) => {
  const digits = n.replace(/\D/g, '');
  return digits.startsWith('0') ? `+358${digits.slice(1)}` : digits;
};

describe('the help lines (data)', () => {
  it('dial the number they show, and say everything in all three languages', () => {
    for (const l of [EMERGENCY, ...HELP_LINES]) {
      expect(l.tel, l.id).toBe(international(l.number));
      for (const field of [l.name, l.forWhom, l.hours])
        for (const lang of ['fi', 'sv', 'en'] as const) expect(field[lang], `${l.id} ${lang}`).toBeTruthy();
      expect(l.source, l.id).toMatch(/^https:\/\//);
    }
    expect(new Set(HELP_LINES.map((l) => l.id)).size).toBe(HELP_LINES.length);
  });

  it('have lines for children and young people and for parents in both Finnish and Swedish', () => {
    for (const lang of ['fi', 'sv'] as const)
      for (const audience of ['everyone', 'children_young', 'parents'])
        expect(
          HELP_LINES.some((l) => l.audience === audience && l.langs.includes(lang)),
          `${audience} ${lang}`,
        ).toBe(true);
  });

  it('put the lines of the reader’s language first', () => {
    expect(helpLinesFor('sv')[0]!.langs).toContain('sv');
    expect(helpLinesFor('fi')[0]!.langs).toContain('fi');
  });
});
