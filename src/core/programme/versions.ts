/**
 * What changed between two versions of a plan: the text, line by line and word by word (the `diff` package),
 * and the items the plan names (experiments, adopted experiments, roadmap cells, structural changes) that were
 * added or dropped, compared by their normalised wording.
 */
import { diffLines, diffWordsWithSpace } from 'diff';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalid } from '../shared/errors.js';
import { matchKey } from './matching.js';
import type { ParsedDocument } from './planDocument/types.js';
import { planVersionText } from './queries.js';

export interface TextChange {
  kind: 'same' | 'added' | 'removed';
  value: string;
}
export interface ItemChange {
  kind: 'experiment' | 'adopted' | 'milestone' | 'structural_change' | 'section';
  change: 'added' | 'removed';
  text: string;
}

/** Line-level diff, refined to words where a line was rewritten, so a changed word shows as such. */
export function diffText(before: string, after: string): TextChange[] {
  const out: TextChange[] = [];
  const parts = diffLines(before, after);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (p.removed && next?.added) {
      for (const w of diffWordsWithSpace(p.value, next.value))
        out.push({ kind: w.added ? 'added' : w.removed ? 'removed' : 'same', value: w.value });
      i++;
      continue;
    }
    out.push({ kind: p.added ? 'added' : p.removed ? 'removed' : 'same', value: p.value });
  }
  return out;
}

function itemsOf(doc: ParsedDocument): { kind: ItemChange['kind']; text: string }[] {
  if (doc.kind === 'programme_summary')
    return doc.sections.flatMap((s) => s.items.map((text) => ({ kind: 'section' as const, text })));
  return [
    ...doc.experiments.map((e) => ({ kind: 'experiment' as const, text: e.original || e.title })),
    ...doc.adopted_from_others.map((text) => ({ kind: 'adopted' as const, text })),
    ...doc.roadmap.map((c) => ({ kind: 'milestone' as const, text: `${c.year}: ${c.text}` })),
    ...doc.sections
      .filter((s) => s.key === 'structural_changes')
      .flatMap((s) => s.items.map((text) => ({ kind: 'structural_change' as const, text }))),
  ];
}

export function diffItems(before: ParsedDocument, after: ParsedDocument): ItemChange[] {
  const a = itemsOf(before);
  const b = itemsOf(after);
  const key = (x: { kind: string; text: string }) => `${x.kind}|${matchKey(x.text)}`;
  const ka = new Set(a.map(key));
  const kb = new Set(b.map(key));
  return [
    ...a.filter((x) => !kb.has(key(x))).map((x) => ({ ...x, change: 'removed' as const })),
    ...b.filter((x) => !ka.has(key(x))).map((x) => ({ ...x, change: 'added' as const })),
  ];
}

export async function versionChanges(
  db: Kysely<DB>,
  planId: string,
  from: number,
  to: number,
): Promise<{ text: TextChange[]; items: ItemChange[] }> {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from === to) throw invalid('programme', 'versions_invalid');
  const [a, b] = await Promise.all([planVersionText(db, planId, from), planVersionText(db, planId, to)]);
  return { text: diffText(a.text, b.text), items: diffItems(a.parsed as ParsedDocument, b.parsed as ParsedDocument) };
}
