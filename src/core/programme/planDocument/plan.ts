/**
 * A municipal plan, line by line: the header (letterhead, title, date, municipalities), the introduction, the six
 * sections, the summary table and the signatures. Every non-empty line lands in exactly one place; what fits
 * nowhere goes to `unplaced`.
 */
import type { ParsedPlan, PlanSection, PlanSectionKey } from './types.js';
import { developmentAreas } from './areas.js';
import { dateLine, signatureDateLine } from './dates.js';
import { readExperiments } from './experiments.js';
import { splitNothing } from './nothing.js';
import { matchHeading, sectionNumber, unknownNumberedHeading } from './headings.js';
import { municipalitiesOfLine, municipalityOfWord, toPlanMunicipality } from './municipalities.js';
import { isEmail, personLine } from './people.js';
import { pipeRow, tableHeader, tableRow, yearLine, type TableHeader } from './roadmap.js';
import { cleanItem, isBlank, isBullet, isEmptyMarker, ure, wordsOf } from './text.js';

type Region = 'header' | 'intro' | 'section' | 'unknown' | 'roadmap' | 'tail';

const TITLE = ure(/yhdessä olemme enemmän|tillsammans är vi mer|\blape\b/iu);

/** A line that continues the previous one (a paragraph wrapped by a PDF extraction), not a new item. */
const continues = (prev: string, line: string) =>
  prev.length >= 50 && !/[.!?:]$/.test(prev) && /^\s*\p{Ll}/u.test(line) && !isBullet(line);

export function parseMunicipalPlan(lines: string[]): ParsedPlan {
  const plan: ParsedPlan = {
    kind: 'municipal_plan',
    municipalities: [],
    development_areas: [],
    introduction: [],
    sections: [],
    experiments: [],
    adopted_from_others: [],
    roadmap: [],
    people: [],
    unplaced: [],
  };
  const letterhead: string[] = [];
  let region: Region = 'header';
  let section: PlanSection | null = null;
  let table: TableHeader | null = null;
  let row = 0;
  let prevRow = false;
  /** The list the previous line went to (null after a blank line): a wrapped line continues its item. */
  let lastList: string[] | null = null;
  let thisList: string[] | null = null;
  /** The number of the section's last item when it was numbered ("5. Psykologi"), else -1. */
  let lastListNumber = -1;

  const add = (list: string[], line: string, join = continues) => {
    const text = cleanItem(line);
    if (!text || isEmptyMarker(text)) return;
    const last = list[list.length - 1];
    if (lastList === list && last !== undefined && join(last, line)) list[list.length - 1] = `${last} ${text}`;
    else list.push(text);
    thisList = list;
  };

  for (const line of lines) {
    if (isBlank(line)) {
      lastList = null;
      prevRow = false;
      continue;
    }
    const afterBlank = lastList === null && !prevRow;
    thisList = null;
    handle(line, afterBlank);
    lastList = thisList;
  }

  function handle(raw: string, afterBlank: boolean): void {
    // A table written with pipes ("| 2018 | 2019 |") is read as one with tabs; its "|---|" rule says nothing.
    const piped = pipeRow(raw);
    if (piped === null) return;
    const line = piped ?? raw;
    const header = tableHeader(line);
    if (header) {
      table = header;
      if (header.label) plan.unplaced.push(header.label);
      for (const y of header.columns) if (y && !(plan.roadmap_years ??= []).includes(y)) plan.roadmap_years.push(y);
      region = 'roadmap';
      prevRow = true;
      return;
    }
    prevRow = prevRow && region === 'roadmap';

    // Above the sections a dated line is the header's ("Päivitetty 5.5.2019"); below them the signatures follow it.
    const signedOn = signatureDateLine(line);
    if (signedOn && !plan.sections.length && !plan.date_text) {
      plan.date_text = cleanItem(line);
      plan.date ??= signedOn;
      return;
    }
    if (signedOn && plan.sections.length && !plan.signed) {
      plan.signed = { text: cleanItem(line), date: signedOn };
      plan.date ??= signedOn;
      region = 'tail';
      return;
    }

    // Headings are looked for everywhere: a plan may put its signatures or its table before a section.
    const h = matchHeading(line);
    if (h && h.key === 'introduction' && (region === 'header' || region === 'intro')) {
      region = 'intro';
      lastList = null;
      add(plan.introduction, cleanItem(line).replace(/\s*[-–—]\s*$/, ''));
      return;
    }
    if (h && h.key === 'roadmap') {
      region = 'roadmap';
      if (plan.roadmap_heading === undefined) plan.roadmap_heading = h.heading;
      else plan.unplaced.push(cleanItem(line));
      if (h.rest && !isEmptyMarker(h.rest) && plan.unplaced[plan.unplaced.length - 1] !== cleanItem(line))
        plan.unplaced.push(h.rest);
      return;
    }
    if (h && h.key !== 'introduction') {
      const key = h.key as PlanSectionKey;
      const existing = plan.sections.find((s) => s.key === key);
      if (existing) {
        // The same heading twice: the text stays in the section, the repeated heading is reported.
        plan.unplaced.push(cleanItem(line));
        section = existing;
      } else {
        section = { key, number: sectionNumber(key), heading: h.heading, items: [] };
        plan.sections.push(section);
      }
      region = 'section';
      lastList = null;
      lastListNumber = -1;
      if (h.rest && !isEmptyMarker(h.rest)) add(section!.items, h.rest);
      else if (h.rest) (section!.notes ??= []).push(cleanItem(h.rest));
      return;
    }
    // "7. Muuta:" after the sections is a heading of no known kind — unless it goes on a numbered list ("6. Psykologi").
    const unknown = region === 'section' || region === 'unknown' ? unknownNumberedHeading(line) : null;
    const listNumber = /^\s*(\d{1,2})\s*[.)]\s/.exec(line);
    if (unknown && unknown.number > 6 && !(region === 'section' && unknown.number === lastListNumber + 1)) {
      region = 'unknown';
      plan.unplaced.push(cleanItem(line));
      return;
    }

    switch (region) {
      case 'header': {
        const date = dateLine(line);
        if (date && !plan.date) {
          plan.date = date;
          return;
        }
        const places = !plan.municipalities.length ? municipalitiesOfLine(line) : null;
        if (places) {
          plan.municipalities = places;
          return;
        }
        if (!plan.title && TITLE.test(line) && line.length <= 120) {
          plan.title = cleanItem(line);
          return;
        }
        if (!plan.title && !plan.date && !plan.municipalities.length) {
          add(letterhead, line, () => true);
          return;
        }
        add(plan.introduction, line);
        return;
      }
      case 'intro':
        add(plan.introduction, line);
        return;
      case 'section':
        if (isEmptyMarker(cleanItem(line))) {
          (section!.notes ??= []).push(cleanItem(line));
          return;
        }
        add(section!.items, line);
        lastListNumber = listNumber ? Number(listNumber[1]) : -1;
        return;
      case 'unknown':
        add(plan.unplaced, line);
        return;
      case 'roadmap': {
        // A row whose trailing tabs were lost is a line without tabs straight after a row.
        if (table && (line.includes('\t') || (prevRow && !afterBlank && !personLine(line)))) {
          const r = tableRow(line, table, row++);
          plan.roadmap.push(...r.cells);
          plan.unplaced.push(...r.stray);
          if (r.label && !r.cells.length) plan.unplaced.push(r.label);
          prevRow = true;
          return;
        }
        const cell = yearLine(line);
        if (cell) {
          plan.roadmap.push(cell);
          return;
        }
        const person = personLine(line);
        if (person) {
          plan.people.push(person);
          region = 'tail';
          return;
        }
        add(plan.unplaced, line);
        return;
      }
      case 'tail': {
        const text = cleanItem(line);
        const person = personLine(text);
        const last = plan.people[plan.people.length - 1];
        const date = dateLine(text);
        if (person) plan.people.push(person);
        else if (isEmail(text) && last && !last.email) last.email = text;
        else if (date && !plan.date) plan.date = date;
        else add(plan.unplaced, line);
      }
    }
  }

  // Signatures written straight after the last section, without "Suunnitelma laadittu": names with titles.
  const lastSection = (region as Region) === 'section' ? (section as PlanSection | null) : null;
  if (lastSection) {
    const trailing: typeof plan.people = [];
    while (lastSection.items.length) {
      const p = personLine(lastSection.items[lastSection.items.length - 1]!, true);
      if (!p) break;
      trailing.unshift(p);
      lastSection.items.pop();
    }
    plan.people.unshift(...trailing);
  }

  if (letterhead.length) plan.letterhead = letterhead;
  if (!plan.municipalities.length) plan.municipalities = municipalitiesElsewhere(plan);
  // Sections 3 and 4 become tracked items: a sentence saying there is nothing is a note of the section.
  for (const s of plan.sections)
    if (s.key === 'experiments' || s.key === 'adopted') {
      const split = splitNothing(s.items);
      s.items = split.items;
      if (split.notes.length) s.notes = [...(s.notes ?? []), ...split.notes];
    }
  plan.experiments = readExperiments(plan.sections.filter((s) => s.key === 'experiments').flatMap((s) => s.items));
  plan.adopted_from_others = plan.sections.filter((s) => s.key === 'adopted').flatMap((s) => s.items);
  plan.development_areas = developmentAreas([
    ...plan.introduction,
    ...plan.sections.flatMap((s) => s.items),
    ...plan.roadmap.map((c) => c.text),
  ]);
  return plan;
}

/**
 * Without a line of municipality names under the date: the municipalities the title or the letterhead names
 * ("Raaseporin LAPE-suunnitelma"), else those of the people who signed.
 */
function municipalitiesElsewhere(plan: ParsedPlan): ParsedPlan['municipalities'] {
  const out: ParsedPlan['municipalities'] = [];
  const addCode = (m: ReturnType<typeof municipalityOfWord>) => {
    if (m && !out.some((o) => o.code === m.code)) out.push(toPlanMunicipality(m));
  };
  for (const text of [plan.title ?? '', ...(plan.letterhead ?? [])])
    for (const w of wordsOf(text)) addCode(municipalityOfWord(w.text));
  if (!out.length) for (const p of plan.people) if (p.municipality) addCode(municipalityOfWord(p.municipality));
  return out;
}
