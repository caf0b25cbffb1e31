/**
 * Follow-ups that fall due. `dueFollowUps` finds, for a day, the assessments whose follow-up day has come, that
 * are not done and whose owner has not been reminded for that day yet; `remindDueFollowUps` reminds each owner by
 * e-mail (a link only, never the content) and records the reminder, so a day's run sends each reminder once.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../audit/auditLog.js';
import { helsinkiDay } from './dates.js';

export interface DueFollowUp {
  id: string;
  organizationId: string;
  due: string;
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
}

/** The follow-ups due on or before `day` (YYYY-MM-DD, Helsinki) that still need a reminder. */
export async function dueFollowUps(db: Kysely<DB>, day: string): Promise<DueFollowUp[]> {
  const rows = await db
    .selectFrom('child_impact_assessment as a')
    .innerJoin('person as p', 'p.id', 'a.follow_up_owner_id')
    .select(['a.id', 'a.organization_id', 'a.follow_up_due', 'p.id as owner_id', 'p.email', 'p.name'])
    .where('a.follow_up_due', '<=', day)
    .where('a.follow_up_done_at', 'is', null)
    .where('a.status', '!=', 'screened_out')
    .where('p.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('a.follow_up_reminded_on', 'is', null), eb('a.follow_up_reminded_on', '<', eb.ref('a.follow_up_due'))]),
    )
    .orderBy('a.follow_up_due')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    due: r.follow_up_due!,
    ownerId: r.owner_id,
    ownerEmail: r.email,
    ownerName: r.name,
  }));
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** The reminder: in Finnish and Swedish, a link to the assessment and nothing of its content. */
export function reminderMail(f: DueFollowUp, publicUrl: string): Mail {
  const fi = `${publicUrl}/fi/work/child-impact/${f.id}`;
  const sv = `${publicUrl}/sv/work/child-impact/${f.id}`;
  return {
    to: f.ownerEmail,
    subject: 'Lapsivaikutusten arvioinnin seuranta / Uppföljning av barnkonsekvensbedömning',
    text: [
      `Hei ${f.ownerName},`,
      `vastuullasi olevan lapsivaikutusten arvioinnin seurannan päivä (${f.due}) on tullut. Kirjaa seuranta tästä:`,
      fi,
      '',
      `Hej ${f.ownerName},`,
      `dagen (${f.due}) för uppföljningen av en barnkonsekvensbedömning som du ansvarar för har kommit. Dokumentera uppföljningen här:`,
      sv,
    ].join('\n'),
  };
}

/**
 * Reminds every owner whose follow-up is due on `now`'s day. `send` puts a mail on its way (the job queue's
 * queueMail in the same transaction, or a mailer); the reminder is recorded so that it is sent once a due date.
 */
export async function remindDueFollowUps(
  db: Kysely<DB>,
  o: { now?: Date; publicUrl: string; send: (db: Kysely<DB>, mail: Mail) => Promise<void> },
): Promise<number> {
  const day = helsinkiDay(o.now ?? new Date());
  const due = await dueFollowUps(db, day);
  for (const f of due) {
    await db.transaction().execute(async (tx) => {
      const still = await tx
        .updateTable('child_impact_assessment')
        .set({ follow_up_reminded_on: day })
        .where('id', '=', f.id)
        .where((eb) =>
          eb.or([eb('follow_up_reminded_on', 'is', null), eb('follow_up_reminded_on', '<', eb.ref('follow_up_due'))]),
        )
        .executeTakeFirst();
      if (!Number(still.numUpdatedRows)) return;
      await o.send(tx, reminderMail(f, o.publicUrl));
      await audit(
        tx,
        { actor: null, actorName: 'follow-up reminders' },
        {
          action: 'child_impact.follow_up_reminded',
          objectType: 'child_impact_assessment',
          objectId: f.id,
          organizationId: f.organizationId,
          actorId: null,
          details: { due: f.due, owner: f.ownerId },
        },
      );
    });
  }
  return due.length;
}
