/**
 * What tracking says today: a roadmap goal whose year has ended while it was still open, with nobody updating
 * it since, is overdue ("not updated since …"), not "planned"; an experiment still an idea or a trial that nobody
 * has updated for a year is overdue too. An experiment that has spread to other municipalities is shown and
 * counted as spread, whatever its own status says, so the counts and the spread picture agree. Pure functions:
 * the overview, the municipality pages, the JSON and the CSV all use these.
 */
import type { ActionStatus, MilestoneStatus } from '../../db/schema.programme.js';

export const todayIso = (now = new Date()) => now.toISOString().slice(0, 10);

/** Statuses that still expect something to happen. */
export const OPEN_MILESTONE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'delayed'];
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ['idea', 'trial'];
/** How long an open experiment may go without an update. */
export const ACTION_UPDATE_DAYS = 365;

/** A milestone of `year` is due by the end of that year. */
export const milestoneDue = (year: number) => `${year}-12-31`;

export function milestoneOverdue(
  status: MilestoneStatus,
  year: number,
  lastUpdated: string | null,
  today: string,
): boolean {
  if (!OPEN_MILESTONE_STATUSES.includes(status)) return false;
  const due = milestoneDue(year);
  if (due >= today) return false;
  return !lastUpdated || lastUpdated <= due;
}

export function actionOverdue(status: ActionStatus, lastUpdated: string | null, today: string): boolean {
  if (!OPEN_ACTION_STATUSES.includes(status)) return false;
  if (!lastUpdated) return true;
  const limit = new Date(`${lastUpdated}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + ACTION_UPDATE_DAYS);
  return limit.toISOString().slice(0, 10) < today;
}

/** Spread to other municipalities (and not stopped): shown and counted as spread. */
export function shownActionStatus(status: ActionStatus, spreadTo: string[]): ActionStatus {
  return spreadTo.length && status !== 'stopped' ? 'spread' : status;
}

/** The milestone statuses as counted and filtered: 'overdue' apart from 'planned'. */
export type ShownMilestoneStatus = MilestoneStatus | 'overdue';
export const SHOWN_MILESTONE_STATUSES: readonly ShownMilestoneStatus[] = [
  'planned',
  'overdue',
  'in_progress',
  'done',
  'delayed',
  'dropped',
];
export const shownMilestoneStatus = (m: { status: MilestoneStatus; overdue: boolean }): ShownMilestoneStatus =>
  m.overdue ? 'overdue' : m.status;
