/**
 * The need vocabulary: what families say ("ei nuku", "trotsar", "can't cope"), mapped to concepts of family
 * life, their life situations and the words services use. The shipped version is data (../data/needs.json);
 * coordinators add phrases in the workspace (table search_need_phrase, ./needPhrases.ts).
 *
 * A query is read in three steps (analyzeQuery): phrases of the vocabulary are found (longest first, whole words
 * in order, a phrase word ending in * matching any word that begins so); what is left loses its question forms
 * and filler ("mistä saa apua kun", "var får man hjälp", "where can I get help"); generic family words ("lapsi",
 * "barnet", "my child") are dropped when something more telling remains. Each concept found becomes one group of
 * the query whose alternatives are the typed words and the service words of the concept.
 */
import type { Lang } from '../../shared/lang.js';
import { LIFE_SITUATIONS, type LifeSituation } from '../vocabulary.js';
import data from '../data/needs.json' with { type: 'json' };

export interface NeedConcept {
  id: string;
  label: Record<Lang, string>;
  lifeSituations: LifeSituation[];
  /** Words in the names of the services that answer the need: they rank such a service up. */
  nameWords: string[];
  serviceWords: string[];
  phrases: Record<Lang, string[]>;
}

export const NEED_CONCEPTS: readonly NeedConcept[] = (data.concepts as NeedConcept[]).map((c) => ({
  ...c,
  lifeSituations: c.lifeSituations.filter((l) => (LIFE_SITUATIONS as readonly string[]).includes(l)),
}));
const conceptById = new Map(NEED_CONCEPTS.map((c) => [c.id, c]));
export const needConcept = (id: string): NeedConcept | undefined => conceptById.get(id);

/** Words that ask rather than say what is needed: dropped from a query when anything else remains. */
const FILLER = new Set(
  // fi: question forms, pronouns, auxiliaries, "help"
  (
    'mistä mihin mistäpäin mitä mikä mikä miten miksi missä kuka kenelle keneen kenen ketä kun kun jos että ' +
    'saa saada saan saisi saako voi voin voisi voiko voisin voisiko pitää pitäisi täytyy tarvitsen tarvitaan ' +
    'tarvitsisin haluan haluaisin apua apu avun tukea tuki neuvoa hakea etsin etsii löytää löydän löytyy ' +
    'minä mä minun mun minulla mulla minua meidän meillä me meitä meille hän hänen se sen sitä sillä ' +
    'on ole olen olemme ovat oli ollut ei en emme eikä ja tai sekä myös vai niin kuin vaan mutta nyt ' +
    'jotain joku jonkun jossa joka jota mikään mitään kanssa tämä tuo tässä siinä ihan tosi todella aina ' +
    'paljon vähän liian liikaa koko ajan hyvin huonosti asia asiaa asiassa ongelma ongelmia enää yhtään ' +
    'joo no siis vaikka esim tänne täällä jonnekin joku jokin ' +
    // sv
    'var vart vad vem vilka vilken hur när varför får få fick kan kunna ska skulle måste behöver behövs ' +
    'vill ville söker hitta hittar hjälp hjälpen stöd råd man jag mig min mitt mina vi oss vår vårt våra ' +
    'han hon hans hennes den det de dem är var varit har hade inte och eller men om så som att en ett ' +
    'med av till för på i hos vid något någon några mycket lite väldigt alltid hela tiden problem ' +
    'mer längre alls blir blev bli riktigt ganska nu ' +
    // en
    'where what who whom which how when why can could get got find need needs needed want would should ' +
    'must do does did help support advice some any someone anyone something i me my mine we us our ours ' +
    'he she his her they them their it its is are am was were be been have has had not no and or but so ' +
    'if that this there here the a an of in on at to for with about from by please very really always ' +
    'lot lots much problem problems issue issues anymore longer too looking look am being getting ' +
    'im ive dont doesnt cant wont s t m ve ll re d now'
  ).split(' '),
);

/** Generic family words: they match nearly every service, so they are dropped when something more telling remains. */
const WEAK = new Set(
  (
    'lapsi lapset lapseni lapsen lapsemme lapsella lapselle lasta lapsia lasten lapsille poika poikani pojan ' +
    'tyttö tyttäreni tytär tytön perhe perheeni perheemme perheessä vanhempi vanhemmat vanhempana äiti isä ' +
    'barn barnet barnen mitt barnen son sonen dotter dottern pojke pojken flicka flickan familj familjen ' +
    'förälder föräldrar mamma pappa child children kid kids son daughter boy girl family parent parents mum ' +
    'mom dad mother father'
  ).split(' '),
);

/** Lower-case NFC tokens of letters and digits, nothing dropped (phrases may hold "ei", "inte", "not"). */
export function rawTokens(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

interface CompiledPhrase {
  concept: string;
  tokens: string[];
  /** The last token matches any word that begins with it. */
  prefixLast: boolean;
  text: string;
}

/** A phrase's tokens; "kiukkukohtaus*" matches any word beginning "kiukkukohtaus". */
export function compilePhrase(concept: string, text: string): CompiledPhrase | null {
  const trimmed = text.trim();
  const prefixLast = trimmed.endsWith('*');
  const tokens = rawTokens(prefixLast ? trimmed.slice(0, -1) : trimmed);
  if (!tokens.length) return null;
  // A prefix shorter than four letters would match far too much.
  if (prefixLast && tokens[tokens.length - 1]!.length < 4) return null;
  return { concept, tokens, prefixLast, text: trimmed };
}

export interface NeedMatch {
  concept: string;
  phrase: string;
  start: number;
  end: number;
}

export interface ExtraPhrase {
  concept: string;
  lang: Lang;
  phrase: string;
}

export class NeedVocabulary {
  private readonly byFirst = new Map<string, CompiledPhrase[]>();
  private readonly prefixOnly: CompiledPhrase[] = [];
  readonly size: number;

  constructor(extra: readonly ExtraPhrase[] = []) {
    let n = 0;
    const addPhrase = (concept: string, text: string) => {
      const p = compilePhrase(concept, text);
      if (!p) return;
      n++;
      if (p.tokens.length === 1 && p.prefixLast) this.prefixOnly.push(p);
      else {
        const list = this.byFirst.get(p.tokens[0]!) ?? [];
        list.push(p);
        this.byFirst.set(p.tokens[0]!, list);
      }
    };
    for (const c of NEED_CONCEPTS)
      for (const l of ['fi', 'sv', 'en'] as const) for (const t of c.phrases[l]) addPhrase(c.id, t);
    for (const e of extra) if (conceptById.has(e.concept)) addPhrase(e.concept, e.phrase);
    this.size = n;
  }

  private matchesAt(tokens: string[], i: number, p: CompiledPhrase): boolean {
    if (i + p.tokens.length > tokens.length) return false;
    for (let k = 0; k < p.tokens.length; k++) {
      const want = p.tokens[k]!;
      const got = tokens[i + k]!;
      const last = k === p.tokens.length - 1;
      if (last && p.prefixLast ? !got.startsWith(want) : got !== want) return false;
    }
    return true;
  }

  /** The phrases found in the tokens, longest first at each position, not overlapping. */
  match(tokens: string[]): NeedMatch[] {
    const out: NeedMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      let best: CompiledPhrase | null = null;
      const candidates = [...(this.byFirst.get(tokens[i]!) ?? []), ...this.prefixOnly];
      for (const p of candidates) {
        if (best && p.tokens.length <= best.tokens.length) continue;
        if (this.matchesAt(tokens, i, p)) best = p;
      }
      if (best) {
        out.push({ concept: best.concept, phrase: best.text, start: i, end: i + best.tokens.length });
        i += best.tokens.length;
      } else i++;
    }
    return out;
  }
}

export interface ConceptInQuery {
  id: string;
  /** What the person typed for it. */
  typed: string;
  /** Typed words worth searching by themselves (not filler, at least four letters). */
  words: string[];
}

export interface QueryAnalysis {
  /** Words outside the concepts' phrases, without filler, question forms and (when others remain) generic words. */
  words: string[];
  concepts: ConceptInQuery[];
  /** Words left out (filler and generic words), for telling the person. */
  ignored: string[];
}

const MAX_WORDS = 8;

export function analyzeQuery(q: string, vocabulary: NeedVocabulary): QueryAnalysis {
  const tokens = rawTokens(q).slice(0, 24);
  const isTelling = (w: string) => !FILLER.has(w) && !WEAK.has(w);
  // A service's own name word typed alone ("perhekahvila", "neuvola") is searched as typed, not widened.
  let matches = vocabulary
    .match(tokens)
    .filter(
      (m) =>
        m.end - m.start > 1 ||
        !(conceptById.get(m.concept)?.nameWords ?? []).some((w) => w.toLowerCase() === tokens[m.start]),
    );
  // A phrase that is only a question form ("var får man hjälp", "who can I call") says little when more was typed.
  const tellingMatch = (m: NeedMatch) => tokens.slice(m.start, m.end).some(isTelling);
  const covered = new Set(matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
  const moreTyped = tokens.some((w, i) => !covered.has(i) && isTelling(w) && w.length >= 2);
  if (moreTyped || matches.some(tellingMatch)) matches = matches.filter(tellingMatch);

  const inPhrase = new Set<number>();
  const concepts = new Map<string, ConceptInQuery>();
  for (const m of matches) {
    for (let i = m.start; i < m.end; i++) inPhrase.add(i);
    const typed = tokens.slice(m.start, m.end);
    const c = concepts.get(m.concept) ?? { id: m.concept, typed: '', words: [] };
    c.typed = c.typed ? `${c.typed}, ${typed.join(' ')}` : typed.join(' ');
    for (const w of typed) if (w.length >= 4 && isTelling(w) && !c.words.includes(w)) c.words.push(w);
    concepts.set(m.concept, c);
  }
  const rest = tokens.filter((_, i) => !inPhrase.has(i));
  const ignored: string[] = [];
  let words: string[] = [];
  for (const w of rest) (FILLER.has(w) ? ignored : words).push(w);
  const tellingWords = words.filter((w) => !WEAK.has(w));
  if (tellingWords.length || concepts.size) {
    for (const w of words) if (WEAK.has(w)) ignored.push(w);
    words = tellingWords;
  }
  // Only filler typed ("apua", "help"): search the words as they are rather than nothing.
  if (!words.length && !concepts.size) words = rest.filter((w) => w.length >= 2);
  words = [...new Set(words.filter((w) => w.length >= 2 || /\d/.test(w)))];
  return { words: words.slice(0, MAX_WORDS), concepts: [...concepts.values()].slice(0, 4), ignored };
}

/** The life situations of the concepts found, most named first (the page offers them as a way on). */
export function conceptLifeSituations(conceptIds: string[]): LifeSituation[] {
  const count = new Map<LifeSituation, number>();
  for (const id of conceptIds)
    for (const [i, l] of (conceptById.get(id)?.lifeSituations ?? []).entries())
      count.set(l, (count.get(l) ?? 0) + 10 - i);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
}

function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]!);
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Concepts whose phrases hold a word near one typed (a typo or an unknown inflection): "kiusamista" →
 * bullying. Used for "did you mean" when a search finds little.
 */
export function nearConcepts(words: string[]): string[] {
  const out = new Set<string>();
  for (const w of words) {
    if (w.length < 5) continue;
    for (const c of NEED_CONCEPTS) {
      const all = (['fi', 'sv', 'en'] as const).flatMap((l) => c.phrases[l]).flatMap((p) => rawTokens(p));
      if (all.some((t) => t.length >= 5 && (t.startsWith(w.slice(0, 5)) || editDistance(w, t, 2) <= 2))) out.add(c.id);
    }
  }
  return [...out];
}

let shipped: NeedVocabulary | null = null;
/** The shipped vocabulary alone (no phrases from the database). */
export function defaultVocabulary(): NeedVocabulary {
  return (shipped ??= new NeedVocabulary());
}

/** How many phrasings the shipped vocabulary holds per language. */
export function phraseCounts(): Record<Lang, number> {
  const out: Record<Lang, number> = { fi: 0, sv: 0, en: 0 };
  for (const c of NEED_CONCEPTS) for (const l of ['fi', 'sv', 'en'] as const) out[l] += c.phrases[l].length;
  return out;
}
