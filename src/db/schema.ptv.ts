/** Tables of the PTV import (migrations/0006_ptv.sql). Filled in by the PTV import. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface PtvTables {}
