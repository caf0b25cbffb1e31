/** Configuration from the environment, read once. Every setting is documented in the README. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demoData: boolean;
  publicUrl: string;
  logLevel: string;
  trustProxy: boolean;
  /** Outgoing mail: smtp://… ; unset writes messages to the log (development). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Single sign-on over OpenID Connect, when a municipality has it. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  session: { idleMinutes: number; maxHours: number };
  /** Requests a minute per client address to sign-in and the other public forms. */
  authRateLimit: number;
  /** Cookies are Secure (and __Host- prefixed) when the public address is https. */
  secureCookies: boolean;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const positive = (name: string, fallback: number) => {
    const v = env[name]?.trim() ? Number(env[name]) : fallback;
    if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`${name} must be a positive number, not "${env[name]}"`);
    return v;
  };
  const oidcVars = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((k) => env[k]?.trim());
  if (oidcVars.length > 0 && oidcVars.length < 3) throw new ConfigError('single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  if (env.SMTP_URL?.trim() && !/^smtps?:\/\//.test(env.SMTP_URL.trim())) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return {
    port,
    host,
    databaseUrl,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    demoData: (env.DEMO_DATA ?? 'true') !== 'false',
    publicUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: env.TRUST_PROXY === 'true',
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || 'Yhdessä <no-reply@yhdessa.invalid>',
    oidc: oidcVars.length === 3
      ? { issuer: env.OIDC_ISSUER!.trim(), clientId: env.OIDC_CLIENT_ID!.trim(), clientSecret: env.OIDC_CLIENT_SECRET!.trim(), name: env.OIDC_NAME?.trim() || 'single sign-on' }
      : null,
    session: { idleMinutes: positive('SESSION_IDLE_MINUTES', 30), maxHours: positive('SESSION_MAX_HOURS', 10) },
    authRateLimit: positive('AUTH_RATE_LIMIT', 30),
    secureCookies: publicUrl.startsWith('https://'),
  };
}
