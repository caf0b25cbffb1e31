import { describe, expect, it } from 'vitest';
import { authorize, can, ForbiddenError, organizationsWhere, type Actor } from './permissions.js';

const base = {
  personId: 'p',
  name: 'P',
  email: 'p@x.fi',
  systemRole: null,
  memberships: [],
  teams: [],
} satisfies Actor;
const editorA: Actor = { ...base, memberships: [{ organizationId: 'A', role: 'editor' }] };
const memberB: Actor = {
  ...base,
  memberships: [{ organizationId: 'B', role: 'member' }],
  teams: [{ teamId: 'T', organizationId: 'B', role: 'member' }],
};
const adminA: Actor = { ...base, memberships: [{ organizationId: 'A', role: 'org_admin' }] };
const coordinator: Actor = { ...base, systemRole: 'coordinator' };
const admin: Actor = { ...base, systemRole: 'admin' };

describe('permissions', () => {
  it('grant an editor the services of their own organisation only', () => {
    expect(can(editorA, 'service.edit', { organizationId: 'A' })).toBe(true);
    expect(can(editorA, 'service.edit', { organizationId: 'B' })).toBe(false);
    expect(can(editorA, 'organization.manage', { organizationId: 'A' })).toBe(false);
    expect(can(editorA, 'audit.read')).toBe(false);
  });

  it('grant an organisation admin their organisation and its audit entries, nothing elsewhere', () => {
    expect(can(adminA, 'organization.manage', { organizationId: 'A' })).toBe(true);
    expect(can(adminA, 'audit.read', { organizationId: 'A' })).toBe(true);
    expect(can(adminA, 'audit.read', { organizationId: 'B' })).toBe(false);
    expect(organizationsWhere(adminA, 'audit.read')).toEqual(['A']);
    expect(can(adminA, 'organization.create')).toBe(false);
  });

  it('give a member the network but no editing; team roles apply within their team', () => {
    expect(can(memberB, 'network.read')).toBe(true);
    expect(can(memberB, 'service.edit', { organizationId: 'B' })).toBe(false);
    expect(can(memberB, 'network.read', { teamId: 'T' })).toBe(true);
    expect(can(memberB, 'network.read', { teamId: 'U' })).toBe(false);
  });

  it('let a coordinator read everywhere but change nothing; an admin may do everything', () => {
    expect(can(coordinator, 'audit.read', { organizationId: 'Z' })).toBe(true);
    expect(can(coordinator, 'freshness.read', { organizationId: 'Z' })).toBe(true);
    expect(can(coordinator, 'service.edit', { organizationId: 'Z' })).toBe(false);
    expect(organizationsWhere(coordinator, 'audit.read')).toBe('all');
    expect(can(admin, 'person.manage_all')).toBe(true);
    expect(can(admin, 'service.publish', { organizationId: 'Z' })).toBe(true);
  });

  it('refuse anyone without a session, and throw a ForbiddenError naming the permission', () => {
    expect(can(null, 'network.read')).toBe(false);
    expect(() => authorize(editorA, 'service.edit', { organizationId: 'B' })).toThrow(ForbiddenError);
    try {
      authorize(editorA, 'service.publish', { organizationId: 'B' });
    } catch (e) {
      expect((e as ForbiddenError).permission).toBe('service.publish');
      expect((e as ForbiddenError).scope).toEqual({ organizationId: 'B' });
    }
  });
});
