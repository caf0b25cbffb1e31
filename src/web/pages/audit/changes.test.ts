import { describe, expect, it } from 'vitest';
import { changeRows } from './changes.js';

describe('changeRows', () => {
  it('lists only the leaves that differ, by dotted path', () => {
    expect(
      changeRows(
        { name: { fi: 'A', sv: 'B' }, role: 'member' },
        { name: { fi: 'A', sv: 'C', en: 'D' }, role: 'member' },
      ),
    ).toEqual([
      { path: 'name.sv', before: 'B', after: 'C' },
      { path: 'name.en', before: undefined, after: 'D' },
    ]);
  });
  it('shows everything of a record made or removed', () => {
    expect(changeRows(null, { role: 'editor', languages: ['fi', 'sv'] })).toEqual([
      { path: 'role', before: undefined, after: 'editor' },
      { path: 'languages', before: undefined, after: ['fi', 'sv'] },
    ]);
    expect(changeRows({ status: 'active' }, undefined)).toEqual([
      { path: 'status', before: 'active', after: undefined },
    ]);
  });
  it('treats a missing value and null alike', () => {
    expect(changeRows({ phone: null }, {})).toEqual([]);
  });
});
