/**
 * One app per suite for the administration tests: the directory fixture, a real SMTP server, and a cast of people
 * with different roles in Askola and Hanko.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { idFromKey } from '../../src/core/shared/ids.js';
import { loadDemoData } from '../../src/demo/loadDemoData.js';
import { addTestPerson } from '../support/agent.js';
import { testApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase, type TestDbKind } from '../support/databases.js';
import { directoryFixture } from '../support/fixtures.js';
import { startMailbox, type Mailbox } from '../support/mailbox.js';

export const askola = idFromKey('organization', 't-askola');
export const hanko = idFromKey('organization', 't-hanko');

export const PEOPLE = {
  admin: 'admin@yhdessa.test',
  coordinator: 'coordinator@yhdessa.test',
  askolaAdmin: 'oa@askola.test',
  hankoAdmin: 'oa@hanko.test',
  editor: 'editor@askola.test',
  member: 'member@askola.test',
  hankoMember: 'member@hanko.test',
  both: 'both@askola.test',
  nobody: 'nobody@yhdessa.test',
} as const;

export interface AdminSuite {
  d: TestDatabase;
  app: FastifyInstance;
  mailbox: Mailbox;
  ids: Record<keyof typeof PEOPLE, string>;
}

export function useAdminSuite(kind: TestDbKind): AdminSuite {
  const s = {} as AdminSuite;
  beforeAll(async () => {
    s.d = await createTestDatabase(kind);
    await loadDemoData(s.d.db, [directoryFixture()]);
    s.mailbox = await startMailbox();
    s.app = await testApp(s.d, { SMTP_URL: s.mailbox.url, AUTH_RATE_LIMIT: '10000' });
    const db = s.d.db;
    s.ids = {
      admin: await addTestPerson(db, { email: PEOPLE.admin, name: 'Aino Admin', systemRole: 'admin' }),
      coordinator: await addTestPerson(db, {
        email: PEOPLE.coordinator,
        name: 'Kaisa Koordinaattori',
        systemRole: 'coordinator',
      }),
      askolaAdmin: await addTestPerson(db, {
        email: PEOPLE.askolaAdmin,
        name: 'Olli Askola',
        memberships: [{ organizationId: askola, role: 'org_admin' }],
      }),
      hankoAdmin: await addTestPerson(db, {
        email: PEOPLE.hankoAdmin,
        name: 'Hanna Hanko',
        memberships: [{ organizationId: hanko, role: 'org_admin' }],
      }),
      editor: await addTestPerson(db, {
        email: PEOPLE.editor,
        name: 'Eeva Editori',
        memberships: [{ organizationId: askola, role: 'editor' }],
      }),
      member: await addTestPerson(db, {
        email: PEOPLE.member,
        name: 'Maija Jäsen',
        memberships: [{ organizationId: askola, role: 'member' }],
      }),
      hankoMember: await addTestPerson(db, {
        email: PEOPLE.hankoMember,
        name: 'Henrik Hangö',
        memberships: [{ organizationId: hanko, role: 'member' }],
      }),
      both: await addTestPerson(db, {
        email: PEOPLE.both,
        name: 'Bea Molemmat',
        memberships: [
          { organizationId: askola, role: 'member' },
          { organizationId: hanko, role: 'member' },
        ],
      }),
      nobody: await addTestPerson(db, { email: PEOPLE.nobody, name: 'Niko Ei-ketään' }),
    };
  });
  afterAll(async () => {
    await s.app?.close();
    await s.mailbox?.close();
    await s.d?.dispose();
  });
  return s;
}

/**
 * For the describe block that calls it: the suite `s` on a database, mailbox and app of their own (the same cast of
 * people, with their own ids), for tests that change what the suite's other tests read; `s` is the shared suite
 * again after them.
 */
export function useOwnAdminSuite(s: AdminSuite, kind: TestDbKind): void {
  const own = useAdminSuite(kind);
  let shared: AdminSuite;
  beforeAll(() => {
    shared = { ...s };
    Object.assign(s, own);
  });
  afterAll(() => {
    Object.assign(s, shared);
  });
}

/** The path and query of a link in a mail (the app's public address is http://yhdessa.test). */
export const pathOf = (link: string) => {
  const u = new URL(link);
  return `${u.pathname}${u.search}`;
};
