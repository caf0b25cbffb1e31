/**
 * "Report an error in this information": anyone may tell a service's editors that something on its page is wrong.
 * The report reaches the editors of the organisation responsible for the service, in their workspace. The message
 * and the optional contact are stored encrypted (they may hold whatever a person chose to write); no address, no
 * cookie, nothing else about the sender. Reading them is audited, as is marking them handled. Handled reports
 * are deleted a year after (purgeHandledFeedback), open ones are kept until handled.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, organizationsWhere, type Actor } from '../access/permissions.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { Problems, notFound, DomainError } from '../shared/errors.js';
import { decryptField, encryptField, registerEncryptedColumns } from '../shared/fieldCrypto.js';
import { newId, UUID_RE } from '../shared/ids.js';
import { defineSchedule, queueMail } from '../jobs/jobs.js';
import { tFor } from '../../i18n/index.js';
import { isLang } from '../shared/lang.js';
import type { Lang, Translated } from '../shared/lang.js';

registerEncryptedColumns({
  table: 'service_feedback',
  id: 'id',
  columns: { message: 'service_feedback.message', contact: 'service_feedback.contact' },
});

export const MESSAGE_MAX = 2000;
export const CONTACT_MAX = 200;

export interface ErrorReportInput {
  message: string;
  contact: string;
}

/** Editors are told by e-mail at most once an hour per organisation; the mail holds only a link. */
const MAIL_QUIET_MINUTES = 60;

/**
 * Stores a report on an active service; returns its id. Audited without its text. The organisation's editors get
 * an e-mail with a link to their workspace (never the text), unless another report reached them in the last hour.
 */
export async function reportServiceError(
  db: Kysely<DB>,
  ctx: AuditContext,
  serviceId: string,
  lang: Lang,
  input: ErrorReportInput,
  opts: { publicUrl: string } = { publicUrl: '' },
): Promise<string> {
  const p = new Problems('feedback');
  const message = input.message.trim();
  const contact = input.contact.trim();
  if (message.length < 5) p.add(message ? 'message_too_short' : 'message_required', 'message');
  if (message.length > MESSAGE_MAX) p.add('message_too_long', 'message', { max: MESSAGE_MAX });
  if (contact.length > CONTACT_MAX) p.add('contact_too_long', 'contact', { max: CONTACT_MAX });
  p.throwIfAny();
  if (!UUID_RE.test(serviceId)) throw notFound('feedback', 'service');
  return db.transaction().execute(async (tx) => {
    const s = await tx
      .selectFrom('service')
      .select(['id', 'organization_id', 'status'])
      .where('id', '=', serviceId)
      .executeTakeFirst();
    if (!s || s.status !== 'active') throw notFound('feedback', 'service');
    const id = newId();
    const recent = await tx
      .selectFrom('service_feedback')
      .select('id')
      .where('organization_id', '=', s.organization_id)
      .where('created_at', '>', new Date(Date.now() - MAIL_QUIET_MINUTES * 60_000))
      .executeTakeFirst();
    if (!recent) await mailEditors(tx, s.organization_id, opts.publicUrl);
    await tx
      .insertInto('service_feedback')
      .values({
        id,
        service_id: s.id,
        organization_id: s.organization_id,
        lang,
        message: encryptField(message, 'service_feedback.message'),
        contact: encryptField(contact || null, 'service_feedback.contact'),
      })
      .execute();
    // The public reporter is nobody in particular: no address is kept with the entry either.
    await audit(
      tx,
      { ...ctx, ip: null, actorName: ctx.actor ? undefined : 'public' },
      {
        action: 'feedback.report',
        objectType: 'service_feedback',
        objectId: id,
        organizationId: s.organization_id,
        details: { service_id: s.id, lang, with_contact: Boolean(contact) },
      },
    );
    return id;
  });
}

async function mailEditors(db: Kysely<DB>, organizationId: string, publicUrl: string) {
  const editors = await db
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.email', 'p.ui_lang'])
    .where('m.organization_id', '=', organizationId)
    .where('m.role', 'in', ['editor', 'org_admin'])
    .where('p.status', '=', 'active')
    .execute();
  for (const e of editors) {
    const l = isLang(e.ui_lang) ? e.ui_lang : 'fi';
    const t = tFor(l);
    await queueMail(db, {
      to: e.email,
      subject: t('feedback.mail.subject'),
      text: t('feedback.mail.text', { url: `${publicUrl}/${l}/work/feedback` }),
    });
  }
}

export interface FeedbackItem {
  id: string;
  serviceId: string;
  serviceName: Translated;
  organizationId: string;
  organizationName: Translated;
  lang: Lang;
  message: string;
  contact: string | null;
  status: 'open' | 'handled';
  createdAt: string;
  handledAt: string | null;
}

/**
 * The reports on the services of the organisations the actor edits (every organisation for an administrator),
 * open ones first. The read is audited: the texts may hold personal data.
 */
export async function listFeedback(
  db: Kysely<DB>,
  ctx: AuditContext,
  opts: { status: 'open' | 'handled' } = { status: 'open' },
): Promise<FeedbackItem[]> {
  authorize(ctx.actor, 'service.edit');
  const orgs = organizationsWhere(ctx.actor, 'service.edit');
  let q = db
    .selectFrom('service_feedback as f')
    .innerJoin('service as s', 's.id', 'f.service_id')
    .innerJoin('organization as o', 'o.id', 'f.organization_id')
    .select([
      'f.id',
      'f.service_id',
      's.name as service_name',
      'f.organization_id',
      'o.name as org_name',
      'f.lang',
      'f.message',
      'f.contact',
      'f.status',
      'f.created_at',
      'f.handled_at',
    ])
    .where('f.status', '=', opts.status)
    .orderBy('f.created_at', 'desc')
    .limit(200);
  if (orgs !== 'all') {
    if (!orgs.length) return [];
    q = q.where('f.organization_id', 'in', orgs);
  }
  const rows = await q.execute();
  if (rows.length)
    await audit(db, ctx, {
      action: 'feedback.read',
      objectType: 'service_feedback',
      details: { ids: rows.map((r) => r.id), status: opts.status },
    });
  return rows.map((r) => ({
    id: r.id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organizationId: r.organization_id,
    organizationName: r.org_name,
    lang: r.lang,
    message: decryptField(r.message, 'service_feedback.message'),
    contact: decryptField(r.contact, 'service_feedback.contact'),
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
    handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null,
  }));
}

/** Marks a report handled; only an editor of the service's organisation may. */
export async function markFeedbackHandled(db: Kysely<DB>, ctx: AuditContext, id: string): Promise<void> {
  if (!UUID_RE.test(id)) throw notFound('feedback', 'report');
  await db.transaction().execute(async (tx) => {
    const f = await tx
      .selectFrom('service_feedback')
      .select(['id', 'organization_id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!f) throw notFound('feedback', 'report');
    authorize(ctx.actor, 'service.edit', { organizationId: f.organization_id });
    if (f.status === 'handled') throw new DomainError('conflict', 'already_handled', { area: 'feedback' });
    await tx
      .updateTable('service_feedback')
      .set({ status: 'handled', handled_at: new Date(), handled_by: ctx.actor.personId })
      .where('id', '=', id)
      .execute();
    await audit(tx, ctx, {
      action: 'feedback.handle',
      objectType: 'service_feedback',
      objectId: id,
      organizationId: f.organization_id,
      before: { status: 'open' },
      after: { status: 'handled' },
    });
  });
}

/** How many open reports the actor's organisations have (for the workspace's link). */
export async function openFeedbackCount(db: Kysely<DB>, actor: Actor): Promise<number> {
  const orgs = organizationsWhere(actor, 'service.edit');
  if (orgs !== 'all' && !orgs.length) return 0;
  let q = db
    .selectFrom('service_feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'open');
  if (orgs !== 'all') q = q.where('organization_id', 'in', orgs);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Deletes reports handled more than a year ago (the retention the privacy statement promises). */
export async function purgeHandledFeedback(db: Kysely<DB>, now = new Date()): Promise<number> {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - 1);
  const r = await db
    .deleteFrom('service_feedback')
    .where('status', '=', 'handled')
    .where('handled_at', '<', limit)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Every night at 3.40 (Helsinki), the reports whose year is up go.
defineSchedule('feedback.purge', '40 3 * * *', async (ctx) => {
  const deleted = await purgeHandledFeedback(ctx.db, ctx.now);
  if (deleted) ctx.log.info({ deleted }, 'error reports deleted a year after handling');
});
