/**
 * Who keeps the guides: the regional coordinators (and administrators), who write for the whole region. The
 * guides are not any one organisation's, so the permission is held network-wide (`guide.edit`).
 */
import { authorize, can, type Actor } from '../access/permissions.js';

export const canEditGuides = (actor: Actor | null | undefined): boolean => can(actor, 'guide.edit');

export function authorizeGuideEdit(actor: Actor | null | undefined): asserts actor is Actor {
  authorize(actor, 'guide.edit');
}
