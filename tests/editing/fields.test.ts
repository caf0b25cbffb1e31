/** The pure parts of editing: tidying records, differences, the three-way update of a draft, the twelve months. */
import { describe, expect, it } from 'vitest';
import { isStaleDate, twelveMonthsBefore } from '../../src/core/editing/dates.js';
import {
  applyPatch,
  diffRecords,
  normalize,
  sameRecord,
  SERVICE_FIELDS,
  threeWayMerge,
} from '../../src/core/editing/fields.js';
import { patchFromForm } from '../../src/core/editing/forms.js';
import type { ServiceDraftData } from '../../src/core/editing/types.js';
import { readForm } from '../../src/http/forms.js';

const base = normalize<ServiceDraftData>(SERVICE_FIELDS, {
  name: { fi: 'Perhekahvila', sv: 'Familjecafé' },
  summary: { fi: 'Kahvila vauvaperheille.' },
  languages: ['sv', 'fi'],
  modes: ['in_person'],
  fee: 'free',
  access: 'no_referral',
  areas: ['149'],
  lifeSituations: ['meeting_others', 'baby'],
  hours: [{ days: ['WE'], opens: '09:30', closes: '11:30', note: {} }],
});

describe('editing fields', () => {
  it('tidies a record: trimmed text without empty languages, lists in a fixed order, empty rows dropped', () => {
    const r = normalize<ServiceDraftData>(SERVICE_FIELDS, {
      name: { fi: '  Kerho ', sv: '', en: '   ' },
      languages: ['sv', 'fi', 'sv'],
      modes: ['phone', 'in_person'],
      ageMin: 3,
      hours: [
        { days: ['FR', 'MO'], opens: '08:00', closes: '12:00' },
        { days: [], opens: '', closes: '', note: { fi: '' } },
      ],
      phones: [{ number: '', note: {} }],
      unknown: 'ignored',
    });
    expect(r.name).toEqual({ fi: 'Kerho' });
    expect(r.languages).toEqual(['fi', 'sv']);
    expect(r.modes).toEqual(['in_person', 'phone']);
    expect(r.ageMin).toBe('3');
    expect(r.hours).toEqual([{ days: ['MO', 'FR'], opens: '08:00', closes: '12:00', note: {} }]);
    expect(r.phones).toEqual([]);
    expect(r).not.toHaveProperty('unknown');
    expect(base.languages).toEqual(['fi', 'sv']);
    expect(sameRecord(SERVICE_FIELDS, base, normalize(SERVICE_FIELDS, JSON.parse(JSON.stringify(base))))).toBe(true);
  });

  it('diffs text by words and language, lists by item, rows by row', () => {
    const after = applyPatch(SERVICE_FIELDS, base, {
      summary: { fi: 'Kahvila kaikille vauvaperheille.', sv: 'Café för babyfamiljer.' },
      languages: ['fi'],
      lifeSituations: ['baby', 'parenting'],
      hours: [{ days: ['WE'], opens: '09:30', closes: '12:00', note: {} }],
    });
    const changes = diffRecords(SERVICE_FIELDS, base, after);
    expect(changes.map((c) => `${c.field}${c.kind === 'text' ? `.${c.lang}` : ''}`)).toEqual([
      'summary.fi',
      'summary.sv',
      'languages',
      'lifeSituations',
      'hours',
    ]);
    const fi = changes[0]!;
    expect(fi.kind === 'text' && fi.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['kaikille']);
    expect(changes[2]).toMatchObject({ kind: 'list', removed: ['sv'], added: [], kept: ['fi'] });
    expect(changes[3]).toMatchObject({
      kind: 'list',
      removed: ['meeting_others'],
      added: ['parenting'],
      kept: ['baby'],
    });
    expect(changes[4]).toMatchObject({ kind: 'hours', removed: [{ closes: '11:30' }], added: [{ closes: '12:00' }] });
    expect(diffRecords(SERVICE_FIELDS, base, base)).toEqual([]);
  });

  it("brings a draft up to date: untouched fields take the published value, the editor's changes stay, clashes are named", () => {
    const draft = applyPatch(SERVICE_FIELDS, base, {
      summary: { fi: 'Eevan teksti.' },
      modes: ['in_person', 'online'],
    });
    const current = applyPatch(SERVICE_FIELDS, base, {
      summary: { fi: 'Julkaistu teksti.', sv: 'Ny svensk text.' },
      email: 'kahvila@example.fi',
      modes: ['phone'],
    });
    const { merged, conflicts } = threeWayMerge(SERVICE_FIELDS, base, draft, current);
    expect(merged.summary).toEqual({ fi: 'Eevan teksti.', sv: 'Ny svensk text.' });
    expect(merged.email).toBe('kahvila@example.fi');
    expect(merged.modes).toEqual(['in_person', 'online']);
    expect(conflicts.sort()).toEqual(['modes', 'summary']);
  });

  it('reads an editing form into a patch, leaving out read-only fields', () => {
    const patch = patchFromForm(
      'service',
      readForm({
        'name.fi': 'Kerho',
        'name.sv': 'Klubb',
        languages: 'fi',
        'hours[0].days': ['MO', 'TU'],
        'hours[0].opens': '08:00',
        'hours[0].closes': '10:00',
        'hours[2].opens': '12:00',
        'phones[0].number': '+358 40 000 0000',
        'networkNote.fi': 'Huom.',
      }),
      ['hours'],
    );
    expect(patch.name).toEqual({ fi: 'Kerho', sv: 'Klubb', en: '' });
    expect(patch.languages).toEqual(['fi']);
    expect(patch.lifeSituations).toEqual([]);
    expect(patch).not.toHaveProperty('hours');
    expect(patch.phones).toEqual([{ number: '+358 40 000 0000', note: { fi: '', sv: '', en: '' } }]);
    const withHours = patchFromForm(
      'service',
      readForm({
        'hours[0].days': ['MO'],
        'hours[0].opens': '08:00',
        'hours[2].closes': '12:00',
      }),
    );
    expect((withHours.hours as unknown[]).length).toBe(2);
  });

  it('counts twelve months back in Helsinki dates', () => {
    expect(twelveMonthsBefore('2026-11-23')).toBe('2025-11-23');
    expect(twelveMonthsBefore('2028-02-29')).toBe('2027-02-28');
    expect(isStaleDate('2025-11-22', '2026-11-23')).toBe(true);
    expect(isStaleDate('2025-11-23', '2026-11-23')).toBe(false);
    expect(isStaleDate(null, '2026-11-23')).toBe(true);
  });
});
