import { describe, expect, it } from 'vitest';
import { changesSeen, ServiceMemo, servicesChanged } from './memo.js';

describe('ServiceMemo', () => {
  const kept = (m: ServiceMemo<string>, ...ids: string[]) => ids.filter((id) => m.get(id) !== undefined);
  const filled = (...ids: string[]) => {
    const m = new ServiceMemo<string>(100);
    for (const id of ids) m.set(id, `card ${id}`, changesSeen(), Date.now());
    return m;
  };

  it('forgets the services a change names and keeps the others', () => {
    const m = filled('a', 'b', 'c');
    servicesChanged(['b']);
    expect(kept(m, 'a', 'b', 'c')).toEqual(['a', 'c']);
    servicesChanged([]);
    expect(kept(m, 'a', 'c')).toEqual(['a', 'c']);
  });

  it('forgets everything for a change that names no services, or more than it lists', () => {
    const m = filled('a', 'b');
    servicesChanged(null);
    expect(kept(m, 'a', 'b')).toEqual([]);
    const n = filled('a', 'b');
    servicesChanged(Array.from({ length: 5001 }, (_, i) => `x${i}`));
    expect(kept(n, 'a', 'b')).toEqual([]);
  });

  it('forgets everything when it fell behind the changes kept', () => {
    const m = filled('a', 'b');
    for (let i = 0; i < 300; i++) servicesChanged([`other ${i}`]);
    expect(kept(m, 'a', 'b')).toEqual([]);
    const n = filled('a', 'b');
    for (let i = 0; i < 200; i++) servicesChanged([`other ${i}`]);
    expect(kept(n, 'a', 'b')).toEqual(['a', 'b']);
  });

  it('does not keep a value read while a change came', () => {
    const m = new ServiceMemo<string>(100);
    const from = changesSeen();
    servicesChanged(['a']);
    m.set('a', 'read before the change', from, Date.now());
    m.set('b', 'read before another change', from, Date.now());
    expect(kept(m, 'a', 'b')).toEqual([]);
    m.set('a', 'read after', changesSeen(), Date.now());
    expect(m.get('a')).toBe('read after');
  });

  it('keeps a value for 30 seconds at most, and at most its bound', () => {
    const m = new ServiceMemo<string>(2);
    m.set('old', 'x', changesSeen(), Date.now() - 31_000);
    expect(m.get('old')).toBeUndefined();
    for (const id of ['a', 'b', 'c']) m.set(id, id, changesSeen(), Date.now());
    expect(kept(m, 'a', 'b', 'c')).toEqual(['b', 'c']);
  });
});
