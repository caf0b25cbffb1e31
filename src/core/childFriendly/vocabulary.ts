/**
 * UNICEF's child-friendly municipality (lapsiystävällinen kunta / barnvänlig kommun): the stages of the process a
 * municipality goes through, and the building blocks of the child-friendly cities initiative (UNICEF's nine
 * building blocks). Labels in src/i18n/locales/childFriendly.*.json.
 */
import type { BlockStatus, CfActionStatus, ChildFriendlyStage } from '../../db/schema.childImpact.js';

export const AREA = 'childFriendly';
export const STAGES: readonly ChildFriendlyStage[] = [
  'not_started',
  'application',
  'training',
  'baseline',
  'action_plan',
  'approved',
  'monitoring',
  'recognised',
];
export const BLOCKS = [
  'participation',
  'legal_framework',
  'strategy',
  'coordination',
  'impact_assessment',
  'budget',
  'report',
  'awareness',
  'advocacy',
] as const;
export type Block = (typeof BLOCKS)[number];
export const BLOCK_STATUSES: readonly BlockStatus[] = ['not_started', 'in_progress', 'in_place'];
export const ACTION_STATUSES: readonly CfActionStatus[] = ['planned', 'in_progress', 'done', 'delayed'];

export const isStage = (v: unknown): v is ChildFriendlyStage => STAGES.includes(v as ChildFriendlyStage);
