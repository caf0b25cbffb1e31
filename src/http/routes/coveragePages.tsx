/** Service coverage (issue 5): municipality × life situation, by language and mode. Calls src/core/coverage/. */
import type { FastifyInstance } from 'fastify';

export async function coveragePageRoutes(_app: FastifyInstance): Promise<void> {}
