/** A concern team's settings: the municipalities and languages it takes, its first-contact target and meeting day. */
import type { Actor } from '../access/permissions.js';
import { ForbiddenError } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { MUNICIPALITIES, municipalityByCode } from '../places/municipalities.js';
import { DomainError, notFound, Problems } from '../shared/errors.js';
import { isLang } from '../shared/lang.js';
import { canSetUpTeam, inTransaction, teamOf, type Db } from './policy.js';
import { DEFAULT_FIRST_CONTACT_DAYS } from './bringConcern.js';

export interface TeamSettings {
  teamId: string;
  municipalities: string[];
  languages: string[];
  firstContactDays: number;
  meetingWeekday: number;
  receivesReferrals: boolean;
  configured: boolean;
}

export async function teamSettings(db: Db, teamId: string): Promise<TeamSettings> {
  const s = await db.selectFrom('concern_team_settings').selectAll().where('team_id', '=', teamId).executeTakeFirst();
  return {
    teamId,
    municipalities: s?.municipality_codes ?? [],
    languages: s?.languages ?? ['fi', 'sv', 'en'],
    firstContactDays: s?.first_contact_days ?? DEFAULT_FIRST_CONTACT_DAYS,
    meetingWeekday: s?.meeting_weekday ?? 2,
    receivesReferrals: s?.receives_referrals ?? true,
    configured: Boolean(s),
  };
}

export async function authorizeTeamSetup(db: Db, actor: Actor | null, teamId: string) {
  if (!actor) throw new DomainError('unauthenticated', 'sign_in_required');
  const team = await teamOf(db, teamId);
  if (!team) throw notFound('concerns', 'team');
  if (!canSetUpTeam(actor, { id: team.id, organizationId: team.organizationId }))
    throw new ForbiddenError('concern.settings', { teamId: team.id, organizationId: team.organizationId });
  return team;
}

export async function saveTeamSettings(
  db: Db,
  ctx: AuditContext,
  teamId: string,
  i: {
    municipalities: string[];
    languages: string[];
    firstContactDays: string;
    meetingWeekday: string;
    receivesReferrals: boolean;
  },
) {
  return inTransaction(db, async (tx) => {
    const team = await authorizeTeamSetup(tx, ctx.actor, teamId);
    const p = new Problems('concerns');
    const municipalities = [...new Set(i.municipalities)];
    if (municipalities.some((m) => !municipalityByCode(m))) p.add('municipality_required', 'municipalities');
    const languages = [...new Set(i.languages)];
    if (!languages.length || languages.some((l) => !isLang(l))) p.add('languages_required', 'languages');
    const days = Number(i.firstContactDays);
    if (!Number.isInteger(days) || days < 1 || days > 30) p.add('days_invalid', 'first_contact_days');
    const weekday = Number(i.meetingWeekday);
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 5) p.add('weekday_invalid', 'meeting_weekday');
    p.throwIfAny();
    const before = await teamSettings(tx, teamId);
    const values = {
      municipality_codes: MUNICIPALITIES.map((m) => m.code).filter((c) => municipalities.includes(c)),
      languages,
      first_contact_days: days,
      meeting_weekday: weekday,
      receives_referrals: i.receivesReferrals,
      updated_at: new Date(),
    };
    await tx
      .insertInto('concern_team_settings')
      .values({ team_id: teamId, ...values })
      .onConflict((oc) => oc.column('team_id').doUpdateSet(values))
      .execute();
    await audit(tx, ctx, {
      action: 'concern.team_settings',
      objectType: 'team',
      objectId: teamId,
      organizationId: team.organizationId,
      before,
      after: values,
    });
  });
}
