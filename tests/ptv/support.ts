/** Helpers of the PTV tests: generated records written to a temporary folder, and reading what the directory holds. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePtv, type GeneratedPtv, type GenerateOptions } from '../../src/core/ptv/generate.js';

export function writeGenerated(
  o: GenerateOptions,
  dir = mkdtempSync(join(tmpdir(), 'yhdessa-ptv-')),
): GeneratedPtv & { dir: string } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const g = generatePtv(o);
  for (const f of g.files) writeFileSync(join(dir, f.name), f.content);
  return { ...g, dir };
}

export const FIXTURES = new URL('../fixtures/ptv/', import.meta.url).pathname;

/** Metres between two WGS84 points (haversine on the mean radius: plenty for "a few metres"). */
export function metres(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b.lat - a.lat) / 2) ** 2 + Math.cos(r(a.lat)) * Math.cos(r(b.lat)) * Math.sin(r(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}
