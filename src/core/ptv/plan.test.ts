/**
 * The import's plan on its own, without a database: generated PTV records read from memory, and a directory kept
 * in memory that "applies" a plan as the write phase would (every planned record written, deactivations made).
 */
import { describe, expect, it } from 'vitest';
import { generatePtv } from './generate.js';
import { stateKey, type RecordState } from './importTypes.js';
import { ptvKey } from './mapping.js';
import { planImport, type DirectoryState, type ImportPlan } from './plan.js';
import { readSource } from './read.js';
import { recordsOf, type PtvSource } from './source.js';

type Raw = Record<string, unknown>;

const SET_A = 'files:/ptv/weekly';
const SET_B = 'files:/ptv/changes-today.json';

function generated(services: number, seed = 1): Raw[] {
  return generatePtv({ services, seed }).files.flatMap((f) => recordsOf(JSON.parse(f.content)) ?? []);
}
const copy = <T>(v: T): T => structuredClone(v);
const byId = (records: Raw[], id: string) => records.find((r) => r.id === id)!;
const ofKind = (records: Raw[], test: (r: Raw) => boolean) => records.filter(test);
const isService = (r: Raw) => 'serviceNames' in r;
const isPlace = (r: Raw) => r.serviceChannelType === 'ServiceLocation';
const isPhone = (r: Raw) => r.serviceChannelType === 'Phone';
const isOrg = (r: Raw) => 'organizationType' in r && !('serviceNames' in r);

function source(name: string, records: Raw[], complete = true): PtvSource {
  return {
    name,
    complete,
    async *read() {
      for (const record of records) yield { origin: 'memory.json', record };
    },
  };
}

/** A directory in memory: what the write and deactivate phases would leave behind. */
class MemoryDirectory implements DirectoryState {
  records = new Map<string, RecordState>();
  organizations = new Set<string>();
  locations = new Set<string>();
  stored = new Map<string, Raw>();

  get channelServices(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [k, data] of this.stored) {
      if (!k.startsWith('channel:')) continue;
      const ids = ((data.services as { service?: { id?: string } }[]) ?? [])
        .map((s) => s.service?.id?.toLowerCase())
        .filter((x): x is string => !!x);
      out.set(k.slice('channel:'.length), ids);
    }
    return out;
  }
  storedRecords(kind: string, ids: string[]): Promise<Map<string, Raw>> {
    const out = new Map<string, Raw>();
    for (const id of ids) {
      const data = this.stored.get(stateKey(kind, id));
      if (data) out.set(id, data);
    }
    return Promise.resolve(out);
  }
  servicesNaming(channelIds: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const [k, data] of this.stored) {
      if (!k.startsWith('service:')) continue;
      const named = ((data.serviceChannels as { serviceChannel?: { id?: string } }[]) ?? []).map((c) =>
        c.serviceChannel?.id?.toLowerCase(),
      );
      if (named.some((c) => c && channelIds.includes(c))) out.push(k.slice('service:'.length));
    }
    return Promise.resolve(out);
  }
  apply(plan: ImportPlan): this {
    for (const p of [...plan.organizations, ...plan.channels, ...plan.services]) {
      this.records.set(stateKey(p.kind, p.id), {
        written_hash: p.hash,
        source_hash: p.sourceHash,
        status: 'active',
        source_set: p.sourceSet,
      });
      this.stored.set(stateKey(p.kind, p.id), p.data);
    }
    for (const p of plan.organizations) this.organizations.add(p.id);
    for (const o of plan.referencedOrganizations) this.organizations.add(o.id);
    for (const p of plan.channels) if (p.input) this.locations.add(p.input.key);
    for (const d of plan.deactivations) {
      const st = this.records.get(stateKey(d.kind, d.id))!;
      st.status = 'inactive';
      if (d.publishingStatus !== undefined) st.source_set = plan.sourceSet;
    }
    return this;
  }
}

async function plan(dir: MemoryDirectory, set: string, records: Raw[], complete = true): Promise<ImportPlan> {
  return planImport(await readSource(source(set, records, complete)), dir, set);
}
const ids = (list: { id: string }[]) => list.map((p) => p.id).sort();

describe('the PTV import plan', () => {
  const records = generated(12);
  const services = ofKind(records, isService);
  const orgs = ofKind(records, isOrg);
  const channels = ofKind(records, (r) => 'serviceChannelType' in r);

  it('plans every record of a first import as created, in order: organisations, channels, services', async () => {
    const p = await plan(new MemoryDirectory(), SET_A, records);
    expect(p.failures).toEqual([]);
    expect(ids(p.organizations)).toEqual(ids(orgs as { id: string }[]));
    expect(ids(p.channels)).toEqual(ids(channels as { id: string }[]));
    expect(ids(p.services)).toEqual(ids(services as { id: string }[]));
    for (const r of [...p.organizations, ...p.channels, ...p.services]) {
      expect(r.change).toBe('create');
      expect(r.sourceSet).toBe(SET_A);
    }
    expect([p.unchanged, p.deactivations.length, p.seenAgain.length, p.referencedOrganizations.length]).toEqual([
      0, 0, 0, 0,
    ]);
    // Places become locations; a service names its places and needs its channels and organisations written first.
    const place = p.channels.find((c) => c.input)!;
    expect(place.input?.key).toBe(ptvKey(place.id));
    const served = (byId(records, place.id).services as { service: { id: string } }[])[0]!.service.id;
    const service = p.services.find((s) => s.id === served)!;
    expect(service.input.input.locationKeys).toContain(ptvKey(place.id));
    expect(service.requires).toContain(stateKey('channel', place.id));
    expect(service.requires).toContain(stateKey('organization', service.input.input.organizationKey.slice(4)));
  });

  it('adds an organisation known only from a reference, its type read from its name', async () => {
    const withRef = copy(records);
    const s = withRef.find(isService)!;
    const ref = '0b0c0d0e-0000-4000-8000-000000000001';
    (s.organizations as unknown[]).push({
      organization: { id: ref, name: 'Esimerkin seurakunta' },
      roleType: 'OtherResponsible',
    });
    const p = await plan(new MemoryDirectory(), SET_A, withRef);
    expect(p.referencedOrganizations).toEqual([
      { id: ref, origin: 'memory.json', input: expect.objectContaining({ key: ptvKey(ref), type: 'parish' }) },
    ]);
  });

  it('plans nothing for the same records again, and only bookkeeping for a change the directory does not show', async () => {
    const dir = new MemoryDirectory();
    dir.apply(await plan(dir, SET_A, records));
    const again = await plan(dir, SET_A, records);
    expect([again.organizations, again.channels, again.services, again.deactivations]).toEqual([[], [], [], []]);
    expect(again.unchanged).toBe(records.length);
    expect(again.seenAgain).toHaveLength(records.length);

    const touched = copy(records);
    const s = touched.find(isService)!;
    s.modified = '2027-01-01T00:00:00'; // not shown by the directory
    const p = await plan(dir, SET_A, touched);
    expect(p.services.map((x) => [x.id, x.change])).toEqual([[s.id, 'bookkeeping']]);
    expect(p.unchanged).toBe(records.length);
    // The same records in another order hash the same.
    expect((await plan(dir, SET_A, [...records].reverse())).services).toEqual([]);
  });

  it('updates a changed record in place', async () => {
    const dir = new MemoryDirectory();
    dir.apply(await plan(dir, SET_A, records));
    const changed = copy(records);
    const s = changed.find(isService)!;
    (s.serviceDescriptions as { value: string }[])[0]!.value = 'Uusi tiivistelmä.';
    const p = await plan(dir, SET_A, changed);
    expect(p.services.map((x) => [x.id, x.change])).toEqual([[s.id, 'update']]);
    expect(p.services[0]!.input.input.summary?.fi).toBe('Uusi tiivistelmä.');
    expect(p.unchanged).toBe(records.length - 1);
  });

  it('a channel changed in another source set re-plans its services from the directory, in their own set', async () => {
    const dir = new MemoryDirectory();
    dir.apply(await plan(dir, SET_A, records));
    const phone = copy(channels.find((c) => isPhone(c) && (c.services as unknown[]).length)!);
    (phone.phoneNumbers as { number: string }[])[0]!.number = '401234567';
    const p = await plan(dir, SET_B, [phone]);
    expect(p.channels.map((c) => [c.id, c.change, c.sourceSet])).toEqual([[phone.id, 'update', SET_B]]);
    const served = (phone.services as { service: { id: string } }[]).map((x) => x.service.id).sort();
    expect(ids(p.services)).toEqual(served);
    for (const s of p.services) {
      expect(s.change).toBe('update');
      expect(s.sourceSet).toBe(SET_A);
      expect(s.origin).toBe('the directory (a connected channel changed)');
      expect(s.input.input.phones?.map((x) => x.number)).toContain('+358 401234567');
    }
    // A complete read of set B holds nothing else of set B: nothing leaves.
    expect(p.deactivations).toEqual([]);
  });

  it('deactivates what is unpublished, and what a complete read no longer has; an incomplete read only the first', async () => {
    const dir = new MemoryDirectory();
    dir.apply(await plan(dir, SET_A, records));
    const [gone, deleted] = services as [Raw, Raw];
    const next = copy(records).filter((r) => r.id !== gone.id);
    byId(next, deleted.id as string).publishingStatus = 'Deleted';

    const p = await plan(dir, SET_A, next);
    expect(p.deactivations).toEqual(
      expect.arrayContaining([
        { kind: 'service', id: gone.id, why: 'absent from a complete read of its source set' },
        { kind: 'service', id: deleted.id, why: 'publishing status Deleted', publishingStatus: 'Deleted' },
      ]),
    );
    expect(p.deactivations).toHaveLength(2);
    expect(p.services).toEqual([]);

    const partial = await plan(dir, SET_A, next, false);
    expect(partial.deactivations).toEqual([
      { kind: 'service', id: deleted.id, why: 'publishing status Deleted', publishingStatus: 'Deleted' },
    ]);
    expect(partial.notes).toContain(
      'not every part of the source could be read: records absent from it were not deactivated',
    );

    // Once inactive, an unpublished record is nothing to do (unchanged); one never imported is not imported.
    dir.apply(p);
    const again = await plan(dir, SET_A, next);
    expect(again.deactivations).toEqual([]);
    expect(again.unchanged).toBe(records.length - 1);
    const stranger = copy(deleted);
    stranger.id = '0b0c0d0e-0000-4000-8000-000000000002';
    stranger.publishingStatus = 'Draft';
    const fresh = await plan(new MemoryDirectory(), SET_A, [stranger]);
    expect([fresh.services, fresh.deactivations, fresh.unchanged]).toEqual([[], [], 1]);
  });

  it('takes a place that left off the services it served', async () => {
    const dir = new MemoryDirectory();
    dir.apply(await plan(dir, SET_A, records));
    const next = copy(records);
    const place = next.find((c) => isPlace(c) && (c.services as unknown[]).length)!;
    place.publishingStatus = 'Deleted';
    const p = await plan(dir, SET_A, next);
    expect(p.deactivations).toEqual([
      { kind: 'channel', id: place.id, why: 'publishing status Deleted', publishingStatus: 'Deleted' },
    ]);
    const served = (place.services as { service: { id: string } }[]).map((x) => x.service.id).sort();
    expect(ids(p.services)).toEqual(served);
    for (const s of p.services) expect(s.input.input.locationKeys).not.toContain(ptvKey(place.id as string));
  });

  it('fails a record that cannot be mapped, alone; a place whose organisation is unknown, too', async () => {
    const broken = copy(records);
    const s = broken.find(isService)!;
    s.serviceNames = [{ language: 'en', value: 'Only in English', type: 'Name' }];
    const place = broken.find(isPlace)!;
    place.organizationId = '0b0c0d0e-0000-4000-8000-000000000003';
    const p = await plan(new MemoryDirectory(), SET_A, broken);
    expect(p.failures).toEqual(
      expect.arrayContaining([
        { kind: 'service', id: s.id, origin: 'memory.json', reason: 'service has no name in Finnish or Swedish' },
        {
          kind: 'channel',
          id: place.id,
          origin: 'memory.json',
          reason:
            'unknown organisation 0b0c0d0e-0000-4000-8000-000000000003 (not in the import and not in the directory)',
        },
      ]),
    );
    expect(p.services.map((x) => x.id)).not.toContain(s.id);
    expect(p.services).toHaveLength(services.length - 1);
    expect(p.channels.map((x) => x.id)).not.toContain(place.id);
  });
});
