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
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): none (false), the nearest N hops, or the
   * listed addresses/CIDR ranges. Never "all": a client could then name any address and slip past rate limits.
   */
  trustProxy: false | number | string[];
  /** A request (headers and body) must arrive within this many milliseconds, or it gets 408 and is closed. */
  requestTimeoutMs: number;
  /** Whether this instance works the job queue (e-mail, reminders, erasure); JOB_RUNNER=off turns it off. */
  jobRunner: boolean;
  /** METRICS_TOKEN: /metrics needs `Authorization: Bearer <token>`; without one, only this machine may ask. */
  metricsToken: string | null;
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
  /** The map on the results and service pages; null when MAP_TILE_URL=off. */
  map: MapConfig | null;
}

export interface MapConfig {
  /** XYZ tile template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png ({s} for subdomains). */
  tileUrl: string;
  /** The tiles' attribution, plain text, and where it links to (shown on the map, as tile licences require). */
  attribution: string;
  attributionUrl: string | null;
  maxZoom: number;
  /** The Content-Security-Policy source that allows exactly the tile host, e.g. https://tile.openstreetmap.org. */
  imgSource: string;
}

export const DEFAULT_MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_MAP_ATTRIBUTION = '© OpenStreetMap contributors';
export const DEFAULT_MAP_ATTRIBUTION_URL = 'https://www.openstreetmap.org/copyright';

/** MAP_TILE_URL and its companions; the tile host becomes the only other source of images the pages allow. */
function readMapConfig(env: NodeJS.ProcessEnv): MapConfig | null {
  const raw = env.MAP_TILE_URL?.trim();
  if (raw === 'off' || raw === 'false') return null;
  const tileUrl = raw || DEFAULT_MAP_TILE_URL;
  for (const p of ['{z}', '{x}', '{y}'])
    if (!tileUrl.includes(p)) throw new ConfigError(`MAP_TILE_URL must contain {z}, {x} and {y}, not "${tileUrl}"`);
  const m = /^(https?):\/\/([^/?#]+)(?:[/?#]|$)/.exec(tileUrl);
  if (!m) throw new ConfigError(`MAP_TILE_URL must be an https:// address, not "${tileUrl}"`);
  const [, scheme, hostTemplate] = m as unknown as [string, string, string];
  // {s} as the first label is a subdomain ({s}.tile.example.org → *.tile.example.org); no other placeholder in the host.
  const host = hostTemplate.replace(/^\{s\}\./, '*.');
  if (!/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(host))
    throw new ConfigError(`MAP_TILE_URL: the host "${hostTemplate}" may only use {s} as its first part`);
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host);
  if (scheme !== 'https' && !local)
    throw new ConfigError('MAP_TILE_URL must be https:// (http only on the same machine)');
  const attribution = raw
    ? env.MAP_TILE_ATTRIBUTION?.trim()
    : env.MAP_TILE_ATTRIBUTION?.trim() || DEFAULT_MAP_ATTRIBUTION;
  // A tile server's licence asks for its attribution: a custom server must name it.
  if (!attribution) throw new ConfigError("MAP_TILE_ATTRIBUTION must name the tiles' source when MAP_TILE_URL is set");
  const attributionUrl = env.MAP_TILE_ATTRIBUTION_URL?.trim() || (raw ? null : DEFAULT_MAP_ATTRIBUTION_URL);
  if (attributionUrl && !/^https?:\/\//.test(attributionUrl))
    throw new ConfigError('MAP_TILE_ATTRIBUTION_URL must be an http(s) address');
  const maxZoom = env.MAP_TILE_MAX_ZOOM?.trim() ? Number(env.MAP_TILE_MAX_ZOOM) : 19;
  if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22)
    throw new ConfigError(`MAP_TILE_MAX_ZOOM must be a whole number 1–22, not "${env.MAP_TILE_MAX_ZOOM}"`);
  return { tileUrl, attribution, attributionUrl, maxZoom, imgSource: `${scheme}://${host}` };
}

export class ConfigError extends Error {}

/** TRUST_PROXY: false; true (= 1 hop, one reverse proxy in front); a hop count; or addresses / CIDR ranges. */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  const v = raw?.trim() ?? '';
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return 1;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const address = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;
  const bad = list.find((x) => !address.test(x) && !['loopback', 'linklocal', 'uniquelocal'].includes(x));
  if (bad)
    throw new ConfigError(
      `TRUST_PROXY must be false, true, a number of hops or proxy addresses (e.g. 10.0.0.5,10.1.0.0/16), not "${bad}"`,
    );
  return list;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  const host = env.HOST ?? '127.0.0.1';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const positive = (name: string, fallback: number) => {
    const v = env[name]?.trim() ? Number(env[name]) : fallback;
    if (!Number.isFinite(v) || v <= 0) throw new ConfigError(`${name} must be a positive number, not "${env[name]}"`);
    return v;
  };
  const oidcVars = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((k) => env[k]?.trim());
  if (oidcVars.length > 0 && oidcVars.length < 3)
    throw new ConfigError('single sign-on needs all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  if (env.SMTP_URL?.trim() && !/^smtps?:\/\//.test(env.SMTP_URL.trim()))
    throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return {
    port,
    host,
    databaseUrl,
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    demoData: (env.DEMO_DATA ?? 'true') !== 'false',
    publicUrl,
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    requestTimeoutMs: positive('REQUEST_TIMEOUT_SECONDS', 30) * 1000,
    jobRunner: (env.JOB_RUNNER ?? 'on').trim().toLowerCase() !== 'off',
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    mailFrom: env.MAIL_FROM?.trim() || 'Yhdessä <no-reply@yhdessa.invalid>',
    oidc:
      oidcVars.length === 3
        ? {
            issuer: env.OIDC_ISSUER!.trim(),
            clientId: env.OIDC_CLIENT_ID!.trim(),
            clientSecret: env.OIDC_CLIENT_SECRET!.trim(),
            name: env.OIDC_NAME?.trim() || 'single sign-on',
          }
        : null,
    session: { idleMinutes: positive('SESSION_IDLE_MINUTES', 30), maxHours: positive('SESSION_MAX_HOURS', 10) },
    authRateLimit: positive('AUTH_RATE_LIMIT', 30),
    secureCookies: publicUrl.startsWith('https://'),
    map: readMapConfig(env),
  };
}
