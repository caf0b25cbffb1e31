/**
 * Who signed: "Anne Öhman, perusturvajohtaja, Inkoo" → name, title, municipality; a contact person's name on
 * its own line with the e-mail address on the next.
 */
import type { PlanPerson } from './types.js';
import { municipalityOfWord } from './municipalities.js';

const PARTICLE = '(?:af|von|van|de|der|da|di|la)';
const NAME_WORD = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)?\\.?";
const NAME = new RegExp(`^${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)?${NAME_WORD}){1,3}$`, 'u');
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/u;

export const isPersonName = (s: string) => NAME.test(s.trim());
export const isEmail = (s: string) => EMAIL.test(s.trim());

/**
 * A person's line, or null. `strict` (for a line at the end of a section rather than after the signature)
 * wants a name and at least a title, and no full stop at the end.
 */
export function personLine(line: string, strict = false): PlanPerson | null {
  const text = line.trim();
  if (!text || text.length > 140) return null;
  if (strict && /[.!?:]$/.test(text)) return null;
  const parts = text
    .split(/\s*[,;\t]\s*|\s+[–—-]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || parts.length > 5 || !isPersonName(parts[0]!)) return null;
  if (strict && parts.length < 2) return null;
  const person: PlanPerson = { name: parts[0]! };
  const titles: string[] = [];
  parts.slice(1).forEach((p, i, rest) => {
    const m = i === rest.length - 1 && !p.includes(' ') ? municipalityOfWord(p) : undefined;
    if (isEmail(p)) person.email = p;
    else if (m) {
      person.municipality = p;
      person.municipality_code = m.code;
    } else titles.push(p);
  });
  if (titles.some((t) => t.length > 80)) return null;
  if (titles.length) person.title = titles.join(', ');
  return person;
}
