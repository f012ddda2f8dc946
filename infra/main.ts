// Entry point for `cdk synth` / `cdk deploy` (see cdk.json). Bundles must be
// built first: `npm run synth` and `npm run deploy` do that.
import { fileURLToPath } from 'node:url';
import { api } from '../resolvers/api.js';
import { createApp } from './app.js';

const root = fileURLToPath(new URL('..', import.meta.url));
createApp({ root, definition: api }).app.synth();
