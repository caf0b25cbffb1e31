/**
 * Section 3's items as experiments: whose they are ("Siuntio: …"), what they are called, and how they ended
 * up, read from the wording ("jatkavat toimintaansa" → permanent, "oli yksittäinen tapahtuma" → one-off,
 * "Ei ollut ketteriä kokeiluja" → not done). The item as written is kept beside what was read from it.
 */
import type { ExperimentStatus, PlanExperiment } from './types.js';
import { municipalitiesOfLine, municipalityPrefix } from './municipalities.js';
import { sentencesOf, ure } from './text.js';

interface Signal {
  status: ExperimentStatus;
  re: RegExp;
  /** The phrase is a predicate that can be cut from the title. */ cut?: boolean;
}

/** In order of precedence within a sentence: a negation outweighs a continuation, and so on. */
const SIGNALS: Signal[] = (
  [
    { status: 'not_done', re: /^(?:ei|eivät|inga|inget|inte)\b/iu },
    {
      status: 'not_done',
      re: /(?:\b(?:kokeilua|kokeiluja|kokeilu|toimintaa)\s+)?\b(?:ei|eivät)\s+(?:ole|ollut|olleet|toteutunut|toteutuneet|toteutettu|tehty|järjestetty|kokeiltu|vielä|aloitettu|käynnistetty)\b.*$/iu,
      cut: true,
    },
    {
      status: 'not_done',
      re: /\b(?:suunnitteilla|suunnitellaan|tulossa|har inte|inte ännu|inte genomförts|planeras)\b/iu,
      cut: true,
    },
    {
      status: 'one_off',
      re: /(?:\b(?:oli|on|jäi|var)\s+)?(?:yksittäi\p{L}*|kertaluo\p{L}*|ainutkertai\p{L}*|engångs\p{L}*|enstaka)(?:\s+(?:tapahtuma\p{L}*|tilaisuu\p{L}*|evenemang|tillfälle|händelse))?/iu,
      cut: true,
    },
    // "Isätoiminnan kokeilu jatkuu": the trial goes on (the title keeps "kokeilu").
    {
      status: 'continuing',
      re: /(?<=\b(?:kokeilu|kokeilua|pilotti|försöket)\s+)(?:jatkuu|jatketaan|pågår|fortsätter)\b/iu,
      cut: true,
    },
    {
      status: 'continuing',
      re: /\b(?:kehitteillä|käynnissä|pilotoi\p{L}*|aloitettiin|aloitettu|käynnistettiin|käynnistetty|työn alla|kokeillaan|pågår|prövas|inleddes|testas)\b/iu,
      cut: true,
    },
    {
      status: 'permanent',
      re: /(?:\b(?:toiminta|toimintaa|työ|verksamheten)\s+)?\b(?:jatka(?:a|vat)\s+toimintaa\p{L}*|jatkuu|jatkuvat|jatketaan|vakiintu\p{L}*|vakinaistet\p{L}*|vakinaistui|juurtu\p{L}*|juurrutettu|pysyvä\p{L}*\s+(?:käytännö\p{L}*|toiminta\p{L}*)|osaksi\s+(?:perus)?toimintaa|fortsätter|permanent\p{L}*|etablera\p{L}*|bestående|har blivit ordinarie)/iu,
      cut: true,
    },
    { status: 'permanent', re: /\b(?:käytössä|käyttöön|käyttö|i bruk|införd\p{L}*)\b/iu },
    { status: 'continuing', re: /\b(?:edelleen|kehitetään|utvecklas)\b/iu },
  ] as Signal[]
).map((s) => ({ ...s, re: ure(s.re) }));

/** The status and the phrase that says it, from the first sentence that says anything. */
export function readStatus(text: string): {
  status: ExperimentStatus;
  phrase?: { index: number; text: string; cut: boolean };
} {
  let offset = 0;
  for (const sentence of sentencesOf(text)) {
    const at = text.indexOf(sentence, offset);
    offset = at + sentence.length;
    for (const s of SIGNALS) {
      const m = s.re.exec(sentence);
      if (m) return { status: s.status, phrase: { index: at + m.index, text: m[0], cut: !!s.cut } };
    }
  }
  return { status: 'unknown' };
}

const LEAD = /^(?:ketterä\s+kokeilu|ketterät\s+kokeilut|kokeilu|agilt\s+försök|försök)\s*[–—:-]\s*/iu;
const SUBJECT = ure(
  /^(.{3,80}?)\s+(?:oli|on|olivat|ovat|var|är)\s+(?:\p{L}+\s+)?(?:ketterä\s+)?(?:kokeilu|försök)\b/iu,
);
const TRIM = /^[\s–—:,;-]+|[\s–—:,;.-]+$/gu;

/** A readable title: without the "Ketterä kokeilu –" lead, and without the status phrase where it is a predicate. */
function titleOf(body: string, phrase: { index: number; cut: boolean } | undefined): string {
  let text = body;
  const lead = LEAD.exec(text);
  const cutAt = phrase?.cut ? phrase.index : -1;
  if (lead && (cutAt < 0 || cutAt >= lead[0].length)) text = text.slice(lead[0].length);
  const shift = body.length - text.length;
  const subject = SUBJECT.exec(text);
  if (subject) return subject[1]!.replace(TRIM, '');
  if (cutAt - shift > 2) {
    // "Sähköinen ajanvaraus – kokeilu jatkuu": after the dash, "kokeilu" only says what it was.
    const before = text
      .slice(0, cutAt - shift)
      .replace(TRIM, '')
      .replace(/\s+[–—-]\s*(?:kokeilu|kokeilua|försöket)$/iu, '');
    if (before.length >= 3) return before;
  }
  const first = sentencesOf(text)[0] ?? text;
  return (first.length > 140 ? `${first.slice(0, 140).replace(/\s+\S*$/, '')} …` : first).replace(TRIM, '');
}

export function readExperiment(item: string): PlanExperiment {
  const prefix = municipalityPrefix(item);
  const body = prefix ? prefix.rest : item;
  const { status, phrase } = readStatus(body);
  const title = titleOf(body, phrase) || body;
  return { title, status, original: item, ...(prefix ? { municipality: prefix.municipality.code } : {}) };
}

/**
 * Section 3's items. An item that only names a municipality ("Siuntio:") is a sub-heading: the items under it
 * are that municipality's.
 */
export function readExperiments(items: string[]): PlanExperiment[] {
  let context: string | undefined;
  const out: PlanExperiment[] = [];
  for (const item of items) {
    const named = municipalitiesOfLine(item);
    if (named) {
      context = named.length === 1 ? named[0]!.code : undefined;
      continue;
    }
    const e = readExperiment(item);
    out.push(!e.municipality && context ? { ...e, municipality: context } : e);
  }
  return out;
}
