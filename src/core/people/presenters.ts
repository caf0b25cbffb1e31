/** What the professional directory sends out as JSON: an entry with its organisations and teams. */
import type { DirectoryEntry, DirectoryPage } from './directory.js';

export const presentDirectoryEntry = (e: DirectoryEntry) => ({
  id: e.id,
  name: e.name,
  email: e.email,
  title: e.title,
  phone: e.phone,
  languages: e.languages,
  organizations: e.organizations,
  teams: e.teams.map((t) => ({ id: t.id, name: t.name, organization_name: t.organizationName, role: t.role })),
});

/** One page of the directory. */
export const presentDirectoryPage = (r: DirectoryPage) => ({
  total: r.total,
  page: r.page,
  per_page: r.perPage,
  items: r.rows.map(presentDirectoryEntry),
});
