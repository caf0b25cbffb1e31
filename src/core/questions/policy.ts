/**
 * Who may read a question. A question's contents (its text, the conversation, the asker's e-mail) are read only
 * by the members of the teams it is routed to or claimed by — through their team role's `question.answer`, never
 * through a system role: an administrator or a coordinator sees counts, not contents, unless they are themselves
 * members of an answering team. A colleague asked for a consultation reads the question and the consultation's
 * thread, not the asker's e-mail. Routing is decided by coordinators (everywhere) and organisation admins (for
 * their own organisation's teams): `question.routing`.
 */
import { ForbiddenError, TEAM_ROLE_PERMISSIONS, type Actor } from '../access/permissions.js';

/** The teams where the actor answers questions (by their role in the team). */
export function answeringTeams(actor: Actor | null | undefined): string[] {
  if (!actor) return [];
  return actor.teams.filter((t) => TEAM_ROLE_PERMISSIONS[t.role].includes('question.answer')).map((t) => t.teamId);
}

export interface QuestionAccess {
  teamIds: string[];
  claimedTeamId: string | null;
}

/** The actor's answering team that holds the question (the claimed team first), or null. */
export function holdingTeam(actor: Actor | null | undefined, q: QuestionAccess): string | null {
  const mine = new Set(answeringTeams(actor));
  if (q.claimedTeamId && mine.has(q.claimedTeamId)) return q.claimedTeamId;
  return q.teamIds.find((t) => mine.has(t)) ?? null;
}

/** May the actor read and answer the question? (Pure: the decision table.) */
export function canAnswer(actor: Actor | null | undefined, q: QuestionAccess): boolean {
  return holdingTeam(actor, q) !== null;
}

/** Throws ForbiddenError('question.answer') unless the actor's team holds the question; returns that team. */
export function authorizeAnswer(actor: Actor | null | undefined, q: QuestionAccess): { actor: Actor; teamId: string } {
  const teamId = holdingTeam(actor, q);
  if (!actor || !teamId) throw new ForbiddenError('question.answer', { teamId: q.claimedTeamId ?? q.teamIds[0] });
  return { actor, teamId };
}
