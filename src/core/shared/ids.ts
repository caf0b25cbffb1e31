/** Stable ids: a record imported or seeded under a key gets the same UUID in every database (RFC 4122 v5). */
import { createHash, randomUUID } from 'node:crypto';

const NAMESPACE = Buffer.from('6f1c2b8e4a3d4c1b9e7f2a5d8c3b1e40', 'hex');

export function idFromKey(kind: string, key: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${kind}:${key}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const newId = (): string => randomUUID();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
