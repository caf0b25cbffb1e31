/** Small checks shared by the admin rules. */
import type { Translated } from '../shared/lang.js';
import { cleanTranslated } from '../shared/translated.js';
import { UUID_RE } from '../shared/ids.js';
import { AdminError } from './errors.js';

export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 2000;

/** A name in Finnish and/or Swedish (English optional): the network's two equal languages need at least one. */
export function requireName(name: Translated | undefined, fieldPrefix = 'name'): Translated {
  const clean = cleanTranslated(name);
  if (!clean.fi && !clean.sv) throw new AdminError('name_required', `${fieldPrefix}_fi`);
  for (const l of ['fi', 'sv', 'en'] as const) {
    if ((clean[l]?.length ?? 0) > MAX_NAME) throw new AdminError('name_too_long', `${fieldPrefix}_${l}`);
  }
  return clean;
}

export function optionalText(t: Translated | undefined, fieldPrefix: string, max = MAX_DESCRIPTION): Translated {
  const clean = cleanTranslated(t);
  for (const l of ['fi', 'sv', 'en'] as const) {
    if ((clean[l]?.length ?? 0) > max) throw new AdminError('text_too_long', `${fieldPrefix}_${l}`);
  }
  return clean;
}

/** An id in a URL or form that is not a UUID cannot name anything: treated as not found. */
export function checkId(id: string, what: 'organization' | 'team' | 'person'): string {
  if (!UUID_RE.test(id)) throw new AdminError(`${what}_not_found`, undefined, 404);
  return id.toLowerCase();
}
