/** What leaves the server as JSON (snake_case, ISO dates). The asker's e-mail address never does. */
import type { ConsultationSummary } from './consultations.js';
import type { ConsultationThread, PoolItem, QuestionDetail } from './types.js';

export function presentPoolItem(q: PoolItem) {
  return {
    id: q.id,
    reference: q.reference,
    municipality: q.municipality,
    topic: q.topic,
    language: q.language,
    status: q.status,
    asked_at: q.askedAt.toISOString(),
    last_message_at: q.lastMessageAt.toISOString(),
    claimed_by: q.claimedBy,
    claimed_team_id: q.claimedTeamId,
    team_ids: q.teamIds,
  };
}

export function presentThread(c: ConsultationThread) {
  return {
    id: c.id,
    question_id: c.questionId,
    reference: c.reference,
    requested_by: c.requestedBy.name,
    consultant: c.consultant.name,
    created_at: c.createdAt.toISOString(),
    messages: c.messages.map((m) => ({ id: m.id, author: m.authorName, text: m.text, at: m.at.toISOString() })),
  };
}

export function presentQuestion(q: QuestionDetail) {
  return {
    ...presentPoolItem(q),
    text: q.text,
    notify_by_email: q.hasEmail,
    publish_consent: q.publishConsent,
    published: q.published,
    view: q.view,
    messages: q.messages.map((m) => ({
      id: m.id,
      author: m.author,
      author_name: m.authorName,
      team: m.teamName,
      text: m.text,
      at: m.at.toISOString(),
    })),
    consultations: q.consultations.map(presentThread),
  };
}

export function presentConsultationSummary(c: ConsultationSummary) {
  return {
    id: c.id,
    question_id: c.questionId,
    reference: c.reference,
    requested_by: c.requestedBy,
    consultant: c.consultant,
    role: c.role,
    messages: c.messages,
    created_at: c.createdAt.toISOString(),
  };
}
