/** Types of pglite-engine.js (plain JavaScript, so that the database's worker thread needs no TypeScript loader). */
import type { PGlite } from '@electric-sql/pglite';

export interface EngineOptions {
  /** A folder for the data; undefined keeps it in memory. */
  dataDir?: string | undefined;
  /** false: run PGlite's initdb even where the shipped empty cluster could be used (pglite-template.js). */
  template?: boolean;
}

export interface EngineRequest {
  sql: string;
  params: readonly unknown[];
}

export interface EngineResult {
  rows: unknown[];
  /** Columns in the result: 0 for statements without rows (insert/update/delete without returning, DDL). */
  fieldCount: number;
  affectedRows: number | undefined;
}

export interface ErrorReport {
  name: string;
  message: string;
  /** PostgreSQL's error fields: code (SQLSTATE), detail, constraint, table, column, … */
  fields: Record<string, string | number>;
  stack?: string;
}

export function openPGlite(opts: EngineOptions): Promise<PGlite>;
export function prepareOpen(dataDir: string | undefined, withTemplate?: boolean): void;
export function runRequest(pg: PGlite, req: EngineRequest): Promise<EngineResult>;
export function errorReport(e: unknown): ErrorReport;
export function dumpDataDir(pg: PGlite): Promise<Uint8Array>;
