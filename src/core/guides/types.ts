/** What a life-event guide holds: a title, a short summary, and steps that each name the services that fit them. */
import type { LifeSituation } from '../directory/vocabulary.js';
import type { Translated } from '../shared/lang.js';

/**
 * One step: plain-language text, and which of the directory's services fit it. Services are found, never
 * copied: a service of the reader's municipality fits when it has one of the life situations (if any are given)
 * and one of the service classes or keywords (if any are given). A step with none of them is text only.
 */
export interface GuideStep {
  title: Translated;
  body: Translated;
  lifeSituations: LifeSituation[];
  serviceClasses: string[];
  keywords: string[];
}

export interface GuideContent {
  title: Translated;
  summary: Translated;
  steps: GuideStep[];
}

/** A guide as the public reads it. */
export interface PublishedGuide {
  id: string;
  slug: string;
  content: GuideContent;
  publishedAt: string | null;
  lastReviewed: string | null;
}

/** A guide as its editors see it in the workspace. */
export interface GuideForWork {
  id: string;
  slug: string;
  sort: number;
  published: GuideContent | null;
  draft: GuideContent | null;
  publishedAt: string | null;
  reviewBy: string | null;
  lastReviewed: string | null;
  updatedAt: string;
  /** The review date has passed (Helsinki). */
  reviewDue: boolean;
}

/** What the edit form sends: the draft's content, and the guide's slug, order and review date. */
export interface GuideInput {
  slug: string;
  sort: number;
  reviewBy: string;
  content: GuideContent;
}
