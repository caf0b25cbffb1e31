/**
 * Route schemas compiled when first used, not all at start. The app has some 500 routes; compiling every request
 * schema (Ajv) and response schema (fast-json-stringify) before listening took more than a second of each start and
 * of each test file's app. Fastify's own compilers do the work, with the same options: each route's validator and
 * serializer is built on its first request, and `compilePending` builds the rest in the background once the server
 * listens (so a broken schema still shows itself in the log at start, and first requests stay fast). What is
 * compiled is kept for the process, so another app of the same process (a test's) compiles nothing twice.
 *
 * One difference from Fastify's default: with a compiler factory of its own, Fastify no longer lower-cases the names
 * in `headers` schemas; name headers in lower case (as HTTP/2 and Node.js do).
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

/** Fastify's type for the factories (it names Ajv's own types; the functions below are what Fastify calls). */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

interface RouteSchema {
  schema: unknown;
  method?: string;
  url?: string;
  httpPart?: string;
  httpStatus?: string;
  contentType?: string;
}
type Validator = ((data: unknown, ctx?: unknown) => unknown) & { errors?: unknown; schemaEnv?: unknown };
type Serializer = (data: unknown) => string;
type Factory<F> = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => F;

// Fastify's default compilers, exactly the versions this Fastify depends on.
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
const ajvCompiler = fastifyRequire('@fastify/ajv-compiler') as () => Factory<Validator>;
const serializerSelector = fastifyRequire('@fastify/fast-json-stringify-compiler') as () => Factory<Serializer>;

export interface LazySchemaCompilers {
  compilersFactory: CompilersFactory;
  /**
   * Compiles what no request has needed yet, a few at a time between other work; resolves when all are built. A
   * schema that does not compile goes to onError (by default the promise rejects with it).
   */
  compilePending(onError?: (e: unknown) => void): Promise<void>;
  /** How many validators and serializers are still waiting to be compiled. */
  pending(): number;
}

/**
 * Wraps a compiler factory so that what it compiles is kept for the whole process: one cache per set of shared
 * schemas and options, each compiled schema kept under its request part or answer and its JSON. A compiled
 * validator or serializer depends on nothing else, and every app a process builds (the tests build many, from the
 * same route schemas) then compiles each schema once.
 */
function keptByKey<F>(factory: Factory<F>): Factory<F> {
  const caches = new Map<string, Map<string, F>>();
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    const poolKey = JSON.stringify([externalSchemas, options]);
    let cache = caches.get(poolKey);
    if (!cache) caches.set(poolKey, (cache = new Map()));
    const kept = cache;
    return (route) => {
      const key = JSON.stringify([route.httpPart, route.httpStatus, route.contentType, route.schema]);
      let fn = kept.get(key);
      if (fn === undefined) kept.set(key, (fn = compile(route)));
      return fn;
    };
  };
}

const defaultValidators = keptByKey(ajvCompiler());
const defaultSerializers = keptByKey(serializerSelector());

export function lazySchemaCompilers(): LazySchemaCompilers {
  const waiting = new Set<() => void>();

  const buildValidator: Factory<Validator> = (externalSchemas, options) => {
    const compile = defaultValidators(externalSchemas, options);
    return (route) => {
      let fn: Validator | undefined;
      const build = () => {
        waiting.delete(build);
        fn ??= compile(route);
        return fn;
      };
      const validate: Validator = (data, ctx) => {
        const f = build();
        const result = f(data, ctx);
        validate.errors = f.errors;
        return result;
      };
      // Fastify passes Ajv's context (which lets Ajv coerce a whole request part) only to functions that have this.
      validate.schemaEnv = true;
      waiting.add(build);
      return validate;
    };
  };

  const buildSerializer: Factory<Serializer> = (externalSchemas, options) => {
    const compile = defaultSerializers(externalSchemas, options);
    return (route) => {
      let fn: Serializer | undefined;
      const build = () => {
        waiting.delete(build);
        fn ??= compile(route);
        return fn;
      };
      waiting.add(build);
      return (data) => build()(data);
    };
  };

  return {
    compilersFactory: { buildValidator, buildSerializer } as unknown as CompilersFactory,
    pending: () => waiting.size,
    async compilePending(
      onError = (e: unknown) => {
        throw e;
      },
    ) {
      while (waiting.size) {
        let n = 0;
        for (const build of waiting) {
          try {
            build();
          } catch (e) {
            onError(e);
          }
          if (++n === 10) break;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
