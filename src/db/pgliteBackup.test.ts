/** Unpacking a PGlite backup: only into the folder, without the lock and pid files, nothing left on failure. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupFileError, isGzip, readTar, unpackPgliteBackup } from './pgliteBackup.js';

/** A ustar archive as PGlite's dumpDataDir writes one: names with a leading slash, files and folders. */
function tar(entries: { name: string; data?: string }[]): Uint8Array {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    h.write(e.name, 0, 100);
    h.write('0000600\0', 100);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write(e.data === undefined ? '5' : '0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

const root = mkdtempSync(join(tmpdir(), 'yhdessa-unpack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const emptyDir = () => mkdtempSync(join(root, `d${++n}-`));

describe('unpacking a PGlite backup', () => {
  it('writes the data files and leaves out the owner’s lock and postmaster.pid', () => {
    const dir = emptyDir();
    const bytes = tar([
      { name: '/PG_VERSION', data: '17\n' },
      { name: '/base' },
      { name: '/base/1/112', data: 'x'.repeat(700) },
      { name: '/yhdessa.lock', data: '{"pid":1}' },
      { name: '/postmaster.pid', data: '42' },
    ]);
    expect(isGzip(bytes)).toBe(true);
    expect(unpackPgliteBackup(bytes, dir)).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['PG_VERSION', 'base']);
    expect(readFileSync(join(dir, 'base/1/112'), 'utf8')).toHaveLength(700);
  });

  it('refuses a path outside the folder and leaves the folder empty', () => {
    const dir = emptyDir();
    const bytes = tar([
      { name: '/PG_VERSION', data: '17\n' },
      { name: '/../escaped', data: 'no' },
    ]);
    expect(() => unpackPgliteBackup(bytes, dir)).toThrow(BackupFileError);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(root, 'escaped'))).toBe(false);
  });

  it('refuses what is not a PGlite backup: no PG_VERSION, not a tar, cut short', () => {
    expect(() => unpackPgliteBackup(tar([{ name: '/x', data: 'y' }]), emptyDir())).toThrow(/no PG_VERSION/);
    expect(() => unpackPgliteBackup(gzipSync(Buffer.alloc(1024, 1)), emptyDir())).toThrow(BackupFileError);
    const whole = Buffer.from(tar([{ name: '/PG_VERSION', data: 'z'.repeat(2000) }]));
    expect(() => readTar(gunzipSync(whole).subarray(0, 1024))).toThrow(/cut short/);
    const file = join(root, 'plain');
    writeFileSync(file, 'hello');
    expect(() => unpackPgliteBackup(readFileSync(file), emptyDir())).toThrow(BackupFileError);
  });
});
