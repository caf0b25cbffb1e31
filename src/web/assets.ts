/**
 * Static assets: the stylesheet and the small enhancement scripts, bundled by esbuild and served under names
 * carrying their content hash (cached for a year). A bundle is built once: it is kept in .cache/assets under the
 * hash of everything it is built from (the client sources, esbuild's and the bundled packages' versions), so a
 * start on unchanged sources reads it instead of bundling again. Each asset is compressed once (brotli and
 * gzip), not on every request. The map's assets (Leaflet and its marker clusters: script, stylesheet, marker
 * images) are a separate set, linked only by pages that show a map.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants as zlib, gzip, gzipSync } from 'node:zlib';
import { build, buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
/** Where built bundles are kept between starts (ASSET_CACHE_DIR, by default .cache/assets in the project). */
const cacheDir = () => process.env.ASSET_CACHE_DIR || join(here, '..', '..', '.cache', 'assets');

export interface Asset {
  path: string;
  body: string | Buffer;
  type: string;
  /** The body compressed once, for clients that accept it (text assets only). */
  br?: Buffer;
  gzip?: Buffer;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript))/;

/**
 * The body compressed with brotli and gzip, once: kept in the cache folder under the body's hash, since brotli's
 * best quality takes most of a second for the map's script and would otherwise be paid on every start.
 */
function compressed(a: Asset): Asset {
  if (!COMPRESSIBLE.test(a.type)) return a;
  const body = Buffer.from(a.body);
  const key = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const cachedOr = (ext: string, make: () => Buffer): Buffer => {
    const file = join(cacheDir(), `${key}.${ext}`);
    try {
      return readFileSync(file);
    } catch {
      // not compressed yet
    }
    const out = make();
    keep(file, out);
    return out;
  };
  return {
    ...a,
    br: cachedOr('br', () => brotliCompressSync(body, brotliOptions(body))),
    gzip: cachedOr('gz', () => gzipSync(body, { level: 9 })),
  };
}

const brotliOptions = (body: Buffer) => ({
  params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
});

/** The cache files of compressed(), made without blocking this thread (zlib's thread pool). */
async function compressAhead(text: string): Promise<void> {
  const body = Buffer.from(text);
  const key = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const make = async (ext: string, run: () => Promise<Buffer>) => {
    const file = join(cacheDir(), `${key}.${ext}`);
    if (!existsSync(file)) keep(file, await run());
  };
  await Promise.all([
    make('br', () => promisify(brotliCompress)(body, brotliOptions(body))),
    make('gz', () => promisify(gzip)(body, { level: 9 })),
  ]);
}

/** Writes a file of the cache whole or not at all (two starts at once may both write it); a read-only install skips. */
function keep(file: string, data: string | Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // a read-only install compresses and builds on every start, as before
  }
}

/** Every file under a folder, in a stable order. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The hash of what a bundle is built from: the client sources, the options, esbuild and the packages it bundles. */
function sourceHash(entry: string, legalComments: string, packages: string[]): string {
  const h = createHash('sha256').update(`${esbuildVersion}\0${entry}\0${legalComments}\0`);
  for (const f of filesUnder(join(here, 'client'))) h.update(f.slice(here.length)).update(readFileSync(f));
  const require = createRequire(import.meta.url);
  for (const p of packages) {
    try {
      h.update(p).update(readFileSync(require.resolve(`${p}/package.json`)));
    } catch {
      h.update(`${p}:${statSync(dirname(require.resolve(p))).mtimeMs}`);
    }
  }
  return h.digest('hex').slice(0, 24);
}

let cache: Record<'css' | 'js', Asset> | null = null;

function hashed(name: string, ext: string, body: string | Buffer, type: string): Asset {
  const h = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${h}.${ext}`, body, type };
}

/** styles.css, then each capability's own stylesheet in styles/ (alphabetical), as one file. */
function appCss(): string {
  return [
    join(here, 'styles.css'),
    ...readdirSync(join(here, 'styles'))
      .filter((f) => f.endsWith('.css'))
      .sort()
      .map((f) => join(here, 'styles', f)),
  ]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
}

export function assets(): Record<'css' | 'js', Asset> {
  if (cache) return cache;
  const css = appCss();
  cache = {
    css: compressed(hashed('app', 'css', css, 'text/css; charset=utf-8')),
    js: compressed(hashed('app', 'js', bundle('main.ts', 'none'), 'text/javascript; charset=utf-8')),
  };
  return cache;
}

/** A client bundle: from the cache when nothing it is built from has changed, else built (and kept). */
function bundle(entry: string, legalComments: 'none' | 'eof', packages: string[] = []): string {
  const file = bundleFile(entry, legalComments, packages);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // not built yet
  }
  const text = buildSync(bundleOptions(entry, legalComments)).outputFiles[0]!.text;
  keep(file, text);
  return text;
}

const bundleFile = (entry: string, legalComments: string, packages: string[]) =>
  join(cacheDir(), `${entry.replace(/\W/g, '_')}.${sourceHash(entry, legalComments, packages)}.js`);

const bundleOptions = (entry: string, legalComments: 'none' | 'eof') =>
  ({
    entryPoints: [join(here, 'client', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments,
  }) satisfies BuildOptions;

/** bundle(), made in esbuild's own process while this thread goes on. */
async function bundleAhead(entry: string, legalComments: 'none' | 'eof', packages: string[] = []): Promise<string> {
  const file = bundleFile(entry, legalComments, packages);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // not built yet
  }
  const text = (await build(bundleOptions(entry, legalComments))).outputFiles[0]!.text;
  keep(file, text);
  return text;
}

/**
 * Builds and compresses what assets() and mapAssets() need into the cache folder without holding this thread
 * (esbuild's own process, zlib's thread pool), so that they then only read it. A first start runs it while the
 * database applies the migrations and loads the demo data: otherwise the app's first build does it afterwards
 * (measured: ~1 s of CPU on this project's machine, most of it brotli's best quality on the map's script).
 */
export async function prepareAssets(withMap: boolean): Promise<void> {
  const work: Promise<void>[] = [compressAhead(appCss()), bundleAhead('main.ts', 'none').then(compressAhead)];
  if (withMap) {
    work.push(compressAhead(mapParts().css));
    work.push(bundleAhead('map.ts', 'eof', MAP_PACKAGES).then(compressAhead));
  }
  await Promise.all(work);
}

export interface MapAssets {
  css: Asset;
  js: Asset;
  /** Leaflet's marker images (referred to by the stylesheet and by the script's icon). */
  images: Record<
    'marker-icon.png' | 'marker-icon-2x.png' | 'marker-shadow.png' | 'layers.png' | 'layers-2x.png',
    Asset
  >;
}

let mapCache: MapAssets | null = null;

const MAP_PACKAGES = ['leaflet', 'leaflet.markercluster'];

/** Leaflet's marker images (hashed) and the map's stylesheet pointing at them. */
function mapParts(): { images: MapAssets['images']; css: string } {
  const require = createRequire(import.meta.url);
  const leafletDist = dirname(require.resolve('leaflet/dist/leaflet.css'));
  const clusterDist = dirname(require.resolve('leaflet.markercluster/dist/MarkerCluster.css'));
  const names = ['marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png', 'layers.png', 'layers-2x.png'] as const;
  const images = Object.fromEntries(
    names.map((n) => [
      n,
      hashed(`leaflet-${n.replace(/\.png$/, '')}`, 'png', readFileSync(join(leafletDist, 'images', n)), 'image/png'),
    ]),
  ) as MapAssets['images'];
  // The stylesheets' url(images/…) point at the hashed images.
  const css = [
    join(leafletDist, 'leaflet.css'),
    join(clusterDist, 'MarkerCluster.css'),
    join(clusterDist, 'MarkerCluster.Default.css'),
  ]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n')
    .replace(/url\((['"]?)images\/([\w-]+\.png)\1\)/g, (whole, _q: string, n: string) =>
      n in images ? `url(${images[n as keyof typeof images].path})` : whole,
    );
  return { images, css };
}

export function mapAssets(): MapAssets {
  if (mapCache) return mapCache;
  const { images, css } = mapParts();
  mapCache = {
    css: compressed(hashed('map', 'css', css, 'text/css; charset=utf-8')),
    // Leaflet (BSD-2-Clause) and Leaflet.markercluster (MIT) keep their licence comments.
    js: compressed(hashed('map', 'js', bundle('map.ts', 'eof', MAP_PACKAGES), 'text/javascript; charset=utf-8')),
    images,
  };
  return mapCache;
}
