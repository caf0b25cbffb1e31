#!/usr/bin/env node
// The yhdessa command. TypeScript runs through tsx's loader, so the checkout needs no build step.
import { register } from 'tsx/esm/api';

// Serving uses React's production build unless told otherwise (NODE_ENV=development shows React's warnings).
if (process.argv[2] === 'serve') process.env.NODE_ENV ??= 'production';

register();
await import('../src/cli/main.ts');
