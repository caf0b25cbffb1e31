/**
 * Statements that there is nothing to track: "Ei ollut ketteriä kokeiluja", "Seuraamme lähikuntien kokeiluja…",
 * "-", "ei vielä päätöstä", "Inga agila försök", "Vi följer grannkommunernas försök". In the sections whose items
 * become tracked things (3, experiments; 4, adopted from others) such a sentence is a note of the section, not an
 * item: an experiment called "Ei ollut ketteriä kokeiluja" with the status "idea" says the opposite of the plan.
 */
import { municipalityPrefix } from './municipalities.js';
import { ure } from './text.js';

const NOTHING: RegExp[] = [
  // A dash, or a word that only says no.
  /^[-–—]+$/u,
  /^(?:ei|ei mitään|ei ole|ei vielä|nej|inga|inget|ingen|inte ännu|ei tiedossa)\.?$/iu,
  // "Ei ollut ketteriä kokeiluja", "Ei ole varsinaisia suunnitelmia ottaa kokeiluun …", "Kokeiluja ei ollut."
  /^(?:ei|eivät)\s+(?:ole|ollut|olleet|ollut\s+yhtään|tehty|toteutettu|järjestetty)\b(?:\s+\p{L}+){0,3}\s+(?:kokeilu\p{L}*|ketter\p{L}*|suunnitelm\p{L}*|malle\p{L}*|toimintamall\p{L}*)/iu,
  /^(?:ketteriä\s+)?kokeilu(?:ja|ita)\s+ei\s+(?:ole|ollut|olleet)\b/iu,
  /^(?:meillä\s+)?ei\s+(?:ole\s+)?(?:vielä\s+)?(?:kokeiluja|päätöstä|päätetty|suunnitelmia)\b/iu,
  /^ei\s+vielä\s+päätöst\p{L}*/iu,
  /^päätöstä\s+ei\s+(?:ole\s+)?(?:vielä\s+)?(?:tehty|ole)/iu,
  // "Seuraamme lähikuntien kokeiluja …", "Seurataan muiden kuntien kokeiluja", "Vi följer med grannkommunernas försök".
  /^(?:seuraamme|seurataan|seuraamme\s+aktiivisesti)\s+(?:\p{L}+\s+){0,3}(?:kokeilu\p{L}*|kehit\p{L}*|kunti\p{L}*|kuntien)/iu,
  /^(?:vi\s+)?följer\s+(?:med\s+(?:i\s+)?)?(?:\p{L}+\s+){0,3}(?:försök\p{L}*|kommun\p{L}*|utveckl\p{L}*)/iu,
  // Swedish: "Inga agila försök", "Inga försök genomfördes", "Vi hade inga försök", "Det fanns inga agila försök".
  /^(?:vi\s+hade\s+|det\s+fanns\s+|det\s+har\s+inte\s+funnits\s+)?(?:inga|inte\s+några)\s+(?:\p{L}+\s+){0,2}(?:försök|planer|modeller)\b/iu,
  /^(?:inget|inte\s+något)\s+beslut\b/iu,
  /^(?:det\s+finns\s+)?(?:ännu\s+)?inget\s+beslut/iu,
  /^beslut\s+(?:har\s+)?inte\s+(?:ännu\s+)?fattats/iu,
].map(ure);

/** Does the item (possibly "Inkoo: …") only say that there is nothing here? */
export function isNothingStatement(item: string): boolean {
  const prefix = municipalityPrefix(item);
  const body = (prefix ? prefix.rest : item).trim();
  if (!body) return false; // "Siuntio:" names whose items follow
  return NOTHING.some((re) => re.test(body));
}

/** Splits a section's items into tracked items and notes ("there was nothing"), keeping the order of each. */
export function splitNothing(items: string[]): { items: string[]; notes: string[] } {
  const out = { items: [] as string[], notes: [] as string[] };
  for (const i of items) (isNothingStatement(i) ? out.notes : out.items).push(i);
  return out;
}
