import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DemoFile } from '../../src/demo/types.js';

export function directoryFixture(): DemoFile {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/directory.json', import.meta.url)), 'utf8'),
  ) as DemoFile;
}
