// The command's code, ready to run: the TypeScript sources bundled into one ES module (esbuild) and kept in
// .cache/cli while no file it was built from changes. A start then loads one file instead of ~400 modules through
// tsx's loader (measured: ~2–4 s of every start on this machine, against ~0.3 s). Each module's import.meta.url stays
// its own source file's address, so the paths the code reads beside itself (migrations, locales, demo data, the
// client scripts, the database's worker thread) are the same as when tsx runs the sources. Packages stay outside
// the bundle and load from node_modules as usual.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = () => process.env.CLI_CACHE_DIR || join(root, '.cache', 'cli');

/** Packages bundled with the code (pure ES modules of many files; the rest stay in node_modules). */
const BUNDLED_PACKAGES = ['kysely', 'typebox'];

/** Files that shape the build but are not modules of it. */
const BUILD_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'bin/bundle.js'];

/** @param {string} file @returns {string} size and modification time, or '-' when the file is gone */
function fingerprint(file) {
  try {
    const s = statSync(join(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '-';
  }
}

/**
 * The bundle of `entry` (relative to the project) if it is current, else null.
 * @param {string} manifestFile
 * @returns {string | null}
 */
function current(manifestFile) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch {
    return null;
  }
  if (manifest.node !== process.version) return null;
  for (const [file, print] of Object.entries(manifest.inputs)) if (fingerprint(file) !== print) return null;
  return join(cacheDir(), manifest.bundle);
}

/**
 * The bundle imports packages by name, and Node looks for them in node_modules beside the bundle and above it: a
 * cache kept outside the project (CLI_CACHE_DIR=/var/cache/yhdessa) gets a link to the project's node_modules.
 * @param {string} dir
 */
function reachPackages(dir) {
  if (!relative(root, dir).startsWith('..')) return;
  const link = join(dir, 'node_modules');
  try {
    if (realpathSync(link) === realpathSync(join(root, 'node_modules'))) return;
    rmSync(link, { recursive: true, force: true });
  } catch {
    /* none yet */
  }
  symlinkSync(join(root, 'node_modules'), link, 'junction');
}

/**
 * Builds the bundle and its manifest (written whole or not at all: two starts at once may both build).
 * @param {string} entry
 * @param {string} manifestFile
 * @returns {Promise<string>}
 */
async function build(entry, manifestFile) {
  const esbuild = await import('esbuild');
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const f of BUILD_FILES) inputs[f] = fingerprint(f);
  const stamp = `${process.pid}-${Date.now()}`;
  const dir = cacheDir();
  const outdir = join(dir, `${entry.replace(/\W/g, '_')}.${stamp}`);
  mkdirSync(dir, { recursive: true });
  reachPackages(dir);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: join(root, entry) },
    outdir,
    outExtension: { '.js': '.mjs' },
    // What the code imports only when needed (the web app, for `serve`) is a chunk of its own, loaded then with the
    // packages it needs: the database starts opening before the web app's code and packages are read.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node.split('.')[0]}`,
    sourcemap: 'linked',
    sourcesContent: false, // the map names the files; smaller, so an error's first stack trace reads it faster
    keepNames: true,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        // Packages load from node_modules as usual, except a few pure-JavaScript ones made of hundreds of small
        // modules, which took more of each start to find and read one by one than all the rest of the app.
        name: 'packages-outside',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            const name = args.path.split('/', args.path.startsWith('@') ? 2 : 1).join('/');
            return BUNDLED_PACKAGES.includes(name) && args.kind !== 'dynamic-import' ? undefined : { external: true };
          });
        },
      },
      {
        name: 'own-import-meta-url',
        setup(b) {
          // Only the project's own files: the bundled packages' hundreds of modules need no rewriting, and each file
          // passed to a plugin costs a round trip between esbuild and this process (measured: ~1 s of a build).
          const own = new RegExp(
            `^${root.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}[\\/](src|bin)[\\/].*\\.[cm]?[jt]sx?$`,
          );
          b.onLoad({ filter: own }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            if (!text.includes('import.meta.url')) return undefined;
            const ext = args.path.slice(args.path.lastIndexOf('.') + 1).replace(/^[cm]/, '');
            return {
              contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
              loader: /** @type {'ts' | 'tsx' | 'js' | 'jsx'} */ (ext),
            };
          });
        },
      },
    ],
  });
  for (const file of Object.keys(result.metafile.inputs)) {
    const path = relative(root, resolve(root, file));
    inputs[path] = fingerprint(path);
  }
  const tmp = `${manifestFile}.${stamp}.tmp`;
  const bundle = relative(dir, join(outdir, 'main.mjs'));
  writeFileSync(tmp, JSON.stringify({ node: process.version, esbuild: esbuild.version, bundle, inputs }));
  renameSync(tmp, manifestFile);
  // Earlier bundles go once no start can still be loading them (a start reads its bundle within moments).
  const prefix = `${entry.replace(/\W/g, '_')}.`;
  for (const old of readdirSync(dir)) {
    const path = join(dir, old);
    if (
      old.startsWith(prefix) &&
      path !== outdir &&
      !old.endsWith('.json') &&
      statSync(path).mtimeMs < Date.now() - 600_000
    )
      rmSync(path, { recursive: true, force: true });
  }
  return join(dir, bundle);
}

/**
 * The address of a module to import for `entry`: its current bundle (built now if needed), or null when bundling is
 * off (YHDESSA_BUNDLE=off) or failed, and the caller runs the sources through tsx instead.
 * @param {string} entry the TypeScript entry point, relative to the project (src/cli/main.ts)
 * @param {(line: string) => void} [say] told when the bundle has to be built
 * @returns {Promise<string | null>}
 */
export async function bundled(entry, say) {
  if (process.env.YHDESSA_BUNDLE === 'off') return null;
  const manifestFile = join(cacheDir(), `${entry.replace(/\W/g, '_')}.json`);
  try {
    const ready = current(manifestFile);
    if (ready) return pathToFileURL(ready).href;
    say?.('Preparing the code (after an update or on the first start)…');
    return pathToFileURL(await build(entry, manifestFile)).href;
  } catch (e) {
    if (process.env.DEBUG) console.error(e);
    return null;
  }
}
