/**
 * Schemas every route shares: the error answer, ids in paths, the language segment of pages, and the body of a
 * form post. Page routes declare their params and bodies with these, so a handler reads typed values, never a cast.
 */
import { Type, type Static } from 'typebox';
import { LANGS } from '../../core/shared/lang.js';

/** What every refusal answers in JSON (see http/errors.ts). */
export const ErrorSchema = Type.Object({
  error: Type.String({ description: 'A stable code, e.g. "name_required", "forbidden", "plan_not_found".' }),
  message: Type.String({ description: "A translated message in the request's language." }),
  problems: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String({ description: 'The parameter, JSON property or form field at fault.' }),
        code: Type.String(),
        message: Type.String(),
      }),
    ),
  ),
  draft_saved: Type.Optional(Type.Boolean()),
  id: Type.Optional(Type.String()),
});

/** The standard error answers of a route that reads and writes as a signed-in person. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
} as const;

export const LangSchema = Type.Union(LANGS.map((l) => Type.Literal(l)));

/** A UUID in a path. A malformed one is a page or record that does not exist: see `uuidParam` in http/forms.ts. */
export const Uuid = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
});

/** `/:lang/...` */
export const LangParams = Type.Object({ lang: Type.String() });
/** `/:lang/.../:id` */
export const LangIdParams = Type.Object({ lang: Type.String(), id: Type.String() });
export type LangIdParams = Static<typeof LangIdParams>;

/**
 * The body of an urlencoded form: every field a string or, when repeated, a list of strings. Read it with
 * `readForm` (http/forms.ts), which trims and decides single or repeated values the same way everywhere.
 */
export const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));
export type FormBody = Static<typeof FormBody>;
