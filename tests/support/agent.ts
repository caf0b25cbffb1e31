/**
 * A client for app.inject that keeps cookies like a browser, reads CSRF tokens from pages, and signs in.
 * Use it to prove what a person can and cannot do through HTTP.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB, OrgRole, SystemRole } from '../../src/db/schema.js';
import { hashPassword } from '../../src/core/accounts/passwords.js';
import { newId } from '../../src/core/shared/ids.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export class Agent {
  readonly cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '10.0.0.1',
  ) {}

  private keep(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()))
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async request(o: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      remoteAddress: this.ip,
      ...o,
      headers: { ...(cookie ? { cookie } : {}), ...(o.headers ?? {}) },
    });
    this.keep(res);
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** A CSRF token valid for this agent's current session, as a page would embed it. */
  async csrf(): Promise<string> {
    const res = await this.get('/api/v1/session');
    return (res.json() as { csrf_token: string }).csrf_token;
  }

  /** Posts a form the way a browser does (urlencoded), adding a fresh CSRF token unless one is given. */
  async postForm(url: string, fields: Record<string, string | string[]>, opts: { csrf?: string | false } = {}) {
    const body = new URLSearchParams();
    const token = opts.csrf === false ? undefined : (opts.csrf ?? (await this.csrf()));
    if (token) body.append('_csrf', token);
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** A JSON write request with the CSRF header. */
  async json(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    const token = await this.csrf();
    return this.request({
      method,
      url,
      payload: payload as InjectOptions['payload'],
      headers: { 'x-csrf-token': token },
    });
  }

  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    const res = await this.postForm('/fi/sign-in', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${res.statusCode}`);
  }
}

export interface TestPerson {
  email: string;
  name?: string;
  systemRole?: SystemRole | null;
  memberships?: { organizationId: string; role: OrgRole }[];
  teams?: { teamId: string; role: 'member' | 'lead' }[];
}

let cachedHash: Promise<string> | undefined;

/** Adds a person with the test password straight into the database (fixtures; the invite flow has its own tests). */
export async function addTestPerson(db: Kysely<DB>, p: TestPerson): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  await db
    .insertInto('person')
    .values({
      id,
      email: p.email.toLowerCase(),
      name: p.name ?? p.email.split('@')[0]!,
      title: '{}',
      phone: null,
      languages: ['fi'],
      system_role: p.systemRole ?? null,
      status: 'active',
      password_hash: await cachedHash,
      locked_until: null,
      last_sign_in_at: null,
      ui_lang: null,
    })
    .execute();
  for (const m of p.memberships ?? [])
    await db
      .insertInto('membership')
      .values({ person_id: id, organization_id: m.organizationId, role: m.role })
      .execute();
  for (const t of p.teams ?? [])
    await db.insertInto('team_membership').values({ person_id: id, team_id: t.teamId, role: t.role }).execute();
  return id;
}
