/** What the programme's page routes share: where a plan's page is, and who may open an edit form. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TFunction } from 'i18next';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import { ForbiddenError } from '../../../core/access/permissions.js';
import { canEditPlan, representativeOrganizations } from '../../../core/programme/policy.js';
import type { FormError } from '../../../web/components/forms.js';
import { signedInOrRedirect } from '../workPages.js';

/** A plan's page: the page of its first municipality. */
export const planHref = (lang: string, codes: string[]) => `/${lang}/programme/municipalities/${codes[0] ?? ''}`;

/** A refused form's page title starts with "Error:" (GOV.UK). */
export const errorTitle = (t: TFunction, title: string, errors: FormError[]) =>
  errors.length ? `${t('form.error_prefix')} ${title}` : title;

/** For the edit forms: signed in (or sent to sign in), and allowed to change this plan (or 403). */
export async function planEditor(db: Kysely<DB>, req: FastifyRequest, reply: FastifyReply, codes: string[]) {
  const actor = signedInOrRedirect(req, reply);
  if (!actor) return null;
  if (!(await canEditPlan(db, actor, codes))) {
    const reps = await representativeOrganizations(db, codes);
    throw new ForbiddenError('programme.edit', { organizationId: reps[0]?.id ?? null });
  }
  return actor;
}
