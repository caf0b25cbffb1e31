/** Organisations and actors for the programme tests: municipality organisations of Raasepori and Hanko, a county. */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import type { Actor } from '../../src/core/access/permissions.js';
import { saveOrganization } from '../../src/core/directory/saveRecords.js';
import type { AuditContext } from '../../src/core/audit/auditLog.js';

export interface ProgrammeOrgs {
  raasepori: string;
  hanko: string;
  inkoo: string;
  county: string;
  askola: string;
}

export async function addProgrammeOrgs(db: Kysely<DB>): Promise<ProgrammeOrgs> {
  return {
    raasepori: await saveOrganization(db, {
      key: 'p-raasepori',
      type: 'municipality',
      name: { fi: 'Raaseporin kaupunki', sv: 'Raseborgs stad' },
      municipalityCode: '710',
    }),
    hanko: await saveOrganization(db, {
      key: 'p-hanko',
      type: 'municipality',
      name: { fi: 'Hangon kaupunki', sv: 'Hangö stad' },
      municipalityCode: '078',
    }),
    inkoo: await saveOrganization(db, {
      key: 'p-inkoo',
      type: 'municipality',
      name: { fi: 'Inkoon kunta', sv: 'Ingå kommun' },
      municipalityCode: '149',
    }),
    askola: await saveOrganization(db, {
      key: 'p-askola',
      type: 'municipality',
      name: { fi: 'Askolan kunta' },
      municipalityCode: '018',
    }),
    county: await saveOrganization(db, {
      key: 'p-county',
      type: 'wellbeing_county',
      name: { fi: 'Länsi-Uudenmaan hyvinvointialue' },
      municipalityCode: '710',
    }),
  };
}

const base = { name: 'Test Person', email: 't@x.fi', systemRole: null, memberships: [], teams: [] } as const;
export const actor = (over: Partial<Actor> & { personId: string }): Actor => ({
  ...base,
  memberships: [],
  teams: [],
  ...over,
});
export const ctxOf = (a: Actor | null): AuditContext =>
  a ? { actor: a } : { actor: null, actorName: 'command line (test)' };
export const CLI: AuditContext = { actor: null, actorName: 'command line (test)' };
