/** Rules for a service record, shared by every way one is written (editor, import, demo data). */
import { LANGS } from '../shared/lang.js';
import { municipalityByCode } from '../places/municipalities.js';
import { isKnownCode } from './taxonomies.js';
import type { FieldError, HoursException, LinkInput, OpeningHours, ServiceInput } from './types.js';
import { ACCESS, DELIVERY_MODES, FEES, isOneOf, LIFE_SITUATIONS, WEEKDAYS } from './vocabulary.js';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function validateHours(hours: OpeningHours[] | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  (hours ?? []).forEach((h, i) => {
    if (!h.days.length || h.days.some((d) => !(WEEKDAYS as readonly string[]).includes(d)))
      errors.push({ field: `${field}[${i}].days`, code: 'invalid' });
    if (!TIME_RE.test(h.opens)) errors.push({ field: `${field}[${i}].opens`, code: 'time' });
    if (!TIME_RE.test(h.closes)) errors.push({ field: `${field}[${i}].closes`, code: 'time' });
    if (TIME_RE.test(h.opens) && TIME_RE.test(h.closes) && h.opens >= h.closes)
      errors.push({ field: `${field}[${i}].closes`, code: 'closes_before_opens' });
  });
  return errors;
}

export function validateExceptions(exceptions: HoursException[] | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  (exceptions ?? []).forEach((x, i) => {
    if (!DATE_RE.test(x.from)) errors.push({ field: `${field}[${i}].from`, code: 'date' });
    if (!DATE_RE.test(x.to)) errors.push({ field: `${field}[${i}].to`, code: 'date' });
    if (DATE_RE.test(x.from) && DATE_RE.test(x.to) && x.from > x.to)
      errors.push({ field: `${field}[${i}].to`, code: 'date_order' });
    if (!x.closed) {
      if (!x.opens || !TIME_RE.test(x.opens)) errors.push({ field: `${field}[${i}].opens`, code: 'time' });
      if (!x.closes || !TIME_RE.test(x.closes)) errors.push({ field: `${field}[${i}].closes`, code: 'time' });
      if (x.opens && x.closes && TIME_RE.test(x.opens) && TIME_RE.test(x.closes) && x.opens >= x.closes)
        errors.push({ field: `${field}[${i}].closes`, code: 'closes_before_opens' });
    }
  });
  return errors;
}

export function validateLinks(links: LinkInput[] | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  (links ?? []).forEach((l, i) => {
    if (!/^https?:\/\/\S+$/.test(l.url))
      errors.push({ field: `${field}[${i}].url`, code: 'url', params: { value: l.url } });
  });
  return errors;
}

export function validateService(s: ServiceInput): FieldError[] {
  const errors: FieldError[] = [];
  if (!s.name.fi?.trim() && !s.name.sv?.trim()) errors.push({ field: 'name', code: 'required_fi_or_sv' });
  if (!s.key.trim()) errors.push({ field: 'key', code: 'required' });
  for (const l of s.languages)
    if (!LANGS.includes(l)) errors.push({ field: 'languages', code: 'invalid', params: { value: l } });
  if (!s.languages.length) errors.push({ field: 'languages', code: 'required' });
  for (const m of s.modes)
    if (!isOneOf(DELIVERY_MODES, m)) errors.push({ field: 'modes', code: 'invalid', params: { value: m } });
  if (!isOneOf(FEES, s.fee)) errors.push({ field: 'fee', code: 'invalid' });
  if (!isOneOf(ACCESS, s.access)) errors.push({ field: 'access', code: 'invalid' });
  for (const a of s.areas)
    if (!municipalityByCode(a)) errors.push({ field: 'areas', code: 'unknown_municipality', params: { value: a } });
  // A PTV service may serve only municipalities outside the directory's (see docs/ptv-import.md): it keeps no area.
  if (!s.areas.length && s.source !== 'ptv') errors.push({ field: 'areas', code: 'required' });
  for (const ls of s.lifeSituations)
    if (!isOneOf(LIFE_SITUATIONS, ls)) errors.push({ field: 'lifeSituations', code: 'invalid', params: { value: ls } });
  for (const c of s.serviceClasses ?? [])
    if (!isKnownCode('ptv-service-class', c))
      errors.push({ field: 'serviceClasses', code: 'invalid', params: { value: c } });
  for (const c of s.targetGroups ?? [])
    if (!isKnownCode('ptv-target-group', c))
      errors.push({ field: 'targetGroups', code: 'invalid', params: { value: c } });
  for (const [f, v] of [
    ['ageMin', s.ageMin],
    ['ageMax', s.ageMax],
  ] as const) {
    if (v !== undefined && (!Number.isInteger(v) || v < 0 || v > 29)) errors.push({ field: f, code: 'age_range' });
  }
  if (s.ageMin !== undefined && s.ageMax !== undefined && s.ageMin > s.ageMax)
    errors.push({ field: 'ageMax', code: 'age_order' });
  if (s.lastReviewed !== undefined && !DATE_RE.test(s.lastReviewed))
    errors.push({ field: 'lastReviewed', code: 'date' });
  if (s.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.email))
    errors.push({ field: 'email', code: 'email' });
  if (s.url !== undefined && !/^https?:\/\/\S+$/.test(s.url)) errors.push({ field: 'url', code: 'url' });
  errors.push(...validateHours(s.hours, 'hours'));
  errors.push(...validateExceptions(s.exceptions, 'exceptions'));
  errors.push(...validateLinks(s.links, 'links'));
  return errors;
}
