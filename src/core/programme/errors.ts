/**
 * A request the programme rules refuse for a reason the person can fix. `code` is the translation key after
 * "programme.error."; `field` names the form field. Permission refusals are ForbiddenError (403) instead.
 */
export class ProgrammeError extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly status: 400 | 404 | 409 = 400,
  ) {
    super(code);
  }
}

/** Every problem of a form at once; behaves as the first. */
export class ProgrammeErrors extends ProgrammeError {
  constructor(readonly all: ProgrammeError[]) {
    super(all[0]!.code, all[0]!.field, all[0]!.status);
  }
}

export const notFound = (what: 'plan' | 'action' | 'milestone' | 'member' | 'version' | 'municipality' | 'change') =>
  new ProgrammeError(`${what}_not_found`, undefined, 404);
