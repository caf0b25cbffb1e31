/**
 * What the editing flow's JSON API answers: a record's editing state, a publication, a review, the list of
 * services not reviewed for twelve months. Problems come with their translated messages in the reader's
 * language (the same messages the pages show).
 */
import type { Lang } from '../shared/lang.js';
import { tFor } from '../../i18n/index.js';
import { changesOf } from './drafts.js';
import { draftProblems } from './errors.js';
import type { StaleGroup } from './freshness.js';
import type { DraftData, DraftError, EditState } from './types.js';

/** A draft's problems, each with its message. */
export function presentProblems(errors: DraftError[], lang: Lang) {
  const t = tFor(lang);
  return draftProblems(errors).map((p) => ({ field: p.field, code: p.code, message: t(p.messageKey!, p.params) }));
}

export function presentState(state: EditState<DraftData>, lang: Lang) {
  const view = changesOf(state);
  return {
    id: state.ref,
    record_id: state.recordId,
    organization_id: state.organizationId,
    source: state.source,
    read_only_fields: state.readOnlyFields,
    ptv_life_situations: state.ptvLifeSituations,
    data: state.data,
    version: state.version,
    published: state.published,
    draft: state.draft
      ? {
          id: state.draft.id,
          status: state.draft.status,
          updated_at: state.draft.updatedAt.toISOString(),
          updated_by: state.draft.updatedByName,
          submitted_by: state.draft.submittedByName,
        }
      : null,
    problems: presentProblems(state.errors, lang),
    base_changed: state.baseChanged,
    needs_second_person: state.needsSecondPerson,
    last_reviewed: state.lastReviewed,
    changes: view.changes,
    changed_meanwhile: view.meanwhile,
  };
}

/** A record just published, and where it can be seen. */
export const presentPublished = (id: string, webUrl: string) => ({ id, web_url: webUrl });

export const presentReviewed = (id: string, lastReviewed: string) => ({ id, last_reviewed: lastReviewed });

export function presentStale(r: { cutoff: string; groups: StaleGroup[]; total: number }) {
  return {
    cutoff: r.cutoff,
    total: r.total,
    organizations: r.groups.map((g) => ({
      id: g.organization.id,
      name: g.organization.name,
      services: g.services.map((s) => ({
        id: s.id,
        name: s.name,
        last_reviewed: s.lastReviewed,
        last_reviewed_by: s.lastReviewedByName,
        has_draft: s.hasDraft,
        can_review: s.canReview,
      })),
    })),
  };
}
