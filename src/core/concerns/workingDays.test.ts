import { describe, expect, it } from 'vitest';
import { addWorkingDays, helsinkiDate, isWorkingDay, nextWeekday, workingDaysBetween } from './workingDays.js';

describe('working days', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07'); // Friday → Monday
    expect(isWorkingDay('2026-12-05')).toBe(false);
  });
  it('skips Finnish public holidays', () => {
    // Christmas Eve and Christmas Day 2026 are Thursday and Friday; 28 December is Monday.
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(addWorkingDays('2026-12-23', 1)).toBe('2026-12-28');
    // Good Friday and Easter Monday 2026 (3 and 6 April).
    expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    // Independence Day 2027 is a Monday.
    expect(isWorkingDay('2027-12-06')).toBe(false);
  });
  it('counts working days between dates', () => {
    expect(workingDaysBetween('2026-12-21', '2026-12-28')).toBe(3); // 22, 23, 28
    expect(workingDaysBetween('2026-12-28', '2026-12-21')).toBe(0);
  });
  it('finds the next meeting day and the Helsinki date', () => {
    expect(nextWeekday('2026-12-06', 2)).toBe('2026-12-08');
    expect(nextWeekday('2026-12-08', 2)).toBe('2026-12-08');
    expect(helsinkiDate(new Date('2026-12-06T22:30:00Z'))).toBe('2026-12-07');
  });
});
