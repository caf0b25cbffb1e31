/**
 * Single sign-on over OpenID Connect (authorization code flow with PKCE S256, state and nonce), for
 * municipalities that have an identity provider.
 *
 * Nobody is created here: accounts are invited by administrators. A sign-in is linked to a person by
 *  1. the identity (issuer, subject) recorded at an earlier sign-in, or else
 *  2. the provider's e-mail claim, only when the provider says it is verified (`email_verified`), matching an
 *     existing person; the identity is then recorded, so later sign-ins follow the subject even when the
 *     e-mail address changes at the provider.
 * Disabled people are refused. Every outcome is written to the audit log.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { DB } from '../../db/schema.js';
import { audit, type AuditContext } from '../audit/auditLog.js';
import { findPersonByEmail, normalizeEmail } from './people.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/** The one redirect URI; register it at the identity provider. */
export const CALLBACK_PATH = '/sso/callback';
export const redirectUriFor = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}${CALLBACK_PATH}`;

export const SCOPE = 'openid email profile';

/** Why a single sign-on did not sign anyone in (the audit log's `details.reason`, the page's message). */
export type OidcFailure =
  | 'provider_unavailable' // discovery failed (the provider is down or OIDC_ISSUER is wrong)
  | 'flow_missing' // no (valid) flow cookie: expired, or started in another browser
  | 'state_mismatch' // the response's state is not the one this browser was sent with
  | 'provider_error' // the provider answered with an error (e.g. the person cancelled)
  | 'exchange_failed' // the code exchange or the ID token's checks failed
  | 'no_email' // no identity on record and no e-mail claim to match by
  | 'email_unverified' // the e-mail claim is not verified by the provider
  | 'unknown_person' // no person with that e-mail (accounts are invited, not created here)
  | 'disabled' // the person is disabled
  | 'identity_conflict'; // the person already has another identity at this provider

/**
 * Why a step of the flow (discovery, the code exchange) failed: internal to this module, which turns it into an
 * audited `OidcFailure` result; it never reaches the HTTP layer (the SSO page explains the failure itself).
 */
export class OidcError extends Error {
  constructor(
    readonly reason: OidcFailure,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
  }
}

/** What the browser keeps (in a signed cookie) between leaving for the provider and coming back. */
export interface OidcFlow {
  codeVerifier: string;
  state: string;
  nonce: string;
}

export type OidcSignInResult =
  { ok: true; personId: string; linked: boolean } | { ok: false; reason: OidcFailure; email?: string };

// ---------------------------------------------------------------------------------------------------------
// Discovery: once per process and settings; a failure is not cached, so the next sign-in tries again.

const configurations = new Map<string, Promise<client.Configuration>>();
const DISCOVERY_ATTEMPTS = 3;

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

async function discover(s: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(s.issuer);
  // Plain http only for a provider on this machine (tests, development); anything else must be https.
  const insecure = issuer.protocol === 'http:';
  if (insecure && !isLoopback(issuer))
    throw new OidcError('provider_unavailable', { cause: new Error('OIDC_ISSUER must be an https address') });
  let last: unknown;
  for (let attempt = 1; attempt <= DISCOVERY_ATTEMPTS; attempt++) {
    try {
      return await client.discovery(
        issuer,
        s.clientId,
        { client_secret: s.clientSecret },
        client.ClientSecretBasic(s.clientSecret),
        {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      );
    } catch (e) {
      last = e;
      if (attempt < DISCOVERY_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  throw new OidcError('provider_unavailable', { cause: last });
}

/** The provider's configuration, discovered once per process (retried on the next call after a failure). */
export function oidcConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret]);
  let p = configurations.get(key);
  if (!p) {
    p = discover(s);
    configurations.set(key, p);
    p.catch(() => {
      if (configurations.get(key) === p) configurations.delete(key);
    });
  }
  return p;
}

/** Forgets discovered configurations (tests; or after the provider rotated its metadata). */
export function forgetOidcConfigurations(): void {
  configurations.clear();
}

// ---------------------------------------------------------------------------------------------------------
// Leaving for the provider.

export type OidcBeginResult =
  { ok: true; url: string; flow: OidcFlow } | { ok: false; reason: OidcFailure; cause: unknown };

/**
 * The provider's authorization URL for a new sign-in, and the secrets the browser must bring back; or why the
 * provider cannot be asked (audited).
 */
export async function beginOidcSignIn(
  db: Kysely<DB>,
  ctx: AuditContext,
  s: OidcSettings,
  publicUrl: string,
): Promise<OidcBeginResult> {
  let config: client.Configuration;
  try {
    config = await oidcConfiguration(s);
  } catch (e) {
    if (!(e instanceof OidcError)) throw e;
    await audit(db, ctx, {
      action: 'auth.sign_in',
      outcome: 'failed',
      details: { method: 'oidc', reason: e.reason, issuer: s.issuer },
    });
    return { ok: false, reason: e.reason, cause: e.cause ?? e };
  }
  const flow: OidcFlow = {
    codeVerifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUriFor(publicUrl),
    response_type: 'code',
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { ok: true, url: url.href, flow };
}

// ---------------------------------------------------------------------------------------------------------
// Coming back.

interface Claims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
// Some providers send the boolean as a string.
const verified = (v: unknown) => v === true || v === 'true';

/** Exchanges the code (checking state, nonce, PKCE, issuer and the ID token) and reads who signed in. */
async function exchange(config: client.Configuration, callbackUrl: URL, flow: OidcFlow): Promise<Claims> {
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (e) {
    if (e instanceof client.AuthorizationResponseError) throw new OidcError('provider_error', { cause: e });
    throw new OidcError('exchange_failed', { cause: e });
  }
  const id = tokens.claims();
  if (!id) throw new OidcError('exchange_failed', { cause: new Error('no ID token') });
  let email = str(id.email);
  let emailVerified = verified(id.email_verified);
  let name = str(id.name);
  // A conforming provider may keep the profile claims out of the ID token in the code flow: ask UserInfo.
  if (!email && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, id.sub);
      email = str(info.email);
      emailVerified = verified(info.email_verified);
      name ??= str(info.name);
    } catch (e) {
      throw new OidcError('exchange_failed', { cause: e });
    }
  }
  return { issuer: id.iss, subject: id.sub, email: email ? normalizeEmail(email) : null, emailVerified, name };
}

/**
 * Completes a sign-in from the provider's redirect: `callbackUrl` is the redirect URI with the query the
 * provider sent. Returns the person to start a session for, or why not. Every outcome is audited.
 */
export async function completeOidcSignIn(
  db: Kysely<DB>,
  ctx: AuditContext,
  s: OidcSettings,
  callbackUrl: URL,
  flow: OidcFlow | null,
): Promise<OidcSignInResult> {
  const failed = async (
    reason: OidcFailure,
    extra: { personId?: string | null; email?: string | null; name?: string; subject?: string; error?: string } = {},
  ): Promise<OidcSignInResult> => {
    await audit(
      db,
      { ...ctx, actorName: extra.name ?? extra.email ?? extra.subject ?? ctx.actorName },
      {
        action: 'auth.sign_in',
        outcome: 'failed',
        actorId: extra.personId ?? null,
        objectType: 'person',
        objectId: extra.personId ?? undefined,
        details: {
          method: 'oidc',
          reason,
          issuer: s.issuer,
          ...(extra.subject ? { subject: extra.subject } : {}),
          ...(extra.error ? { error: extra.error } : {}),
        },
      },
    );
    return { ok: false, reason, ...(extra.email ? { email: extra.email } : {}) };
  };

  if (!flow) return failed('flow_missing');
  const returnedState = callbackUrl.searchParams.get('state');
  if (returnedState === null || !constantTimeEqual(returnedState, flow.state)) return failed('state_mismatch');

  let claims: Claims;
  try {
    const config = await oidcConfiguration(s);
    claims = await exchange(config, callbackUrl, flow);
  } catch (e) {
    if (!(e instanceof OidcError)) throw e;
    const cause = e.cause as { error?: unknown; message?: unknown } | undefined;
    const error =
      typeof cause?.error === 'string'
        ? cause.error
        : typeof cause?.message === 'string'
          ? cause.message.slice(0, 200)
          : undefined;
    return failed(e.reason, error ? { error } : {});
  }

  const { issuer, subject, email } = claims;
  const known = await db
    .selectFrom('person_identity')
    .innerJoin('person', 'person.id', 'person_identity.person_id')
    .select(['person.id', 'person.name', 'person.status'])
    .where('person_identity.issuer', '=', issuer)
    .where('person_identity.subject', '=', subject)
    .executeTakeFirst();

  let person: { id: string; name: string };
  let linked = false;
  if (known) {
    if (known.status !== 'active') return failed('disabled', { personId: known.id, name: known.name, subject });
    person = known;
  } else {
    if (!email) return failed('no_email', { subject });
    if (!claims.emailVerified) return failed('email_unverified', { email, subject });
    const match = await findPersonByEmail(db, email);
    if (!match) return failed('unknown_person', { email, subject });
    if (match.status !== 'active') return failed('disabled', { personId: match.id, email, subject });
    const other = await db
      .selectFrom('person_identity')
      .select('subject')
      .where('person_id', '=', match.id)
      .where('issuer', '=', issuer)
      .executeTakeFirst();
    if (other) return failed('identity_conflict', { personId: match.id, email, subject });
    const ok = await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('person_identity')
        .values({ issuer, subject, person_id: match.id })
        .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false; // linked at the same moment elsewhere
      await audit(
        tx,
        { ...ctx, actorName: match.name },
        {
          action: 'auth.identity_linked',
          actorId: match.id,
          objectType: 'person',
          objectId: match.id,
          after: { issuer, subject },
          details: { method: 'oidc', email },
        },
      );
      return true;
    });
    if (!ok) {
      const now = await db
        .selectFrom('person_identity')
        .select('person_id')
        .where('issuer', '=', issuer)
        .where('subject', '=', subject)
        .executeTakeFirst();
      if (now?.person_id !== match.id) return failed('identity_conflict', { personId: match.id, email, subject });
    }
    person = match;
    linked = ok;
  }

  await db.updateTable('person').set({ last_sign_in_at: new Date() }).where('id', '=', person.id).execute();
  await audit(
    db,
    { ...ctx, actorName: person.name },
    {
      action: 'auth.sign_in',
      actorId: person.id,
      objectType: 'person',
      objectId: person.id,
      details: { method: 'oidc', issuer, subject, linked },
    },
  );
  return { ok: true, personId: person.id, linked };
}

function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
