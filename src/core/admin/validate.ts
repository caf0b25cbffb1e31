/** Small checks shared by the admin rules. Their refusals are DomainErrors of the area 'admin' (admin.error.<code>). */
import { invalid, notFound } from '../shared/errors.js';
import { LANGS, type Translated } from '../shared/lang.js';
import { cleanTranslated } from '../shared/translated.js';
import { UUID_RE } from '../shared/ids.js';

export const AREA = 'admin';
export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 2000;

/**
 * A name in Finnish and/or Swedish (English optional): the network's two equal languages need at least one.
 * A missing name is a problem of the whole field (`name`); a name too long, of its language (`name.fi`).
 */
export function requireName(name: Translated | undefined, field = 'name'): Translated {
  const clean = cleanTranslated(name);
  if (!clean.fi && !clean.sv) throw invalid(AREA, 'name_required', field);
  for (const l of LANGS) if ((clean[l]?.length ?? 0) > MAX_NAME) throw invalid(AREA, 'name_too_long', `${field}.${l}`);
  return clean;
}

export function optionalText(t: Translated | undefined, field: string, max = MAX_DESCRIPTION): Translated {
  const clean = cleanTranslated(t);
  for (const l of LANGS) if ((clean[l]?.length ?? 0) > max) throw invalid(AREA, 'text_too_long', `${field}.${l}`);
  return clean;
}

/** An id in a URL or form that is not a UUID cannot name anything: treated as not found. */
export function checkId(id: string, what: 'organization' | 'team' | 'person'): string {
  if (!UUID_RE.test(id)) throw notFound(AREA, what);
  return id.toLowerCase();
}
