/**
 * The words of programme tracking: the four LAPE areas, the statuses of actions and milestones, and how the
 * parser's reading of a plan becomes a starting status. Labels live in src/i18n/locales/programme.*.json
 * (programme.area.<code>, programme.status.<code>, programme.milestone_status.<code>, programme.role.<code>).
 */
import type { ExperimentStatus, LapeArea } from './planDocument/types.js';
import type { ActionStatus, LapeAreaCode, MemberRole, MilestoneStatus } from '../../db/schema.programme.js';

export const LAPE_AREAS: readonly LapeAreaCode[] = [
  'family_centre',
  'school_wellbeing',
  'special_services',
  'culture_change',
];
export const ACTION_STATUSES: readonly ActionStatus[] = [
  'idea',
  'trial',
  'evaluated',
  'permanent',
  'stopped',
  'spread',
];
export const MILESTONE_STATUSES: readonly MilestoneStatus[] = ['planned', 'in_progress', 'done', 'delayed', 'dropped'];
export const MEMBER_ROLES: readonly MemberRole[] = ['chair', 'member', 'secretary', 'contact', 'signatory'];
/** The years of the plans' roadmap table, and the span of the region's timeline. */
export const ROADMAP_YEARS = [2018, 2019, 2022, 2025, 2030] as const;
export const TIMELINE_FROM = 2018;
export const TIMELINE_TO = 2030;

export const isArea = (v: unknown): v is LapeAreaCode =>
  typeof v === 'string' && (LAPE_AREAS as readonly string[]).includes(v);
export const isActionStatus = (v: unknown): v is ActionStatus =>
  typeof v === 'string' && (ACTION_STATUSES as readonly string[]).includes(v);
export const isMilestoneStatus = (v: unknown): v is MilestoneStatus =>
  typeof v === 'string' && (MILESTONE_STATUSES as readonly string[]).includes(v);
export const isMemberRole = (v: unknown): v is MemberRole =>
  typeof v === 'string' && (MEMBER_ROLES as readonly string[]).includes(v);

/**
 * The status an experiment starts with, from how the plan's text describes it. "Done and made permanent" is a
 * permanent practice; "continuing" is still a trial; "not done yet" an idea; a one-off event was tried and not
 * continued (stopped). People refine it in the browser (evaluated, spread to other municipalities).
 */
export function statusFromImport(s: ExperimentStatus | undefined): ActionStatus {
  switch (s) {
    case 'permanent':
      return 'permanent';
    case 'continuing':
      return 'trial';
    case 'not_done':
      return 'idea';
    case 'one_off':
      return 'stopped';
    default:
      return 'trial';
  }
}

const AREA_WORDS: [LapeAreaCode, RegExp][] = [
  ['special_services', /lastensuojel|erityis- ja vaativ|vaativan tason|systemi|barnskydd|krävande nivå/i],
  [
    'school_wellbeing',
    /koulu|oppilashuol|oppilaitos|varhaiskasvat|esiopetu|opiskelija|elevhälsa|skola|småbarnspedagog/i,
  ],
  [
    'culture_change',
    /lapsiystävä|lapsivaikut|lapsiasia|unicef|osallistum|toimintakulttuur|päätöksen|barnvänlig|barnombud|konsekvenser för barn/i,
  ],
  [
    'family_centre',
    /perhekesk|perheryhm|vanhempainryhm|ihmeelliset vuodet|otroliga|neuvola|perheohjau|perhetyö|eroautta|skillsmässa|skilsmässa|familjecentral|perhekahvil|familjecafé/i,
  ],
];

/**
 * A first guess at the LAPE area an experiment belongs to, from its words (the plans do not say); null when
 * nothing fits. People correct it in the browser; the guess is never applied over their choice.
 */
export function guessArea(text: string): LapeAreaCode | null {
  for (const [area, re] of AREA_WORDS) if (re.test(text)) return area;
  return null;
}

export const areaFromParsed = (a: LapeArea): LapeAreaCode => a;
