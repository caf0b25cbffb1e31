/** One PTV record checked on its own: kind, id, the v11 shape, NUL characters, text caps and size. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatePtv } from './generate.js';
import { checkRecord, MAX_RECORD_CHARS, TEXT_CAPS } from './records.js';
import { recordsOf } from './source.js';

const FIXTURES = new URL('../../../tests/fixtures/ptv/', import.meta.url).pathname;
const sample = (file: string) => recordsOf(JSON.parse(readFileSync(FIXTURES + file, 'utf8')))!;
const service = () =>
  generatePtv({ services: 1, seed: 5 })
    .files.flatMap((f) => recordsOf(JSON.parse(f.content)) ?? [])
    .find((r) => 'serviceNames' in r)!;
const failure = (r: Record<string, unknown>) => {
  const c = checkRecord(r, 'x.json');
  if (c.ok) throw new Error('expected the record to fail');
  return c;
};

describe('checking one PTV record', () => {
  it('accepts the real samples as they are', () => {
    for (const f of [
      'v11_service_list_sample.json',
      'v11_servicechannel_servicelocation_otava.json',
      'v11_organization_otavia.json',
    ])
      for (const r of sample(f)) {
        const c = checkRecord(r, f);
        expect(c.ok, f).toBe(true);
        if (c.ok) {
          expect(c.record.data).toBe(r); // nothing to change: the same object
          expect(c.capped).toEqual([]);
        }
      }
  });

  it('refuses lists of the wrong type, saying where', () => {
    const s = service();
    expect(failure({ ...s, serviceChannels: 'x' })).toEqual({
      ok: false,
      kind: 'service',
      id: s.id,
      reason: 'not a PTV v11 service: serviceChannels must be array or null (is string)',
    });
    expect(failure({ ...s, organizations: 5 }).reason).toBe(
      'not a PTV v11 service: organizations must be array or null (is number)',
    );
    expect(failure({ ...s, serviceNames: [{ language: 'fi', value: 7, type: 'Name' }] }).reason).toBe(
      'not a PTV v11 service: serviceNames[0].value must be string or null (is number)',
    );
  });

  it('refuses a NUL character in the id, reporting the id without it', () => {
    const s = service();
    const f = failure({ ...s, id: `${String(s.id).slice(0, 35)}\u0000` });
    expect(f.id).not.toContain('\u0000');
    expect(f.id).toContain('\\u0000');
    expect(f.reason).toMatch(/^id ".*\\u0000" is not a PTV id \(UUID\)$/);
  });

  it('refuses a NUL character anywhere else', () => {
    const s = service();
    const names = [{ language: 'fi', value: 'Neuvola\u0000', type: 'Name' }];
    expect(failure({ ...s, serviceNames: names }).reason).toBe('a NUL character in serviceNames[0].value');
    expect(failure({ ...s, ['odd\u0000key']: 1 }).reason).toBe('a NUL character in odd\u0000key');
  });

  it('caps long texts: names, summaries and descriptions by their own caps', () => {
    const s = service();
    const huge = 'a'.repeat(5_000_000);
    const c = checkRecord(
      {
        ...s,
        serviceNames: [{ language: 'fi', value: 'N'.repeat(1000), type: 'Name' }],
        serviceDescriptions: [
          { language: 'fi', value: 'S'.repeat(1000), type: 'Summary' },
          { language: 'fi', value: huge, type: 'Description' },
        ],
      },
      'x.json',
    );
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    const d = c.record.data as { serviceNames: { value: string }[]; serviceDescriptions: { value: string }[] };
    expect(d.serviceNames[0]!.value).toHaveLength(TEXT_CAPS.name);
    expect(d.serviceDescriptions[0]!.value).toHaveLength(TEXT_CAPS.summary);
    expect(d.serviceDescriptions[1]!.value).toHaveLength(TEXT_CAPS.text);
    expect(d.serviceDescriptions[1]!.value.endsWith('a…')).toBe(true);
    expect(c.capped).toEqual([
      { field: 'serviceNames[0].value', length: 1000, cap: TEXT_CAPS.name },
      { field: 'serviceDescriptions[0].value', length: 1000, cap: TEXT_CAPS.summary },
      { field: 'serviceDescriptions[1].value', length: 5_000_000, cap: TEXT_CAPS.text },
    ]);
    // The caps leave PTV's own limits room: a 4 000-character description and a 100-character name stay whole.
    const ok = checkRecord(
      {
        ...s,
        serviceNames: [{ language: 'fi', value: 'N'.repeat(100), type: 'Name' }],
        serviceDescriptions: [{ language: 'fi', value: 'd'.repeat(4000), type: 'Description' }],
      },
      'x.json',
    );
    expect(ok.ok && ok.capped).toEqual([]);
  });

  it('does not cut between the halves of a character outside the BMP, and mends lone halves', () => {
    const s = service();
    const emoji = '👪'.repeat(TEXT_CAPS.name); // two UTF-16 units each
    const c = checkRecord(
      {
        ...s,
        serviceNames: [{ language: 'fi', value: emoji, type: 'Name' }],
        keywords: [{ language: 'fi', value: 'perhe\ud800' }],
      },
      'x.json',
    );
    if (!c.ok) throw new Error(c.reason);
    const d = c.record.data as { serviceNames: { value: string }[]; keywords: { value: string }[] };
    expect(d.serviceNames[0]!.value).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(d.serviceNames[0]!.value.endsWith('👪…')).toBe(true);
    expect(d.keywords[0]!.value).toBe('perhe\ufffd');
  });

  it('refuses a record too large even after the caps', () => {
    const s = service();
    const keywords = Array.from({ length: 5000 }, (_, i) => ({ language: 'fi', value: `${i}`.padEnd(240, 'x') }));
    const f = failure({ ...s, keywords });
    expect(f.reason).toMatch(/^record too large: 1\.\d million characters of text \(at most 1 million\)$/);
    expect(MAX_RECORD_CHARS).toBe(1_000_000);
  });

  it('says what is not a record or has no PTV id', () => {
    expect(failure({ id: 'x', foo: 1 })).toEqual({
      ok: false,
      kind: null,
      id: 'x',
      reason: 'not a PTV service, service channel or organisation',
    });
    expect(failure({ serviceNames: [] })).toMatchObject({
      kind: 'service',
      id: null,
      reason: 'id null is not a PTV id (UUID)',
    });
  });
});
