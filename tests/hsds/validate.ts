/** Validation against the official HSDS 3.0 schemas, with readable failures. */
import { expect } from 'vitest';
import { createHsdsValidator, type HsdsValidator, type ResponseKind } from '../../src/core/hsds/schemas.js';

let validator: HsdsValidator | null = null;
const v = () => (validator ??= createHsdsValidator());

export function expectValid(kind: ResponseKind, data: unknown): void {
  const errors = v().errors(kind, data);
  expect(errors, `${kind}: ${JSON.stringify(errors?.slice(0, 5), null, 1)}`).toBeNull();
}

/** A Page wrapper whose items all validate as `item`. */
export function expectValidPage(item: ResponseKind, page: { contents?: unknown[] }): void {
  const errors = v().errors('page', page);
  expect(errors, `page: ${JSON.stringify(errors, null, 1)}`).toBeNull();
  for (const x of page.contents ?? []) expectValid(item, x);
}
