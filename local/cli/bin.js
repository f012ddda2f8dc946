#!/usr/bin/env node
// appsync-local: the command-line face of the local AppSync. The sources are
// TypeScript, run through tsx so a fresh clone needs no compile step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
