import { describe, expect, it } from 'vitest';
import { expandRule, fromLocal, helsinkiOffsetMinutes, localParts, parseTime } from './time.js';

describe('Helsinki time', () => {
  it('turns local wall-clock times into instants on both sides of the daylight-saving changes', () => {
    expect(fromLocal('2026-10-24T09:30').toISOString()).toBe('2026-10-24T06:30:00.000Z'); // summer time, +3
    expect(fromLocal('2026-10-26T09:30').toISOString()).toBe('2026-10-26T07:30:00.000Z'); // winter time, +2
    expect(fromLocal('2026-03-28T18:00').toISOString()).toBe('2026-03-28T16:00:00.000Z');
    expect(fromLocal('2026-03-30T18:00').toISOString()).toBe('2026-03-30T15:00:00.000Z');
    // The hour repeated in October is the first of the two; the hour skipped in March moves forward.
    expect(fromLocal('2026-10-25T03:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLocal('2026-03-29T03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(helsinkiOffsetMinutes(new Date('2026-07-01T00:00:00Z'))).toBe(180);
    expect(helsinkiOffsetMinutes(new Date('2026-12-01T00:00:00Z'))).toBe(120);
  });

  it('reads API times with an offset or in local time, and refuses anything else', () => {
    expect(parseTime('2026-05-05T09:30', 'start').toISOString()).toBe('2026-05-05T06:30:00.000Z');
    expect(parseTime('2026-05-05T09:30:00+03:00', 'start').toISOString()).toBe('2026-05-05T06:30:00.000Z');
    expect(parseTime('2026-05-05T06:30:00Z', 'start').toISOString()).toBe('2026-05-05T06:30:00.000Z');
    expect(() => parseTime('tomorrow', 'start')).toThrow(/time_invalid/);
    expect(localParts(new Date('2026-10-27T07:30:00Z'))).toMatchObject({
      date: '2026-10-27',
      time: '09:30',
      weekday: 1,
    });
  });

  it('expands a weekly rule at the same local time across the change to winter time, without the exceptions', () => {
    const o = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=4', '2026-10-13T09:30', '2026-10-13T11:30', ['2026-10-20']);
    expect(o.map((x) => x.start.toISOString())).toEqual([
      '2026-10-13T06:30:00.000Z',
      '2026-10-27T07:30:00.000Z',
      '2026-11-03T07:30:00.000Z',
    ]);
    expect(o[1]!.end.toISOString()).toBe('2026-10-27T09:30:00.000Z');
  });

  it('refuses a rule that is not one, and stops a rule without end', () => {
    expect(() => expandRule('EVERY TUESDAY', '2026-10-13T09:30', '2026-10-13T11:30')).toThrow(/rrule_invalid/);
    expect(() => expandRule('FREQ=DAILY', '2026-10-13T09:30', '2026-10-13T09:00')).toThrow(/end_before_start/);
    expect(expandRule('FREQ=DAILY', '2026-10-13T09:30', '2026-10-13T10:00').length).toBe(200);
  });
});
