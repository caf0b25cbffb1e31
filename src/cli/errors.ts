/** A failure the command line reports as one readable line (no stack unless DEBUG=1). */
export class CliError extends Error {}
