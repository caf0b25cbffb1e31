/**
 * The one way the domain says no. Every capability throws a DomainError (through the factories below) when a
 * request cannot be carried out; `http/errors.ts` is the one place that turns it into a response: JSON with a
 * stable `error` code, a translated `message` and the field `problems`, or a page (the form again with an error
 * summary, or a 403/404 page that keeps the signed-in person's header).
 *
 * - kind: what sort of refusal, which decides the HTTP status (invalid 400, unauthenticated 401, forbidden 403,
 *   not_found 404, conflict 409, too_large 413, unavailable 503).
 * - code: stable, machine-readable (`name_required`, `plan_not_found`); clients may rely on it.
 * - area: where its message lives: the translation key is `${area}.error.${code}` (`error.${code}` without an
 *   area), unless `messageKey` says otherwise.
 * - problems: the fields at fault, each with its own code, so a form can show every problem at once.
 */
export type ErrorKind =
  'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unavailable';

export type Params = Record<string, string | number>;

export interface Problem {
  /** The form field or JSON property at fault ('' when it concerns the request as a whole). */
  field: string;
  code: string;
  params?: Params;
  /** The translation key, when it is not `${area}.error.${code}`. */
  messageKey?: string;
}

export interface DomainErrorOptions {
  area?: string;
  problems?: Problem[];
  params?: Params;
  messageKey?: string;
  /** Anything the HTTP layer should add to a JSON answer (e.g. `draft_saved`, an id); never personal data. */
  extra?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly area: string;
  readonly problems: Problem[];
  readonly params: Params;
  /** The message's translation key; without one, the problems' messages are the message (or `${area}.error.${code}`). */
  readonly messageKey: string | undefined;
  readonly extra: Record<string, unknown>;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    opts: DomainErrorOptions = {},
  ) {
    const problems = opts.problems ?? [];
    super(
      `${kind}: ${opts.area ? `${opts.area}.` : ''}${code}${problems.length ? ` (${problems.map((p) => `${p.field} ${p.code}`).join(', ')})` : ''}`,
    );
    this.name = 'DomainError';
    this.area = opts.area ?? '';
    this.problems = problems;
    this.params = opts.params ?? {};
    this.messageKey = opts.messageKey;
    this.extra = opts.extra ?? {};
  }

  /** The same refusal with more to say to a JSON client. */
  with(extra: Record<string, unknown>): DomainError {
    return new DomainError(this.kind, this.code, {
      area: this.area,
      problems: this.problems,
      params: this.params,
      messageKey: this.messageKey,
      extra: { ...this.extra, ...extra },
    });
  }
}

export const messageKeyOf = (area: string, code: string) => (area ? `${area}.error.${code}` : `error.${code}`);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** One problem with one field: the form shows it beside the field and in the error summary. */
export const invalid = (area: string, code: string, field = '', params?: Params) =>
  new DomainError('invalid', code, { area, params, problems: [{ field, code, ...(params ? { params } : {}) }] });

export const notFound = (area: string, what: string) => new DomainError('not_found', `${what}_not_found`, { area });

export const conflict = (area: string, code: string, opts: Omit<DomainErrorOptions, 'area'> = {}) =>
  new DomainError('conflict', code, { area, ...opts });

/**
 * Collects the problems of a form so that a person sees them all at once, then throws one DomainError
 * (kind invalid, code of the first problem).
 */
export class Problems {
  readonly list: Problem[] = [];
  constructor(readonly area: string) {}

  add(code: string, field = '', params?: Params): void {
    this.list.push({ field, code, ...(params ? { params } : {}) });
  }

  /** Runs a check that may throw an invalid DomainError; returns its value, or undefined after noting its problems. */
  check<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof DomainError) || e.kind !== 'invalid') throw e;
      // Problems keep their own messages when they come from another area's check.
      const own = (p: Problem): Problem => ({ ...p, messageKey: p.messageKey ?? messageKeyOf(e.area, p.code) });
      this.list.push(
        ...(e.problems.length
          ? e.problems.map(own)
          : [{ field: '', code: e.code, messageKey: e.messageKey ?? messageKeyOf(e.area, e.code) }]),
      );
      return undefined;
    }
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  throwIfAny(): void {
    if (!this.list.length) return;
    const first = this.list[0]!;
    throw new DomainError('invalid', first.code, { area: this.area, problems: [...this.list], params: first.params });
  }
}
