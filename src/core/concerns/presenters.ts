/** What leaves the server as JSON about cases and referrals (snake_case, ISO dates). */
import type { CaseDetail, InboxItem } from './cases.js';
import type { ReferralDetail, ReferralListItem } from '../referrals/referrals.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentInboxItem(i: InboxItem) {
  return {
    id: i.id,
    reference: i.reference,
    team_id: i.teamId,
    status: i.status,
    urgency: i.urgency,
    urgent_on_arrival: i.urgentOnArrival,
    municipality: i.municipality,
    age_group: i.ageGroup,
    language: i.language,
    created_at: iso(i.createdAt)!,
    first_contact_due: i.firstContactDue,
    first_contact_at: iso(i.firstContactAt),
    overdue: i.overdue.overdue,
    overdue_working_days: i.overdue.workingDaysLate,
    agenda_date: i.agendaDate,
    responsible: i.responsibleName,
    outcome: i.outcome,
    deletion_requested: i.deletionRequested,
  };
}

export function presentCase(c: CaseDetail) {
  return {
    id: c.id,
    reference: c.reference,
    team_id: c.team.id,
    status: c.status,
    urgency: c.urgency,
    urgent_on_arrival: c.urgentOnArrival,
    about: c.about,
    age_group: c.ageGroup,
    municipality: c.municipality,
    language: c.language,
    anonymous: c.anonymous,
    family_knows: c.familyKnows,
    family_agrees_contact: c.familyAgreesContact,
    text: c.text,
    contact: c.contact,
    created_at: iso(c.createdAt)!,
    first_contact_due: c.firstContactDue,
    first_contact_at: iso(c.firstContactAt),
    overdue: c.overdue.overdue,
    agenda_date: c.agendaDate,
    responsible: c.responsible,
    pair: c.pair,
    outcome: c.outcome,
    closed_at: iso(c.closedAt),
    messages: c.messages.map((m) => ({ author: m.author, person: m.personName, body: m.body, at: iso(m.at)! })),
    minutes: c.minutes.map((m) => ({ meeting_date: m.meetingDate, body: m.body, person: m.personName })),
    plan: c.plan ? { goals: c.plan.goals, tasks: c.plan.tasks, review_date: c.plan.reviewDate } : null,
  };
}

export function presentReferralItem(r: ReferralListItem) {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    service_id: r.serviceId,
    from_team_id: r.fromTeamId,
    to_team_id: r.toTeamId,
    created_at: iso(r.createdAt)!,
    updated_at: iso(r.updatedAt)!,
  };
}

export function presentReferral(r: ReferralDetail) {
  return {
    ...presentReferralItem(r),
    basis: r.basis,
    basis_note: r.basisNote,
    message: r.message,
    contact: r.contact,
    events: r.events.map((e) => ({ status: e.status, note: e.note, person: e.personName, at: iso(e.at)! })),
    next_steps: r.nextSteps,
    withdrawable: r.withdrawable,
  };
}
