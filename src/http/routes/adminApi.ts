import type { FastifyInstance } from 'fastify';

/** Not yet built: being written (issue 4). */
export async function adminApiRoutes(_app: FastifyInstance): Promise<void> {}
