/** Types of pglite-template.js (plain JavaScript: the database's worker thread runs it without a loader). */
export function pgliteVersion(): string;
export function templateFile(version?: string): string;
export function readTemplate(): Uint8Array | null;
export function readTemplateAsync(): Promise<Uint8Array | null>;
export function unpackTemplate(dataDir: string, unpacked?: Uint8Array | null): boolean;
