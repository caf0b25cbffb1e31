import type { FastifyInstance } from 'fastify';

/** Not yet built: being written (issue 4). */
export async function editingApiRoutes(_app: FastifyInstance): Promise<void> {}
