/** The closed lists of concerns and cases: codes stored in the database, labels in concerns.{fi,sv,en}.json. */
import type { AgeGroup, CaseOutcome, ReferralStatus, Urgency } from '../../db/schema.concerns.js';

export const AGE_GROUPS: readonly AgeGroup[] = ['0-2', '3-6', '7-12', '13-17', 'unknown'];
export const ABOUT = ['own_family', 'other_child'] as const;
export type About = (typeof ABOUT)[number];
export const URGENCIES: readonly Urgency[] = ['urgent', 'normal'];
export const OUTCOMES: readonly CaseOutcome[] = ['helped', 'referred_on', 'no_need', 'could_not_reach'];
export const REFERRAL_STATUSES: readonly ReferralStatus[] = [
  'sent',
  'accepted',
  'declined',
  'contact_made',
  'completed',
  'withdrawn',
];

/** What the receiving team may do next from each status (withdrawing is the sender's). */
export const RECEIVER_STEPS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  sent: ['accepted', 'declined'],
  accepted: ['contact_made', 'completed'],
  contact_made: ['completed'],
  declined: [],
  completed: [],
  withdrawn: [],
};
/** A referral can be withdrawn until it is finished. */
export const WITHDRAWABLE: readonly ReferralStatus[] = ['sent', 'accepted', 'contact_made'];

/** Limits of free text, so a form cannot fill the database. */
export const MAX_TEXT = 5000;
export const MAX_SHORT = 200;
