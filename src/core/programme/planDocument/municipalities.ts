/**
 * Municipalities named in a plan: the heading line ("INKOO & SIUNTIO", "Raaseporin kaupunki", "Ingå och
 * Sjundeå") and prefixes of items ("Siuntio: …", "Inkoon: …"). Finnish and Swedish names, any case, with the
 * common case endings; the list and the codes are the platform's own (src/core/places/municipalities.ts).
 */
import { MUNICIPALITIES, type Municipality } from '../../places/municipalities.js';
import type { PlanMunicipality } from './types.js';

/** Stems where the Finnish genitive changes the word itself (Hanko → Hangon, Vihti → Vihdin). */
const EXTRA_STEMS: Record<string, string[]> = {
  '078': ['hango'],
  '927': ['vihdi'],
  '543': ['nurmijärve'],
  '407': ['lapinjärve'],
  '611': ['pornais'],
};

const ENDINGS = new Set([
  'n',
  'ssa',
  'ssä',
  'sta',
  'stä',
  'lla',
  'llä',
  'lta',
  'ltä',
  'lle',
  'han',
  'hon',
  'hin',
  'ksi',
  'na',
  'nä',
  'a',
  'ä',
  's',
  'ten',
  'ssakin',
  'ssäkin',
  'nkin',
]);

const forms = MUNICIPALITIES.map((m) => ({
  m,
  names: [m.name.fi, m.name.sv].map((n) => n.toLowerCase()),
  stems: [m.name.fi, m.name.sv].map((n) => n.toLowerCase()).concat(EXTRA_STEMS[m.code] ?? []),
}));

/** The municipality a single word names, in its basic form or with a case ending ("Inkoon", "Raseborgs"). */
export function municipalityOfWord(word: string): Municipality | undefined {
  const w = word.toLowerCase().normalize('NFC');
  const exact = forms.find((f) => f.names.includes(w));
  if (exact) return exact.m;
  return forms.find((f) => f.stems.some((s) => w.startsWith(s) && ENDINGS.has(w.slice(s.length))))?.m;
}

export const toPlanMunicipality = (m: Municipality): PlanMunicipality => ({ name: m.name.fi, code: m.code });

const CONNECTOR = /\s*(?:&|\+|\/|,|;|\s[-–—]\s|\bja\b|\boch\b|\band\b)\s*/iu;
const GENERIC = /^(?:kunta|kunnat|kunnan|kaupunki|kaupungin|kaupungit|stad|staden|kommun|kommunen|kommuner)$/iu;

/**
 * The municipalities a line consists of, or null when the line says anything else. Up to four names, joined by
 * "&", "ja", "och", "/", "," or a dash; "kunta", "kaupunki", "kommun" may follow a name.
 */
export function municipalitiesOfLine(line: string): PlanMunicipality[] | null {
  const text = line.replace(/[.:]+$/, '').trim();
  if (!text || text.length > 80) return null;
  const parts = text
    .split(CONNECTOR)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || parts.length > 4) return null;
  const out: PlanMunicipality[] = [];
  for (const part of parts) {
    const words = part.split(/\s+/).filter((w) => !GENERIC.test(w));
    if (words.length !== 1) return null;
    const m = municipalityOfWord(words[0]!);
    if (!m) return null;
    if (!out.some((o) => o.code === m.code)) out.push(toPlanMunicipality(m));
  }
  return out;
}

/**
 * "Siuntio: Ketterä kokeilu …" → Siuntio and the rest. Only a prefix naming exactly one municipality counts
 * ("Inkoo ja Siuntio: …" speaks of both).
 */
export function municipalityPrefix(item: string): { municipality: PlanMunicipality; rest: string } | null {
  const m = /^([\p{L}][\p{L}\s&/-]{1,40}?)\s*:\s*(.*)$/u.exec(item);
  if (!m) return null;
  const named = municipalitiesOfLine(m[1]!);
  if (!named || named.length !== 1) return null;
  return { municipality: named[0]!, rest: m[2]!.trim() };
}
