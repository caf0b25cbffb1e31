/**
 * The resident's side after sending, through the private follow-up link (`/{lang}/concern/{code}`): what happens
 * and by when, the team's replies and their own messages, a way to write back, which professionals have read the
 * concern and when (from the audit log: the client-data act gives them that right), and deletion. A wrong code is
 * a page that does not exist: nothing is revealed, not even whether a concern exists.
 */
import { sql } from 'kysely';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { notFound, invalid, conflict } from '../shared/errors.js';
import { hashFollowUpCode, looksLikeFollowUpCode } from '../shared/followUpCodes.js';
import { newId } from '../shared/ids.js';
import { inTransaction, type Db } from './policy.js';
import { open, seal } from './sealed.js';
import { MAX_TEXT } from './vocabulary.js';

const AREA = 'concerns';
const RESIDENT: Pick<AuditContext, 'actorName'> = { actorName: 'resident (follow-up link)' };

async function byCode(db: Db, code: string) {
  if (!looksLikeFollowUpCode(code)) throw notFound(AREA, 'follow_up');
  const row = await db
    .selectFrom('concern_case')
    .selectAll()
    .where('follow_up_hash', '=', hashFollowUpCode(code))
    .executeTakeFirst();
  if (!row) throw notFound(AREA, 'follow_up');
  return row;
}

export interface ResidentView {
  reference: string;
  status: 'intake' | 'open' | 'closed';
  routed: boolean;
  createdAt: Date;
  firstContactDue: string;
  firstContactAt: Date | null;
  text: string;
  anonymous: boolean;
  outcome: string | null;
  deletionRequestedAt: Date | null;
  messages: { author: 'resident' | 'team'; body: string; at: Date }[];
  /** Who of the professionals read the concern, and when. */
  reads: { name: string; at: Date }[];
}

export async function residentView(db: Db, ctx: AuditContext, code: string): Promise<ResidentView> {
  const c = await byCode(db, code);
  const [messages, reads] = await Promise.all([
    db
      .selectFrom('concern_message')
      .select(['author', 'body_enc', 'created_at'])
      .where('case_id', '=', c.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('audit_event')
      .select(['actor_name', 'at'])
      .where('object_type', '=', 'concern_case')
      .where('object_id', '=', c.id)
      .where('action', 'in', ['concern.read', 'referral.read'])
      .where('actor_id', 'is not', null)
      .orderBy('at', 'desc')
      .limit(200)
      .execute(),
  ]);
  await audit(
    db,
    { ...ctx, ...RESIDENT },
    { action: 'concern.resident_read', objectType: 'concern_case', objectId: c.id },
  );
  return {
    reference: c.reference,
    status: c.status,
    routed: c.team_id !== null,
    createdAt: c.created_at,
    firstContactDue: c.first_contact_due,
    firstContactAt: c.first_contact_at,
    text: open('concern_case', 'text_enc', c.text_enc),
    anonymous: c.anonymous,
    outcome: c.outcome,
    deletionRequestedAt: c.deletion_requested_at,
    messages: messages.map((m) => ({
      author: m.author,
      body: open('concern_message', 'body_enc', m.body_enc),
      at: m.created_at,
    })),
    reads: reads.map((r) => ({ name: r.actor_name ?? '', at: r.at })),
  };
}

export async function residentWriteBack(db: Db, ctx: AuditContext, code: string, text: string, now = new Date()) {
  if (!text) throw invalid(AREA, 'message_required', 'message');
  if (text.length > MAX_TEXT) throw invalid(AREA, 'text_too_long', 'message', { max: MAX_TEXT });
  return inTransaction(db, async (tx) => {
    const c = await byCode(tx, code);
    if (c.status === 'closed') throw conflict(AREA, 'case_closed');
    const id = newId();
    await tx
      .insertInto('concern_message')
      .values({
        id,
        case_id: c.id,
        author: 'resident',
        person_id: null,
        body_enc: seal('concern_message', 'body_enc', text),
        created_at: now,
      })
      .execute();
    await tx
      .updateTable('concern_case')
      .set({ last_activity_at: now, updated_at: now })
      .where('id', '=', c.id)
      .execute();
    await audit(
      tx,
      { ...ctx, ...RESIDENT },
      {
        action: 'concern.resident_message',
        objectType: 'concern_case',
        objectId: c.id,
        details: { reference: c.reference, message_id: id },
      },
    );
  });
}

/**
 * Deleting through the follow-up link: a concern nobody has started to handle (still in intake, never read by a
 * professional) is erased at once; otherwise the request is recorded, the team sees it, and the case is erased
 * when it is closed (retention.ts) — a started case may hold what the team must keep until then.
 */
export async function residentDelete(db: Db, ctx: AuditContext, code: string): Promise<'deleted' | 'requested'> {
  return inTransaction(db, async (tx) => {
    const c = await byCode(tx, code);
    const read = await tx
      .selectFrom('audit_event')
      .select('id')
      .where('object_type', '=', 'concern_case')
      .where('object_id', '=', c.id)
      .where('action', '=', 'concern.read')
      .limit(1)
      .executeTakeFirst();
    if (c.status === 'intake' && !read) {
      await tx.deleteFrom('concern_case').where('id', '=', c.id).execute();
      await audit(
        tx,
        { ...ctx, ...RESIDENT },
        {
          action: 'concern.deleted_by_resident',
          objectType: 'concern_case',
          objectId: c.id,
          details: { reference: c.reference },
        },
      );
      return 'deleted';
    }
    if (!c.deletion_requested_at)
      await tx
        .updateTable('concern_case')
        .set({ deletion_requested_at: sql<Date>`now()` })
        .where('id', '=', c.id)
        .execute();
    await audit(
      tx,
      { ...ctx, ...RESIDENT },
      {
        action: 'concern.deletion_requested',
        objectType: 'concern_case',
        objectId: c.id,
        details: { reference: c.reference },
      },
    );
    return 'requested';
  });
}
