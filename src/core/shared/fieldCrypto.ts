/**
 * Field encryption: free text, names and contact details of questions, concerns, cases, referrals and
 * registrations are stored encrypted by the application (AES-256-GCM, authenticated), so a database dump alone
 * reveals none of them. The key never lives in the database.
 *
 * Keys (base64 of 32 random bytes; make one with `node bin/yhdessa.js keys new`):
 * - FIELD_ENCRYPTION_KEY: the current key; FIELD_ENCRYPTION_OLD_KEYS: earlier keys, comma-separated, still read
 *   during a rotation;
 * - or FIELD_ENCRYPTION_KEY_FILE: a file with the current key on its first line and earlier keys on the next ones;
 * - neither (development, `npm start`): a key file made once at `<DATA_DIR>/../keys/field-encryption.key`
 *   (outside the database's folder), mode 0600.
 *
 * Stored form: `enc1:<key id>:<iv>:<ciphertext+tag>` (base64url). The key id (8 hex characters of the key's
 * SHA-256) picks the key to decrypt with, so old values stay readable after a rotation until re-encrypted.
 * The context (e.g. 'concern.text') is authenticated with the value: a ciphertext copied into another column
 * does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const PREFIX = 'enc1';

export interface Keyring {
  current: { id: string; key: Buffer };
  all: Map<string, Buffer>;
}

export class FieldKeyError extends Error {}

/** A new random key, base64. */
export function newFieldKey(): string {
  return randomBytes(32).toString('base64');
}

function parseKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new FieldKeyError(`${where} is not a base64 key of 32 bytes`);
  return key;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function keyringOf(keys: Buffer[]): Keyring {
  if (!keys.length) throw new FieldKeyError('no field encryption key');
  const all = new Map(keys.map((k) => [keyId(k), k]));
  return { current: { id: keyId(keys[0]!), key: keys[0]! }, all };
}

/** The default key file for development: beside the data folder, never inside it. */
export function defaultKeyFile(dataDir: string): string {
  return join(dirname(resolve(dataDir)), 'keys', 'field-encryption.key');
}

/** Reads the keys as the module comment says; makes the development key file when nothing is configured. */
export function loadKeyring(env: NodeJS.ProcessEnv = process.env): Keyring {
  if (env.FIELD_ENCRYPTION_KEY) {
    const old = (env.FIELD_ENCRYPTION_OLD_KEYS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return keyringOf([
      parseKey(env.FIELD_ENCRYPTION_KEY, 'FIELD_ENCRYPTION_KEY'),
      ...old.map((k, i) => parseKey(k, `FIELD_ENCRYPTION_OLD_KEYS item ${i + 1}`)),
    ]);
  }
  const file = env.FIELD_ENCRYPTION_KEY_FILE ?? defaultKeyFile(env.DATA_DIR ?? 'data');
  if (!existsSync(file)) {
    if (env.FIELD_ENCRYPTION_KEY_FILE) throw new FieldKeyError(`FIELD_ENCRYPTION_KEY_FILE ${file} does not exist`);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, newFieldKey() + '\n', { mode: 0o600, flag: 'wx' });
  }
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return keyringOf(lines.map((l, i) => parseKey(l, `${file} line ${i + 1}`)));
}

let keyring: Keyring | undefined;

/** The process's keyring (read once). Tests and the CLI may set it explicitly. */
export function fieldKeyring(): Keyring {
  keyring ??= loadKeyring();
  return keyring;
}

export function setFieldKeyring(k: Keyring | undefined): void {
  keyring = k;
}

/** Encrypts a value for storage; null stays null. */
export function encryptField(plain: string, context: string, ring?: Keyring): string;
export function encryptField(plain: string | null, context: string, ring?: Keyring): string | null;
export function encryptField(plain: string | null, context: string, ring: Keyring = fieldKeyring()): string | null {
  if (plain === null) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', ring.current.key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}:${ring.current.id}:${iv.toString('base64url')}:${body.toString('base64url')}`;
}

/** Decrypts a stored value; throws FieldKeyError when the key is missing or the value was altered. */
export function decryptField(stored: string, context: string, ring?: Keyring): string;
export function decryptField(stored: string | null, context: string, ring?: Keyring): string | null;
export function decryptField(stored: string | null, context: string, ring: Keyring = fieldKeyring()): string | null {
  if (stored === null) return null;
  const [prefix, id, ivText, bodyText] = stored.split(':');
  if (prefix !== PREFIX || !id || !ivText || bodyText === undefined)
    throw new FieldKeyError('not an encrypted field value');
  const key = ring.all.get(id);
  if (!key) throw new FieldKeyError(`the key ${id} that encrypted this value is not configured`);
  const body = Buffer.from(bodyText, 'base64url');
  if (body.length < 16) throw new FieldKeyError('encrypted value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new FieldKeyError('encrypted value does not authenticate (altered, or another column’s value)');
  }
}

/** True when a stored value was encrypted with a key other than the current one (re-encrypt it in a rotation). */
export function needsReencryption(stored: string | null, ring: Keyring = fieldKeyring()): boolean {
  return stored !== null && stored.split(':')[1] !== ring.current.id;
}

/**
 * Every encrypted column, registered by its capability (`registerEncryptedColumns`), so that a key rotation
 * (`yhdessa keys rotate`) re-encrypts them all and a test can check that a dump holds no plain text.
 */
export interface EncryptedColumns {
  table: string;
  /** The primary key column. */
  id: string;
  /** Column name → the context it is encrypted with. */
  columns: Record<string, string>;
}
export const ENCRYPTED_COLUMNS: EncryptedColumns[] = [];
export function registerEncryptedColumns(c: EncryptedColumns): void {
  if (!ENCRYPTED_COLUMNS.some((e) => e.table === c.table)) ENCRYPTED_COLUMNS.push(c);
}
