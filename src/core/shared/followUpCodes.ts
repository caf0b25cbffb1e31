/**
 * Private follow-up links for residents (`/{lang}/ask/{code}`, `/{lang}/concern/{code}`, a registration's
 * cancellation link): a long random code shown once, in the receipt. The database keeps only its SHA-256, so a
 * dump or a leaked backup does not open anyone's conversation; a code is looked up by its hash.
 *
 * A reference (e.g. "K-7Q4M-2X9A") is the short, speakable name of a message for the phone; it is not a secret
 * and never opens anything by itself.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, 256 bits. */
export function newFollowUpCode(): { code: string; hash: string } {
  const code = randomBytes(32).toString('base64url');
  return { code, hash: hashFollowUpCode(code) };
}

/** The stored form of a code. Anything not shaped like a code hashes to something no row has. */
export function hashFollowUpCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/** True when the text could be a code (so routes can answer 404 without a query for junk). */
export function looksLikeFollowUpCode(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

// No 0/O, 1/I/L, 5/S, 8/B: a reference is read aloud on the phone.
const REFERENCE_ALPHABET = '2345679ACDEFGHJKMNPQRTUVWXYZ';

/** A reference such as "K-7Q4M-2X9A": a prefix naming the kind (K concern, Q question, …) and 8 random characters. */
export function newReference(prefix: string): string {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  const part = () => Array.from({ length: 4 }, pick).join('');
  return `${prefix}-${part()}-${part()}`;
}
