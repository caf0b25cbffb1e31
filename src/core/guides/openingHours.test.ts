import { describe, expect, it } from 'vitest';
import { localMoment, openingStatus, type HoursException, type WeeklyHours } from './openingHours.js';

const weekdays: WeeklyHours = { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '08:00', closes: '16:00' };
const at = (iso: string) => new Date(iso);
const hm = (m: number | undefined) =>
  m === undefined ? undefined : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const brief = (s: ReturnType<typeof openingStatus>) => ({
  state: s.state,
  closes: s.closesAt ? `${s.closesAt.date} ${hm(s.closesAt.minute)}` : null,
  next: s.nextOpening ? `${s.nextOpening.date} ${hm(s.nextOpening.minute)}` : null,
  always: s.alwaysOpen,
});

describe('local time in Finland', () => {
  it('turns UTC into Helsinki wall-clock time in winter (UTC+2) and summer (UTC+3)', () => {
    expect(localMoment(at('2026-01-14T21:59:00Z'))).toEqual({ date: '2026-01-14', minute: 23 * 60 + 59 });
    expect(localMoment(at('2026-01-14T22:00:00Z'))).toEqual({ date: '2026-01-15', minute: 0 });
    expect(localMoment(at('2026-07-14T20:59:00Z'))).toEqual({ date: '2026-07-14', minute: 23 * 60 + 59 });
    expect(localMoment(at('2026-07-14T21:00:00Z'))).toEqual({ date: '2026-07-15', minute: 0 });
  });
});

describe('open now and the next opening', () => {
  it('is open during weekday hours and says when it closes', () => {
    // Wednesday 14 January 2026, 10:00 local
    expect(brief(openingStatus([weekdays], [], at('2026-01-14T08:00:00Z')))).toEqual({
      state: 'open',
      closes: '2026-01-14 16:00',
      next: '2026-01-15 08:00',
      always: false,
    });
  });

  it('closes at the closing minute, not a minute later', () => {
    // 16:00 local exactly: closed; opens tomorrow at 8
    expect(brief(openingStatus([weekdays], [], at('2026-01-14T14:00:00Z')))).toMatchObject({
      state: 'closed',
      next: '2026-01-15 08:00',
    });
    expect(openingStatus([weekdays], [], at('2026-01-14T13:59:00Z')).state).toBe('open');
  });

  it('on Friday evening the next opening is Monday morning', () => {
    expect(brief(openingStatus([weekdays], [], at('2026-01-16T18:00:00Z')))).toMatchObject({
      state: 'closed',
      next: '2026-01-19 08:00',
    });
  });

  it('around midnight: Sunday 23:59 local is Sunday, 00:00 is Monday (winter and summer)', () => {
    const night: WeeklyHours = { days: ['MO'], opens: '00:00', closes: '02:00' };
    // Sunday 18 Jan 2026 23:59 local = 21:59Z: closed, opens in a minute
    expect(brief(openingStatus([night], [], at('2026-01-18T21:59:00Z')))).toMatchObject({
      state: 'closed',
      next: '2026-01-19 00:00',
    });
    // Monday 00:00 local = Sunday 22:00Z
    expect(openingStatus([night], [], at('2026-01-18T22:00:00Z')).state).toBe('open');
    // Summer: Monday 00:30 local = Sunday 21:30Z
    expect(openingStatus([night], [], at('2026-06-14T21:30:00Z')).state).toBe('open');
    expect(openingStatus([night], [], at('2026-06-14T20:30:00Z')).state).toBe('closed');
  });

  it('hours over midnight stay open into the next day and close there', () => {
    const evening: WeeklyHours = { days: ['FR'], opens: '20:00', closes: '02:00' };
    // Saturday 17 Jan 01:00 local = Friday 23:00Z
    expect(brief(openingStatus([evening], [], at('2026-01-16T23:00:00Z')))).toMatchObject({
      state: 'open',
      closes: '2026-01-17 02:00',
      next: '2026-01-23 20:00',
    });
  });

  it('a service open to midnight every day is open around the clock', () => {
    const always: WeeklyHours = { days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: '00:00', closes: '24:00' };
    expect(brief(openingStatus([always], [], at('2026-03-29T01:30:00Z')))).toEqual({
      state: 'open',
      closes: null,
      next: null,
      always: true,
    });
    const almost: WeeklyHours = { ...always, closes: '23:59' };
    expect(openingStatus([almost], [], at('2026-01-14T21:59:30Z')).alwaysOpen).toBe(true);
  });

  it('the spring-forward night: 03:00–04:00 does not exist, 04:00 local comes straight after 02:59', () => {
    const early: WeeklyHours = { days: ['SU'], opens: '03:00', closes: '05:00' };
    // Sunday 29 March 2026: 00:59:59Z is 02:59:59 EET; 01:00Z is 04:00 EEST
    expect(localMoment(at('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', minute: 2 * 60 + 59 });
    expect(localMoment(at('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', minute: 4 * 60 });
    expect(openingStatus([early], [], at('2026-03-29T00:59:00Z')).state).toBe('closed');
    expect(brief(openingStatus([early], [], at('2026-03-29T01:00:00Z')))).toMatchObject({
      state: 'open',
      closes: '2026-03-29 05:00',
    });
  });

  it('the fall-back night: 03:30 happens twice and is open both times', () => {
    const early: WeeklyHours = { days: ['SU'], opens: '03:00', closes: '04:00' };
    // Sunday 25 October 2026: 00:30Z is 03:30 EEST, 01:30Z is 03:30 EET
    expect(localMoment(at('2026-10-25T00:30:00Z')).minute).toBe(210);
    expect(localMoment(at('2026-10-25T01:30:00Z')).minute).toBe(210);
    expect(openingStatus([early], [], at('2026-10-25T00:30:00Z')).state).toBe('open');
    expect(openingStatus([early], [], at('2026-10-25T01:30:00Z')).state).toBe('open');
    expect(openingStatus([early], [], at('2026-10-25T02:30:00Z')).state).toBe('closed');
  });

  it('an exceptional closure (a holiday) closes a normal day and the next opening skips it', () => {
    const holiday: HoursException = { from: '2026-12-24', to: '2026-12-26', closed: true, note: { fi: 'Joulu' } };
    // Thursday 24 Dec 2026 10:00 local
    const s = openingStatus([weekdays], [holiday], at('2026-12-24T08:00:00Z'));
    expect(brief(s)).toMatchObject({ state: 'closed', next: '2026-12-28 08:00' });
    expect(s.todayException?.note.fi).toBe('Joulu');
    // Wednesday 23 Dec after closing: tells the opening after the holidays, and lists them
    const before = openingStatus([weekdays], [holiday], at('2026-12-23T15:00:00Z'));
    expect(brief(before)).toMatchObject({ state: 'closed', next: '2026-12-28 08:00' });
    expect(before.upcomingExceptions).toHaveLength(1);
  });

  it('exceptional opening hours replace the week for their date', () => {
    const eve: HoursException = {
      from: '2026-12-31',
      to: '2026-12-31',
      closed: false,
      opens: '08:00',
      closes: '12:00',
      note: {},
    };
    expect(openingStatus([weekdays], [eve], at('2026-12-31T11:00:00Z')).state).toBe('closed'); // 13:00 local
    expect(brief(openingStatus([weekdays], [eve], at('2026-12-31T09:00:00Z')))).toMatchObject({
      state: 'open',
      closes: '2026-12-31 12:00',
    });
    // A Saturday opened by exception
    const sat: HoursException = {
      from: '2027-01-02',
      to: '2027-01-02',
      closed: false,
      opens: '10:00',
      closes: '14:00',
      note: {},
    };
    expect(brief(openingStatus([weekdays], [sat], at('2027-01-01T20:00:00Z')))).toMatchObject({
      next: '2027-01-02 10:00',
    });
  });

  it('a closed day wins over exceptional hours on the same date', () => {
    const both: HoursException[] = [
      { from: '2026-05-01', to: '2026-05-01', closed: false, opens: '08:00', closes: '12:00', note: {} },
      { from: '2026-05-01', to: '2026-05-01', closed: true, note: { fi: 'Vappu' } },
    ];
    expect(openingStatus([weekdays], both, at('2026-05-01T07:00:00Z')).state).toBe('closed');
  });

  it('weekly hours valid only for a season are not used outside it', () => {
    const summer: WeeklyHours = { ...weekdays, validFrom: '2026-06-01', validTo: '2026-08-31' };
    expect(openingStatus([summer], [], at('2026-07-01T08:00:00Z')).state).toBe('open');
    expect(brief(openingStatus([summer], [], at('2026-05-27T08:00:00Z')))).toMatchObject({
      state: 'closed',
      next: '2026-06-01 08:00',
    });
  });

  it('without any hours it claims nothing', () => {
    expect(openingStatus([], [], at('2026-01-14T08:00:00Z')).state).toBe('unknown');
  });
});
