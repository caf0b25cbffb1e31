/**
 * Static assets: the stylesheet and the small enhancement scripts, bundled by esbuild on first use and served
 * under names carrying their content hash (cached for a year). The map's assets (Leaflet and its marker
 * clusters: script, stylesheet, marker images) are a separate set, linked only by pages that show a map.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export interface Asset {
  path: string;
  body: string | Buffer;
  type: string;
}

let cache: Record<'css' | 'js', Asset> | null = null;

function hashed(name: string, ext: string, body: string | Buffer, type: string): Asset {
  const h = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/assets/${name}.${h}.${ext}`, body, type };
}

export function assets(): Record<'css' | 'js', Asset> {
  if (cache) return cache;
  // styles.css, then each capability's own stylesheet in styles/ (alphabetical), as one file.
  const css = [
    join(here, 'styles.css'),
    ...readdirSync(join(here, 'styles'))
      .filter((f) => f.endsWith('.css'))
      .sort()
      .map((f) => join(here, 'styles', f)),
  ]
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  cache = {
    css: hashed('app', 'css', css, 'text/css; charset=utf-8'),
    js: hashed('app', 'js', bundle('main.ts', 'none'), 'text/javascript; charset=utf-8'),
  };
  return cache;
}

function bundle(entry: string, legalComments: 'none' | 'eof'): string {
  return buildSync({
    entryPoints: [join(here, 'client', entry)],
    bundle: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    minify: true,
    legalComments,
  }).outputFiles[0]!.text;
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

export function mapAssets(): MapAssets {
  if (mapCache) return mapCache;
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
  mapCache = {
    css: hashed('map', 'css', css, 'text/css; charset=utf-8'),
    // Leaflet (BSD-2-Clause) and Leaflet.markercluster (MIT) keep their licence comments.
    js: hashed('map', 'js', bundle('map.ts', 'eof'), 'text/javascript; charset=utf-8'),
    images,
  };
  return mapCache;
}
