/**
 * The compilers of route schemas (Fastify's own: @fastify/ajv-compiler for what comes in, fast-json-stringify for
 * what goes out), shared by every app this process builds and kept by schema.
 *
 * Fastify makes new compilers for each app and compiles every route's schemas again: about a second of the
 * ~1.5 s an app takes to build. One process builds many apps in the tests (and in a test of two instances), all
 * from the same route schemas. A compiled validator or serializer depends only on its schema, the request part or
 * answer it is for, and the compiler's options and shared schemas, so it is kept under exactly those and reused.
 * A process that builds one app (the server) compiles just as before.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type Compile<R> = (route: { schema: unknown; httpPart?: string; httpStatus?: string; contentType?: string }) => R;
type Factory<R> = (externalSchemas: unknown, options: unknown) => Compile<R>;

/** Wraps a compiler factory: one cache per set of shared schemas and options, each compiled schema kept in it. */
function keptByKey<R>(factory: Factory<R>): Factory<R> {
  const caches = new Map<string, Map<string, R>>();
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

/** Fastify's `schemaController` option. */
export const sharedSchemaCompilers = {
  compilersFactory: {
    buildValidator: keptByKey(AjvCompiler() as unknown as Factory<unknown>),
    buildSerializer: keptByKey(SerializerSelector() as unknown as Factory<unknown>),
  },
};
