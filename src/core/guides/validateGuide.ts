/**
 * The rules a guide follows before it is saved: Finnish and Swedish are equal, so the title, the summary and
 * every step are written in both (English is welcome, not required); a slug made for a URL; service classes
 * that exist; a review date. All problems are reported at once, each on its field.
 */
import ptvClasses from '../directory/data/ptv-service-classes.json' with { type: 'json' };
import { isOneOf, LIFE_SITUATIONS } from '../directory/vocabulary.js';
import { Problems } from '../shared/errors.js';
import type { Translated } from '../shared/lang.js';
import { cleanTranslated } from '../shared/translated.js';
import type { GuideInput, GuideStep } from './types.js';

export const MAX_STEPS = 12;
const CLASS_CODES = new Set((ptvClasses as { code: string }[]).map((c) => c.code));
const SLUG_RE = /^[a-z][a-z0-9-]{1,59}$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const validDate = (v: string) => DATE_RE.test(v) && !Number.isNaN(new Date(`${v}T12:00:00Z`).getTime());

function needBoth(p: Problems, field: string, t: Translated, max: number) {
  if (!t.fi && !t.sv) p.add('text_required', field);
  else {
    if (!t.fi) p.add('finnish_required', `${field}.fi`);
    if (!t.sv) p.add('swedish_required', `${field}.sv`);
  }
  for (const l of ['fi', 'sv', 'en'] as const)
    if ((t[l]?.length ?? 0) > max) p.add('text_too_long', `${field}.${l}`, { max });
}

/** The input cleaned (empty translations dropped, codes upper-cased, keywords lower-cased), or a refusal. */
export function validateGuide(input: GuideInput): GuideInput {
  const p = new Problems('guides');
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG_RE.test(slug)) p.add('slug_invalid', 'slug');
  if (!Number.isInteger(input.sort) || input.sort < 0 || input.sort > 1000) p.add('sort_invalid', 'sort');
  if (!validDate(input.reviewBy)) p.add('review_by_invalid', 'review_by');
  const title = cleanTranslated(input.content.title);
  const summary = cleanTranslated(input.content.summary);
  needBoth(p, 'title', title, 160);
  needBoth(p, 'summary', summary, 600);
  if (!input.content.steps.length) p.add('steps_required', 'steps');
  if (input.content.steps.length > MAX_STEPS) p.add('too_many_steps', 'steps', { max: MAX_STEPS });
  const steps = input.content.steps.map((s, i): GuideStep => {
    const f = `steps[${i}]`;
    const st = cleanTranslated(s.title);
    const body = cleanTranslated(s.body);
    needBoth(p, `${f}.title`, st, 160);
    needBoth(p, `${f}.body`, body, 4000);
    const lifeSituations = [...new Set(s.lifeSituations)];
    if (lifeSituations.some((x) => !isOneOf(LIFE_SITUATIONS, x)))
      p.add('life_situation_invalid', `${f}.life_situations`);
    const serviceClasses = [...new Set(s.serviceClasses.map((c) => c.trim().toUpperCase()).filter(Boolean))];
    const unknown = serviceClasses.filter((c) => !CLASS_CODES.has(c));
    if (unknown.length) p.add('service_class_unknown', `${f}.service_classes`, { codes: unknown.join(', ') });
    const keywords = [...new Set(s.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
    if (keywords.some((k) => k.length > 60) || keywords.length > 20) p.add('keywords_invalid', `${f}.keywords`);
    return { title: st, body, lifeSituations, serviceClasses, keywords };
  });
  p.throwIfAny();
  return { slug, sort: input.sort, reviewBy: input.reviewBy, content: { title, summary, steps } };
}
