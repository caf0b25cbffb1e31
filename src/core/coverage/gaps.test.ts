import type { Lang } from '../shared/lang.js';
import { describe, expect, it } from 'vitest';
import { missingLanguages } from './gaps.js';

const counts = (fi: number, sv: number, en = 0) => ({ languages: { fi, sv, en } });

describe('missing languages (a gap: an official language without any service)', () => {
  it.each<[string, Lang[], ReturnType<typeof counts>, Lang[], Lang[]]>([
    ['Finnish-majority bilingual, no Swedish', ['fi', 'sv'], counts(3, 0), [], ['sv']],
    ['Swedish-majority bilingual, no Finnish', ['sv', 'fi'], counts(0, 2), [], ['fi']],
    ['bilingual, both', ['sv', 'fi'], counts(1, 1), [], []],
    ['bilingual, nothing at all', ['fi', 'sv'], counts(0, 0), [], ['fi', 'sv']],
    ['unilingual, never short of Swedish', ['fi'], counts(2, 0), [], []],
    ['unilingual, no Finnish', ['fi'], counts(0, 1), [], ['fi']],
    ['English is never a gap', ['fi', 'sv'], counts(1, 1, 0), [], []],
    ['a language filter looks at its languages only', ['fi', 'sv'], counts(0, 0), ['sv'], ['sv']],
    ['filtering English finds no official gap', ['fi', 'sv'], counts(0, 0), ['en'], []],
  ])('%s', (_name, official, c, filter, expected) => {
    expect(missingLanguages({ languages: official }, c, filter)).toEqual(expected);
  });
});
