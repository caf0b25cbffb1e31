/** Programme tracking pages (issue 5): region overview, municipality plans, editing. Calls src/core/programme/. */
import type { FastifyInstance } from 'fastify';

export async function programmePageRoutes(_app: FastifyInstance): Promise<void> {}
