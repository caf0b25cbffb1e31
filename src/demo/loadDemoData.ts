/**
 * Demo data: organisations, places and services drawn from the municipalities' LAPE plans (src/demo/data).
 * Loaded by key, so loading again updates in place and adds nothing twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { saveLocations, saveOrganizations, saveServices } from '../core/directory/saveRecords.js';
import type { DemoFile } from './types.js';
import { DEMO_DIR } from './paths.js';
import { loadDemoPlans, type DemoPlan } from './demoPlans.js';
import { loadDemoGuides } from './guides/demoGuides.js';
import { loadDemoChildImpact } from './childImpact/demoChildImpact.js';
import { loadDemoEvents } from './events/demoEvents.js';

export function readDemoFiles(dir = DEMO_DIR): DemoFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DemoFile);
}

export interface DemoSummary {
  organizations: number;
  locations: number;
  services: number;
}

/**
 * Loads `files` (the demo directory) and, with the demo organisations, the rest of the demo: the seed plans (read
 * ahead by the caller, or now), guides, child impact assessments, events.
 */
export async function loadDemoData(
  db: Kysely<DB>,
  files: DemoFile[] = readDemoFiles(),
  ahead: { plans?: DemoPlan[] } = {},
): Promise<DemoSummary> {
  const orgs = files.flatMap((f) => f.organizations);
  const locs = files.flatMap((f) => f.locations);
  const services = files.flatMap((f) => f.services);
  // One transaction, a few multi-row statements per table (the batch writers), one rebuild of the search documents.
  await db.transaction().execute(async (tx) => {
    await saveOrganizations(
      tx,
      orgs.map((o) => ({
        key: o.key,
        type: o.type,
        name: o.name,
        description: o.description,
        email: o.email,
        website: o.website,
        phone: o.phone,
        municipalityCode: o.municipality,
        source: 'demo',
      })),
    );
    await saveLocations(
      tx,
      locs.map((l) => ({
        key: l.key,
        organizationKey: l.org,
        name: l.name,
        street: l.street,
        postalCode: l.postalCode,
        city: l.city,
        municipalityCode: l.municipality,
        lat: l.lat,
        lon: l.lon,
        accessibility: l.accessibility,
        source: 'demo',
        hours: l.hours?.map((h) => ({ days: h.days, opens: h.opens, closes: h.closes, note: h.note })),
      })),
    );
    await saveServices(
      tx,
      services.map((s) => ({
        key: s.key,
        organizationKey: s.org,
        name: s.name,
        summary: s.summary,
        description: s.description,
        keywords: s.keywords,
        email: s.email,
        url: s.website,
        languages: s.languages,
        modes: s.modes,
        ageMin: s.ageMin,
        ageMax: s.ageMax,
        fee: s.fee,
        feeNote: s.feeNote,
        access: s.access,
        accessNote: s.accessNote,
        lastReviewed: s.lastReviewed,
        areas: s.area,
        lifeSituations: s.lifeSituations,
        serviceClasses: s.serviceClasses,
        targetGroups: s.targetGroups,
        phones: s.phones,
        locationKeys: s.locations,
        source: 'demo',
        hours: s.hours?.map((h) => ({ days: h.days, opens: h.opens, closes: h.closes, note: h.note })),
      })),
    );
  });
  await loadDemoPlans(db, ahead.plans); // the seed LAPE plans, when these are the demo organisations
  await loadDemoGuides(db); // the life-event guides (issue 14)
  await loadDemoChildImpact(db); // child impact assessments and UNICEF status (Raasepori, Hanko), marked demo
  await loadDemoEvents(db); // events and groups in the coming weeks, when these are the demo organisations
  return { organizations: orgs.length, locations: locs.length, services: services.length };
}

export async function directoryIsEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst();
  return !row;
}
