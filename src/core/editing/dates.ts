/** Dates of the freshness rule, in Finland's time zone. */

import { helsinkiToday } from '../shared/dates.js';

export { helsinkiToday };

/** The date twelve months before `today` (29 February becomes 28 February). */
export function twelveMonthsBefore(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A service is stale when it was never reviewed or last reviewed more than twelve months ago. */
export function isStaleDate(lastReviewed: string | null, today = helsinkiToday()): boolean {
  return !lastReviewed || lastReviewed.slice(0, 10) < twelveMonthsBefore(today);
}
