import type { FastifyInstance } from 'fastify';

/** Rate limit for the forms that anyone can send (per client address): sign-in, passwords, single sign-on. */
export const publicFormLimit = (app: FastifyInstance) => ({
  max: app.config.authRateLimit,
  timeWindow: '1 minute',
  allowList: [] as string[],
});
