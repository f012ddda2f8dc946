#!/usr/bin/env node
// appsync-local: the command-line face of the local AppSync. In its own
// repository the TypeScript sources run as they are; the published package
// ships them compiled in dist/ (scripts/dist.ts). tsx is registered either way:
// an API definition passed with --definition may itself be TypeScript.
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const source = new URL('./main.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('../dist/cli/main.js', import.meta.url).href);
