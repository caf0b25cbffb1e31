/** Open Referral HSDS 3.0 API under /hsds (issue 3). Filled in by the HSDS capability (src/core/hsds/). */
import type { FastifyInstance } from 'fastify';

export async function hsdsApiRoutes(_app: FastifyInstance): Promise<void> {}
