/**
 * `yhdessa import plan <file> [--dry-run] [--json]` (issue 5): a municipal LAPE plan (or the regional summary) as
 * plain text → parsed (src/core/programme/planDocument/) → stored with history (src/core/programme/).
 * `--dry-run` opens no database. Whatever the parser could not place is listed, never dropped.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from '../db/database.js';
import { MAX_PLAN_CHARS, type ImportResult } from '../core/programme/importPlan.js';
import { decodePlanText } from '../core/programme/planDocument/decode.js';
import { NotAPlanError, parsePlanDocument } from '../core/programme/planDocument/parsePlanDocument.js';
import type { ParsedDocument } from '../core/programme/planDocument/types.js';
import { CliError } from './errors.js';

export interface ImportPlanOptions {
  file: string;
  dryRun: boolean;
  json: boolean;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

async function readPlan(file: string): Promise<{ text: string; fileName: string; doc: ParsedDocument }> {
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new CliError(`cannot read ${file}: ${READ_ERRORS[e.code ?? ''] ?? e.message}`);
  });
  const text = decodePlanText(bytes);
  if (text.length > MAX_PLAN_CHARS)
    throw new CliError(
      `${file} is too large for a plan: ${text.length} characters, at most ${MAX_PLAN_CHARS}; nothing stored`,
    );
  try {
    return { text, fileName: basename(file), doc: parsePlanDocument(text) };
  } catch (e) {
    if (e instanceof NotAPlanError) throw new CliError(`${file} is not a plan document: ${e.message}`);
    throw e;
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A short account of what was understood, for a person at the terminal. */
export function describeDocument(doc: ParsedDocument): string {
  const lines: string[] = [];
  if (doc.kind === 'municipal_plan') {
    const places = doc.municipalities.map((m) => `${m.name} (${m.code})`).join(' & ') || 'no municipality found';
    lines.push(`Plan: ${places}, ${doc.date ?? 'no date found'}${doc.title ? ` – ${doc.title}` : ''}`);
    lines.push(`  development areas: ${doc.development_areas.join(', ') || 'none found'}`);
    lines.push(`  introduction: ${count(doc.introduction.length, 'paragraph')}`);
    const found = doc.sections.map(
      (s) =>
        `${s.number} (${count(s.items.length, 'item')}${s.notes?.length ? `, ${count(s.notes.length, 'note')}` : ''})`,
    );
    const missing = [1, 2, 3, 4, 5, 6].filter((n) => !doc.sections.some((s) => s.number === n));
    lines.push(`  sections: ${found.join(', ')}${missing.length ? `; not found: ${missing.join(', ')}` : ''}`);
    const statuses = [...new Set(doc.experiments.map((e) => e.status))].map(
      (s) => `${s} ${doc.experiments.filter((e) => e.status === s).length}`,
    );
    lines.push(`  experiments: ${doc.experiments.length}${statuses.length ? ` (${statuses.join(', ')})` : ''}`);
    lines.push(`  adopted from others: ${doc.adopted_from_others.length}`);
    const years = [...new Set(doc.roadmap.map((c) => c.year))]
      .sort()
      .map((y) => `${y}: ${doc.roadmap.filter((c) => c.year === y).length}`);
    lines.push(`  roadmap: ${count(doc.roadmap.length, 'cell')}${years.length ? ` (${years.join(', ')})` : ''}`);
    lines.push(
      `  people: ${doc.people.map((p) => [p.name, p.title, p.municipality].filter(Boolean).join(', ')).join('; ') || 'none'}`,
    );
  } else {
    lines.push(`Regional summary${doc.region ? `: ${doc.region}` : ''}${doc.title ? ` – ${doc.title}` : ''}`);
    for (const k of ['goals', 'sub_goals', 'challenges', 'strengths', 'partners', 'changes'] as const)
      lines.push(`  ${k.replace('_', '-')}: ${doc[k].length}`);
    lines.push(`  people: ${doc.people.map((p) => [p.name, p.title].filter(Boolean).join(', ')).join('; ') || 'none'}`);
    const unknown = doc.sections.filter((s) => !s.key);
    lines.push(
      `  sections: ${doc.sections.length}${unknown.length ? ` (not mapped: ${unknown.map((s) => `"${s.heading}"`).join(', ')})` : ''}`,
    );
  }
  if (doc.unplaced.length) {
    lines.push(`  could not place ${count(doc.unplaced.length, 'line')} (kept as unplaced):`);
    for (const u of doc.unplaced) lines.push(`    ${u.length > 100 ? `${u.slice(0, 100)}…` : u}`);
  } else lines.push('  unplaced: none');
  return lines.join('\n');
}

function warnUnplaced(doc: ParsedDocument) {
  if (doc.unplaced.length)
    console.error(`yhdessa: ${count(doc.unplaced.length, 'line')} could not be placed; see "unplaced"`);
}

/** Parse only (--dry-run): needs no database. */
export async function parsePlanCommand(o: ImportPlanOptions): Promise<void> {
  const { doc } = await readPlan(o.file);
  if (o.json) {
    console.log(JSON.stringify(doc, null, 2));
    warnUnplaced(doc);
  } else {
    console.log(describeDocument(doc));
    console.log('Dry run: nothing stored.');
  }
}

export async function importPlanCommand(d: Database, o: ImportPlanOptions): Promise<void> {
  const { text, fileName, doc } = await readPlan(o.file);
  const { importPlanDocument } = await import('../core/programme/importPlan.js');
  const { DomainError } = await import('../core/shared/errors.js');
  const ctx = { actor: null, actorName: `command line (${process.env.USER ?? 'unknown user'})` };
  const result: ImportResult = await importPlanDocument(d.db, ctx, doc, { text, fileName }).catch((e: Error) => {
    if (e instanceof DomainError && (e.kind === 'invalid' || e.kind === 'too_large'))
      throw new CliError(`cannot store ${o.file}: ${e.code.replace(/_/g, ' ')}`);
    throw e;
  });
  if (o.json) {
    console.log(
      JSON.stringify(
        { plan_id: result.planId, version: result.version, changed: result.changed, document: doc },
        null,
        2,
      ),
    );
    warnUnplaced(doc);
    return;
  }
  console.log(describeDocument(doc));
  if (!result.changed)
    console.log(`Unchanged: plan ${result.planId} is already at version ${result.version} with this text.`);
  else if (result.version === 1) console.log(`Stored a new plan ${result.planId} (version 1).`);
  else
    console.log(
      `Stored version ${result.version} of plan ${result.planId}; version ${result.version - 1} is kept in its history.`,
    );
}
