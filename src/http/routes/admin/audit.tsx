/**
 * The audit log: the workspace page (/:lang/work/audit) and the JSON API (/api/v1/audit), side by side. Both read
 * through core/admin/auditView, scoped to what the reader may see; a bad filter is explained, not ignored.
 */
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../core/access/permissions.js';
import { AUDIT_OUTCOMES, auditOrganizationChoices, auditView } from '../../../core/admin/auditView.js';
import { presentAuditEntry, presentPage } from '../../../core/admin/presenters.js';
import { tFor } from '../../../i18n/index.js';
import { AuditPage, type AuditForm } from '../../../web/pages/audit/AuditPage.js';
import { requireActor } from '../../auth.js';
import { attemptForm } from '../../errors.js';
import { readForm } from '../../forms.js';
import { errorResponses, LangParams } from '../../schemas/common.js';
import { langParam } from '../langParam.js';
import { FormQuery, lit, NStr, PageQuery, Paged, pageNo, resourceRoutes, TAG, who, workPage } from './shared.js';

const AuditItemSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor_id: NStr,
  actor_name: NStr,
  action: Type.String(),
  outcome: Type.String(),
  object_type: NStr,
  object_id: NStr,
  organization_id: NStr,
  before: Type.Unknown({ description: 'The record before the change (null when it did not exist).' }),
  after: Type.Unknown({ description: 'The record after the change (null when it was removed).' }),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: NStr,
});

export async function auditRoutes(base: FastifyInstance): Promise<void> {
  const app = resourceRoutes(base);
  const db = app.database.db;

  app.get(
    '/:lang/work/audit',
    { schema: { hide: true, params: LangParams, querystring: FormQuery } },
    async (req, reply) => {
      const lang = langParam(req);
      const actor = who(req, reply);
      if (!actor) return reply;
      authorize(actor, 'audit.read');
      const q = readForm(req.query);
      const form: AuditForm = {
        person: q.text('person').slice(0, 200),
        action: q.text('action').slice(0, 100),
        organization: q.text('organization').slice(0, 40),
        outcome: q.text('outcome').slice(0, 20),
        from: q.text('from').slice(0, 10),
        to: q.text('to').slice(0, 10),
      };
      const r = await attemptForm(lang, () =>
        auditView(db, actor, {
          person: form.person || undefined,
          action: form.action || undefined,
          organizationId: form.organization || undefined,
          outcome: form.outcome || undefined,
          from: form.from || undefined,
          to: form.to || undefined,
          page: pageNo(q),
        }),
      );
      const organizations = await auditOrganizationChoices(db, actor, lang);
      return workPage(req, reply, {
        title: tFor(lang)('audit.title'),
        body: (
          <AuditPage
            result={r.ok ? r.value : null}
            form={form}
            organizations={organizations}
            errors={r.ok ? [] : r.errors}
          />
        ),
        refused: r.ok ? null : r,
      });
    },
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: [TAG.audit],
        summary: 'Search the audit log',
        description:
          'System administrators and coordinators read every entry; an organisation administrator reads the entries of their own organisations. Newest first.',
        querystring: Type.Object({
          person: Type.Optional(
            Type.String({ maxLength: 200, description: "A person's id, e-mail address or part of their name." }),
          ),
          action: Type.Optional(
            Type.String({
              maxLength: 80,
              description: 'An action or its prefix, e.g. "auth." or "membership.update".',
            }),
          ),
          organization_id: Type.Optional(Type.String()),
          outcome: Type.Optional(lit(AUDIT_OUTCOMES)),
          from: Type.Optional(Type.String({ format: 'date', description: 'First day (Europe/Helsinki), inclusive.' })),
          to: Type.Optional(Type.String({ format: 'date', description: 'Last day (Europe/Helsinki), inclusive.' })),
          ...PageQuery,
        }),
        response: { 200: Paged(AuditItemSchema), ...errorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const entries = await auditView(db, requireActor(req), {
        person: q.person,
        action: q.action,
        organizationId: q.organization_id,
        outcome: q.outcome,
        from: q.from,
        to: q.to,
        page: q.page,
        perPage: q.per_page,
      });
      return presentPage(entries, presentAuditEntry);
    },
  );
}
