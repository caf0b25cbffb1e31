import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { parseDay } from './dates.js';
import { summarise } from './questionnaires.js';
import { derivedColumns, validateStep } from './steps.js';
import { stepByKey } from './vocabulary.js';

const problems = (fn: () => unknown) => {
  try {
    fn();
    return [];
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.problems.map((p) => `${p.field}:${p.code}`);
  }
};

describe('a step of an assessment', () => {
  it('a screening that stops needs its reason, and makes the assessment screened out', () => {
    const s = stepByKey('screening')!;
    expect(problems(() => validateStep(s, { affects: 'no', screening_result: 'stop' }, []))).toEqual([
      'screening_reason:screening_reason_required',
    ]);
    expect(problems(() => validateStep(s, {}, []))).toEqual([
      'affects:affects_required',
      'screening_result:screening_result_required',
    ]);
    const v = validateStep(s, { affects: 'no', screening_result: 'stop', screening_reason: ' Vain henkilöstö ' }, []);
    expect(v.screening_reason).toBe('Vain henkilöstö');
    expect(derivedColumns('screening', v, 'draft').status).toBe('screened_out');
    expect(derivedColumns('screening', { screening_result: 'continue' }, 'screened_out').status).toBe('draft');
  });

  it('choices must be among the options; every problem at once', () => {
    const s = stepByKey('legal_basis')!;
    expect(problems(() => validateStep(s, { articles: ['3', '99'], national_law: 'x'.repeat(4001) }, []))).toEqual([
      'articles:choice_invalid',
      'national_law:too_long',
    ]);
    expect(validateStep(s, { articles: ['12', '3', '3'] }, []).articles).toEqual(['3', '12']);
  });

  it('a follow-up needs a day and an owner of the team', () => {
    const s = stepByKey('follow_up')!;
    expect(problems(() => validateStep(s, { follow_up_due: '2027-02-30', follow_up_owner: 'p1' }, ['p1']))).toEqual([
      'follow_up_due:date_invalid',
    ]);
    expect(problems(() => validateStep(s, { follow_up_due: '1.3.2027' }, ['p1']))).toEqual([
      'follow_up_owner:follow_up_owner_required',
    ]);
    expect(problems(() => validateStep(s, { follow_up_due: '1.3.2027', follow_up_owner: 'stranger' }, ['p1']))).toEqual(
      ['follow_up_owner:owner_invalid'],
    );
    const v = validateStep(s, { follow_up_due: '1.3.2027', follow_up_owner: 'p1' }, ['p1']);
    expect(derivedColumns('follow_up', v, 'completed')).toEqual({
      follow_up_due: '2027-03-01',
      follow_up_owner_id: 'p1',
    });
  });

  it('choosing an outcome completes the assessment', () => {
    expect(derivedColumns('decision', { outcome: 'partly' }, 'draft')).toEqual({
      outcome: 'partly',
      status: 'completed',
    });
    expect(derivedColumns('decision', { outcome: '' }, 'draft')).toEqual({ outcome: null });
  });

  it('reads days as Finns write them', () => {
    expect(parseDay('2.3.2026')).toBe('2026-03-02');
    expect(parseDay('2026-3-2')).toBe('2026-03-02');
    expect(parseDay('29.2.2027')).toBeNull();
    expect(parseDay('1.1.1999')).toBeNull();
    expect(parseDay('huomenna')).toBeNull();
  });
});

describe('summarising answers', () => {
  const q = {
    id: 'q',
    age_group: '7-12' as const,
    title: { fi: 'K', sv: 'E' },
    status: 'open' as const,
    questions: [
      { key: 'q1', text: { fi: 'a', sv: 'a' } },
      { key: 'q2', text: { fi: 'b', sv: 'b' } },
    ],
  };
  it('never shows fewer than five answers as counts', () => {
    const four = summarise(q, [{ q1: 5 }, { q1: 4 }, { q1: 4 }, { q1: 1, q2: 3 }]);
    expect(four.tooFew).toBe(true);
    expect(four.questions.every((x) => x.counts === null && x.answered === 0)).toBe(true);
  });
  it('counts each answer; a question answered by fewer than five stays hidden', () => {
    const r = summarise(q, [{ q1: 5 }, { q1: 4 }, { q1: 4 }, { q1: 0 }, { q1: 1, q2: 3 }]);
    expect(r.tooFew).toBe(false);
    expect(r.questions[0]!.counts).toEqual({ 0: 1, 1: 1, 2: 0, 3: 0, 4: 2, 5: 1 });
    expect(r.questions[1]!.counts).toBeNull();
  });
});
