/** What the events' routes share: the core's dependencies for a request, and the filters read from a query. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { queueMail } from '../../../core/jobs/jobs.js';
import type { EventFilters } from '../../../core/events/queries.js';
import type { EventsDeps } from '../../../core/events/types.js';
import { LIFE_SITUATIONS } from '../../../core/directory/vocabulary.js';
import { municipalityByCode } from '../../../core/places/municipalities.js';
import { isLang } from '../../../core/shared/lang.js';
import { auditContext } from '../../auth.js';
import { badRequest } from '../../errors.js';
import { readForm } from '../../forms.js';

/** The core's dependencies for one request: who acts, the site's address, and e-mail through the job queue. */
export function eventsDeps(app: FastifyInstance, req: FastifyRequest): EventsDeps {
  return { audit: auditContext(req), publicUrl: app.config.publicUrl, queue: queueMail };
}

/**
 * The filters of the events page and the API from a query string. Empty values are "any"; a value that cannot be
 * one (an unknown municipality, an age that is not a number) is a 400 with the parameter named.
 */
export function filtersFromQuery(query: unknown): EventFilters {
  // The API's schema has already turned numbers and booleans into their types; the page's query is all strings.
  const raw = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'number' || typeof v === 'boolean' ? String(v) : v,
    ]),
  );
  const q = readForm(raw);
  const f: EventFilters = {};
  const municipalities = q
    .list('municipality')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const m of municipalities) if (!municipalityByCode(m)) throw badRequest('unknown_municipality', { value: m });
  if (municipalities.length) f.municipality = municipalities;
  const language = q.text('language');
  if (language) {
    if (!isLang(language)) throw badRequest('invalid_value', { name: 'language' });
    f.language = language;
  }
  const age = q.text('age');
  if (age) {
    if (!/^\d{1,2}$/.test(age)) throw badRequest('invalid_value', { name: 'age' });
    f.age = Number(age);
  }
  const life = q.text('life_situation');
  if (life) {
    if (!(LIFE_SITUATIONS as readonly string[]).includes(life))
      throw badRequest('invalid_value', { name: 'life_situation' });
    f.lifeSituation = life;
  }
  const free = q.text('free');
  if (free === '1' || free === 'true') f.free = true;
  const place = q.text('place');
  if (place === 'place' || place === 'online') f.place = place;
  else if (place) throw badRequest('invalid_value', { name: 'place' });
  const when = q.text('when');
  if (when === 'week' || when === 'weekend') f.when = when;
  else if (when) throw badRequest('invalid_value', { name: 'when' });
  for (const k of ['from', 'to'] as const) {
    const v = q.text(k);
    if (v) f[k] = v;
  }
  const words = q.text('q');
  if (words) f.q = words.slice(0, 200);
  for (const [k, to] of [
    ['organization', 'organization'],
    ['service', 'service'],
  ] as const) {
    const v = q.text(k);
    if (v) {
      if (!/^[0-9a-f-]{36}$/i.test(v)) throw badRequest('invalid_value', { name: k });
      f[to] = v.toLowerCase();
    }
  }
  return f;
}
