/** Tables of programme tracking (migrations/0007_programme.sql). Filled in by programme tracking. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ProgrammeTables {}
