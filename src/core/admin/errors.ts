/**
 * A request the rules refuse for a reason the person can fix (a missing name, an e-mail already in the
 * organisation). `code` is the translation key after "admin.error."; `field` names the form field it concerns.
 * Permission refusals are not these: they are ForbiddenError (403), thrown by `authorize`.
 */
export class AdminError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(code);
  }
}

export const notFoundError = (what: 'organization' | 'team' | 'person' | 'membership') =>
  new AdminError(`${what}_not_found`, undefined, 404);

/** Several problems at once (a search form with more than one bad filter); behaves as the first. */
export class AdminErrors extends AdminError {
  constructor(readonly all: AdminError[]) {
    super(all[0]!.code, all[0]!.field, all[0]!.status);
  }
}

/** Collects the problems of a form so that a person sees them all at once. */
export class Problems {
  readonly list: AdminError[] = [];
  add(code: string, field?: string): void {
    this.list.push(new AdminError(code, field));
  }
  /** Runs a check that throws an AdminError; returns its value, or undefined after noting the problem. */
  check<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof AdminError)) throw e;
      this.list.push(e);
      return undefined;
    }
  }
  throwIfAny(): void {
    if (this.list.length === 1) throw this.list[0]!;
    if (this.list.length) throw new AdminErrors(this.list);
  }
}
