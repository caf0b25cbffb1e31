import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import type { GuideInput } from './types.js';
import { validateGuide } from './validateGuide.js';

const good = (): GuideInput => ({
  slug: 'Separation',
  sort: 10,
  reviewBy: '2027-12-06',
  content: {
    title: { fi: ' Ero ', sv: 'Skilsmässa', en: '' },
    summary: { fi: 'Tietoa erosta.', sv: 'Information om skilsmässa.' },
    steps: [
      {
        title: { fi: 'Askel', sv: 'Steg' },
        body: { fi: 'Teksti.', sv: 'Text.' },
        lifeSituations: ['separation', 'separation'],
        serviceClasses: [' p3.5 ', 'P3.7'],
        keywords: ['Lastenvalvoja', ' '],
      },
    ],
  },
});

const problems = (input: GuideInput) => {
  try {
    validateGuide(input);
    return [];
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.problems.map((p) => `${p.field} ${p.code}`);
  }
};

describe('the rules of a guide', () => {
  it('cleans what it keeps: slug lower-cased, empty translations dropped, codes and keywords tidied', () => {
    const g = validateGuide(good());
    expect(g.slug).toBe('separation');
    expect(g.content.title).toEqual({ fi: 'Ero', sv: 'Skilsmässa' });
    expect(g.content.steps[0]).toMatchObject({
      lifeSituations: ['separation'],
      serviceClasses: ['P3.5', 'P3.7'],
      keywords: ['lastenvalvoja'],
    });
  });

  it('asks for Finnish and Swedish alike, and lists every problem at once', () => {
    const g = good();
    g.content.title = { fi: 'Ero' };
    g.content.steps[0]!.body = { en: 'Only English' };
    g.content.steps[0]!.serviceClasses = ['P99'];
    g.slug = '1-bad slug';
    g.reviewBy = '6.12.2027';
    expect(problems(g)).toEqual([
      'slug slug_invalid',
      'review_by review_by_invalid',
      'title.sv swedish_required',
      'steps[0].body text_required',
      'steps[0].service_classes service_class_unknown',
    ]);
  });

  it('needs at least one step, and a text-only step is fine', () => {
    const none = good();
    none.content.steps = [];
    expect(problems(none)).toEqual(['steps steps_required']);
    const text = good();
    text.content.steps[0] = { ...text.content.steps[0]!, lifeSituations: [], serviceClasses: [], keywords: [] };
    expect(problems(text)).toEqual([]);
  });
});
