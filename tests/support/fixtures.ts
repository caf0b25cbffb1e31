import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuditContext } from '../../src/core/audit/auditLog.js';
import type { ServiceInput } from '../../src/core/directory/types.js';
import type { DemoFile } from '../../src/demo/types.js';

export function directoryFixture(): DemoFile {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL('../fixtures/directory.json', import.meta.url)), 'utf8'),
  ) as DemoFile;
}

/** A service of the directory fixture's Askola organisation (t-askola-hva), with what a test changes. */
export function fixtureService(key: string, more: Partial<ServiceInput> = {}): ServiceInput {
  return {
    key,
    organizationKey: 't-askola-hva',
    name: { fi: `Palvelu ${key}` },
    summary: { fi: 'Testipalvelu.' },
    areas: ['018'],
    languages: ['fi'],
    modes: ['in_person'],
    lifeSituations: ['baby'],
    fee: 'free',
    access: 'no_referral',
    ...more,
  };
}

/** A system administrator calling the core directly (no person row needed: nothing they do here refers to one). */
export const adminContext = {
  actor: {
    personId: '00000000-0000-4000-8000-00000000ad01',
    name: 'Test Admin',
    email: 'admin@test.invalid',
    systemRole: 'admin' as const,
    memberships: [],
    teams: [],
  },
} satisfies AuditContext;
