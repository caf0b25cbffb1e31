/**
 * Static assets: the stylesheet and the small enhancement scripts, bundled by esbuild on first use and served
 * under names carrying their content hash (cached for a year).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface Asset { path: string; body: string; type: string }

let cache: Record<'css' | 'js', Asset> | null = null;

function hashed(name: string, ext: string, body: string, type: string): Asset {
  const h = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${h}.${ext}`, body, type };
}

export function assets(): Record<'css' | 'js', Asset> {
  if (cache) return cache;
  // styles.css, then each capability's own stylesheet in styles/ (alphabetical), as one file.
  const css = [join(here, 'styles.css'), ...readdirSync(join(here, 'styles')).filter((f) => f.endsWith('.css')).sort().map((f) => join(here, 'styles', f))]
    .map((f) => readFileSync(f, 'utf8')).join('\n');
  const js = buildSync({
    entryPoints: [join(here, 'client', 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
  }).outputFiles[0]!.text;
  cache = { css: hashed('app', 'css', css, 'text/css; charset=utf-8'), js: hashed('app', 'js', js, 'text/javascript; charset=utf-8') };
  return cache;
}
