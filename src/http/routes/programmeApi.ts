/** Programme tracking JSON and CSV (issue 5), under /api/v1. Calls src/core/programme/. */
import type { FastifyInstance } from 'fastify';

export async function programmeApiRoutes(_app: FastifyInstance): Promise<void> {}
