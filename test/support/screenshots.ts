// Where the browser tests save their screenshots. A test run must leave the
// tree clean, so by default they go to the ignored .screenshots/ folder;
// `npm run docs:screenshots` sets DOCS_SCREENSHOTS=1 to refresh the committed
// ones under docs/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The path to save the screenshot `name` (e.g. 'console.png') to; its folder exists. */
export function screenshotPath(name: string): string {
  const dir = process.env.DOCS_SCREENSHOTS === '1' ? join(root, 'docs') : join(root, '.screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
