// Types of index.js (plain JavaScript so that eslint.config.js can import it).
import type { ESLint, Linter } from 'eslint';

export declare const plugin: ESLint.Plugin;
export declare const configs: { bundle: Linter.Config; recommended: Linter.Config };
declare const _default: { plugin: ESLint.Plugin; configs: typeof configs };
export default _default;
