/**
 * What the route files of administration, the professional directory and the audit log share: typed routes whose
 * answers are never cached (each is one signed-in person's view), the OpenAPI tags, the JSON schemas that several
 * resources use, and the page helpers (the signed-in reader, the notice after a redirect, a page shown again after
 * a refused form). Each resource's file has its page routes and its JSON routes side by side.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { Type } from 'typebox';
import { UUID_RE } from '../../../core/shared/ids.js';
import { LANGS, type Lang } from '../../../core/shared/lang.js';
import { tFor } from '../../../i18n/index.js';
import { STATUS, type Attempt } from '../../errors.js';
import type { FormReader } from '../../forms.js';
import { sendPage } from '../../pages.js';
import { FormBody } from '../../schemas/common.js';
import { langParam } from '../langParam.js';

export { signedInOrRedirect as who } from '../workPages.js';

export const TAG = { admin: 'admin', people: 'people', audit: 'audit' } as const;

/** The plugin of one resource: TypeBox-typed routes, and `cache-control: no-store` on every answer. */
export function resourceRoutes(app: FastifyInstance) {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

// ---- JSON ----

export const NStr = Type.Union([Type.String(), Type.Null()]);
export const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
export const LangLit = lit(LANGS);
export const LangQuery = Type.Object({ lang: Type.Optional(LangLit) });
export const IdParams = Type.Object({ id: Type.String() });

/** Text in Finnish, Swedish and English, as stored. */
export const TranslatedOut = Type.Object(
  { fi: Type.Optional(Type.String()), sv: Type.Optional(Type.String()), en: Type.Optional(Type.String()) },
  { description: 'Text in Finnish, Swedish and English (any may be missing).' },
);
export const TranslatedIn = Type.Object(
  {
    fi: Type.Optional(Type.String({ maxLength: 2000 })),
    sv: Type.Optional(Type.String({ maxLength: 2000 })),
    en: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};
export const Paged = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ total: Type.Integer(), page: Type.Integer(), per_page: Type.Integer(), items: Type.Array(item) });

// ---- Pages ----

/** The fields of a GET form (filters, `page`, `notice`): read with `readForm`, as a posted form is. */
export const FormQuery = FormBody;

export const adminBase = (lang: Lang) => `/${lang}/work/admin`;

/** The notices a redirect may ask the administration's pages to show (admin.notice.<name>). */
const ADMIN_NOTICES = [
  'org_created',
  'org_updated',
  'settings_saved',
  'team_created',
  'team_updated',
  'team_deleted',
  'member_saved',
  'member_removed',
  'invited',
  'invited_existing',
  'invited_not_mailed',
  'membership_saved',
  'membership_removed',
  'identity_saved',
  'system_role_saved',
  'disabled',
  'enabled',
  'invitation_sent',
];

/** The `notice` of a query when it is one the page knows; otherwise none. */
export const noticeOf = (query: FormReader, allowed: readonly string[] = ADMIN_NOTICES) => {
  const n = query.text('notice');
  return allowed.includes(n) ? n : null;
};

/** A UUID filter from a query, lower-cased; anything else is no filter. */
export const optionalUuid = (s: string) => (UUID_RE.test(s) ? s.toLowerCase() : '');

/** The page number of a listing. */
export const pageNo = (query: FormReader) => query.int('page', { min: 1, max: 10_000, fallback: 1 });

/** A form the person can fix, refused: its errors, shown with the form again. */
export type Refused = Extract<Attempt<unknown>, { ok: false }>;

/**
 * A page of the workspace. After a refused form it answers the refusal's status (400, or 409 for a conflict such
 * as an address already taken) and its title begins with "Error:", so the tab says so too.
 */
export function workPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { title: string; body: ReactNode; refused?: Refused | null },
) {
  const t = tFor(langParam(req));
  return sendPage(req, reply, {
    status: o.refused ? STATUS[o.refused.error.kind] : 200,
    title: o.refused ? `${t('form.error_prefix')} ${o.title}` : o.title,
    body: o.body,
  });
}
