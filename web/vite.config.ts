// Vite for web/: `npm run web` (dev server, against `npm start`) and
// `npm run web:build` (static files in web/dist). React's TSX is compiled by
// Vite itself (automatic JSX runtime); no React plugin is needed.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { localApi } from './local-api.js';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [localApi()],
  // client/ lives beside web/: the dev server may read it.
  server: { fs: { allow: [resolve(here, '..')] } },
  build: { outDir: resolve(here, 'dist'), emptyOutDir: true, reportCompressedSize: true },
});
