/**
 * The regional summary ("Yhdessä olemme enemmän – kehittämishankkeen tiivistelmä"): the template's questions
 * as headings, answers below them. Each question is mapped to a part of the programme's description (goals,
 * sub-goals, challenges, strengths, partners, changes); every section is also kept as written.
 */
import type { ParsedProgramme, PlanPerson, ProgrammeSectionKey } from './types.js';
import { developmentAreas } from './areas.js';
import { dice, phraseWords, sameWord } from './fuzzy.js';
import { isEmail, isPersonName, personLine } from './people.js';
import { cleanItem, fold, isBlank, isBullet, isEmptyMarker, sentencesOf, wordsOf } from './text.js';

const QUESTIONS: { key: ProgrammeSectionKey; phrases: string[][] }[] = (
  [
    [
      'areas',
      'LAPE-kehittämiskokonaisuuksiin',
      'LAPE-kehittämiskokonaisuudet',
      'Valitut kehittämiskokonaisuudet',
      'LAPE-utvecklingshelheter',
    ],
    ['goals', 'Hankkeen keskeiset tavoitteet', 'Keskeiset tavoitteet', 'Tavoitteet', 'Projektets centrala mål'],
    ['sub_goals', 'Osatavoitteet', 'Delmål'],
    [
      'challenges',
      'Maakuntanne akuuteimmat haasteet lasten, nuorten ja perheiden hyvinvointiin liittyen',
      'Akuuteimmat haasteet',
      'Haasteet',
      'Toimintatapoihin liittyen',
      'Palvelujärjestelmään liittyen',
      'De mest akuta utmaningarna',
      'Utmaningar',
    ],
    [
      'strengths',
      'Mitkä ovat maakuntanne erityisiä vahvuuksia ja voimavaroja LAPE-muutostyössä',
      'Vahvuudet ja voimavarat',
      'Vahvuuksia ja voimavaroja',
      'Styrkor och resurser',
    ],
    ['partners', 'Yhteistyökumppanit', 'Kumppanit', 'Samarbetspartner'],
    [
      'changes',
      'Mikä on alueellanne konkreettisesti muuttunut LAPE-kauden päättyessä',
      'Konkreettisesti muuttunut',
      'Mikä on muuttunut',
      'Vad har förändrats',
    ],
  ] as [ProgrammeSectionKey, ...string[]][]
).map(([key, ...p]) => ({ key, phrases: p.map(phraseWords) }));

/** The question a line is (by its words, without a parenthesised clarification), or undefined for an unknown question. */
export function summaryQuestion(line: string): { key?: ProgrammeSectionKey } | null {
  if (isBullet(line) || isBlank(line)) return null;
  const core = line.replace(/\([^)]*\)/g, ' ').replace(/[.?:!\s]+$/, '');
  const words = wordsOf(core);
  if (!words.length || words.length > 20) return null;
  let best: { key: ProgrammeSectionKey; score: number } | null = null;
  for (const q of QUESTIONS)
    for (const p of q.phrases) {
      const score = dice(p, words);
      if (!best || score > best.score) best = { key: q.key, score };
    }
  if (best && best.score >= 0.7) return { key: best.key };
  return /\?\s*$/.test(line) && words.length <= 25 ? {} : null;
}

export const summaryQuestionCount = (lines: string[]) => lines.filter((l) => summaryQuestion(l)?.key).length;

const SUB_GOALS_LEAD = phraseWords('osatavoitteet delmål');
const leadsSubGoals = (item: string) =>
  /:\s*$/.test(item) && wordsOf(item).some((w) => SUB_GOALS_LEAD.some((s) => sameWord(s, fold(w.text))));

const PARTNER_LIST =
  /(?:^|\s)(?:ovat mukana|on mukana|mukana ovat|kumppaneina ovat|kumppaneita ovat|yhteistyökumppaneina ovat|yhteistyökumppaneita ovat|med är|deltar)\s+(.+?)\.?$/iu;

/** "… hankkeessa ovat mukana MLL Uudenmaan piiri, Sosiaalitalo, FSKC ja Verso." → the partners named. */
export function partnersIn(text: string): string[] {
  const out: string[] = [];
  for (const s of sentencesOf(text)) {
    const m = PARTNER_LIST.exec(s);
    if (!m) continue;
    const parts = m[1]!
      .split(/\s*,\s*|\s+(?:ja|sekä|och)\s+/u)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length >= 2 && parts.every((p) => /^[\p{Lu}\d]/u.test(p) && p.split(/\s+/).length <= 6))
      out.push(...parts);
  }
  return out;
}

export function parseProgrammeSummary(lines: string[]): ParsedProgramme {
  const doc: ParsedProgramme = {
    kind: 'programme_summary',
    goals: [],
    sub_goals: [],
    challenges: [],
    strengths: [],
    partners: [],
    changes: [],
    people: [],
    sections: [],
    unplaced: [],
  };
  const header: string[] = [];
  let current: ParsedProgramme['sections'][number] | null = null;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const q = summaryQuestion(line);
    if (q) {
      current = { heading: cleanItem(line), items: [], ...(q.key ? { key: q.key } : {}) };
      doc.sections.push(current);
      continue;
    }
    const text = cleanItem(line);
    if (!text || isEmptyMarker(text)) continue;
    if (current) current.items.push(text);
    else header.push(text);
  }

  // The header: the region ("UUDENMAAN MAAKUNTA") and the title; anything else is reported.
  for (const h of header) {
    if (!doc.region && /maakunta|landskap/iu.test(h) && wordsOf(h).length <= 4) doc.region = h;
    else if (!doc.title) doc.title = h;
    else doc.unplaced.push(h);
  }

  // The contact person(s) at the very end: a name, maybe with a title, then maybe an e-mail address.
  const last = doc.sections[doc.sections.length - 1];
  if (last) {
    const people: PlanPerson[] = [];
    let email: string | undefined;
    while (last.items.length) {
      const item = last.items[last.items.length - 1]!;
      const person = isPersonName(item) ? { name: item } : personLine(item, true);
      if (isEmail(item) && !email) email = item;
      else if (person) {
        if (email) {
          person.email = email;
          person.title ??= email;
          email = undefined;
        }
        people.unshift(person);
      } else break;
      last.items.pop();
    }
    if (email) last.items.push(email);
    doc.people = people;
  }

  for (const s of doc.sections) {
    // In the goals, the items after "… osatavoitteet:" are the sub-goals.
    let subGoals = s.key === 'sub_goals';
    for (const item of s.items) {
      if (s.key === 'goals' && !subGoals && leadsSubGoals(item)) {
        subGoals = true;
        continue;
      }
      if (s.key === 'goals' || s.key === 'sub_goals') (subGoals ? doc.sub_goals : doc.goals).push(item);
      else if (s.key === 'challenges') doc.challenges.push(item);
      else if (s.key === 'strengths') doc.strengths.push(item);
      else if (s.key === 'changes') doc.changes.push(item);
      else if (s.key === 'partners') {
        const named = partnersIn(item);
        doc.partners.push(...(named.length ? named : item.split(/\s*[,;]\s*/).filter(Boolean)));
      }
    }
  }
  for (const s of doc.sections)
    if (s.key !== 'partners')
      for (const item of s.items) for (const p of partnersIn(item)) if (!doc.partners.includes(p)) doc.partners.push(p);
  const areas = developmentAreas(doc.sections.filter((s) => s.key === 'areas').flatMap((s) => s.items));
  if (areas.length) doc.development_areas = areas;
  return doc;
}
