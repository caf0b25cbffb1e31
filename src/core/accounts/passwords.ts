/** Passwords: argon2id (OWASP parameters), a length-based policy, and a constant-time answer for unknown accounts. */
import argon2 from 'argon2';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 (the minimum); we use 19 MiB and t=2.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/** Verifies; with no hash (unknown account or none set) still spends the same time, so timing reveals nothing. */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password-0000');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}

/** Error codes (translated as account.password_*); empty when the password is acceptable. */
export function passwordProblems(password: string, ctx: { email?: string; name?: string } = {}): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN) problems.push('password_too_short');
  if (password.length > PASSWORD_MAX) problems.push('password_too_long');
  const lower = password.toLowerCase();
  const local = ctx.email?.split('@')[0]?.toLowerCase();
  if (
    (local && local.length >= 4 && lower.includes(local)) ||
    (ctx.name && ctx.name.length >= 4 && lower.includes(ctx.name.toLowerCase()))
  ) {
    problems.push('password_contains_name');
  }
  if (/^(.)\1+$/.test(password) || /^(?:0123456789|1234567890|qwertyuiop|salasana|lösenord|password)/i.test(password))
    problems.push('password_too_simple');
  return problems;
}
