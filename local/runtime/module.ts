// Turns a bundled APPSYNC_JS ES module into the body of a factory function:
// imports of @aws-appsync/utils(/dynamodb) read from the factory's argument,
// exports become its return value. Calling the factory again gives fresh
// module-level state, so evaluations never share it.
import { parse } from 'acorn';

const MODULES = new Set(['@aws-appsync/utils', '@aws-appsync/utils/dynamodb', '@aws-appsync/utils/rds', '@aws-appsync/utils/ai']);

interface Node {
  type: string;
  start: number;
  end: number;
  // The AST is walked generically (any node type, any child key).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** Name of the time-limit probe; code that mentions it is refused so it cannot be shadowed. */
export const TICK = '__appsync_tick';
/** Identifiers with this prefix belong to the runtime; code that uses them is refused. */
const RESERVED = '__appsync_';
/** Name of the spread check (builtins/limits.js spread()). */
const SPREAD = '__appsync_spread';
/** Name of the string-length check on concatenations (builtins/runner.js cap()). */
const CAP = '__appsync_cap';

type Edit = { start: number; end: number; text: string };

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const key of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') walk(c as Node, visit);
    } else if (v && typeof v === 'object' && typeof (v as Node).type === 'string') walk(v as Node, visit);
  }
}

/**
 * Calls the time-limit probe on entry to every function and every loop
 * iteration: the only ways APPSYNC_JS code can run long (the language rules
 * already forbid while, for(;;) and direct recursion). Cheaper than a V8
 * watchdog thread per evaluation, which costs ~100 µs each time.
 */
function probes(ast: Node): Edit[] {
  const edits: Edit[] = [];
  const call = `${TICK}();`;
  walk(ast, (n) => {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') {
      const body = n.body as Node;
      if (body.type === 'BlockStatement') edits.push({ start: body.start + 1, end: body.start + 1, text: call });
      else {
        edits.push({ start: body.start, end: body.start, text: `(${TICK}(), ` });
        edits.push({ start: body.end, end: body.end, text: ')' });
      }
    } else if (n.type === 'ForOfStatement' || n.type === 'ForInStatement' || n.type === 'ForStatement' || n.type === 'WhileStatement' || n.type === 'DoWhileStatement') {
      const body = n.body as Node;
      if (body.type === 'BlockStatement') edits.push({ start: body.start + 1, end: body.start + 1, text: call });
      else {
        edits.push({ start: body.start, end: body.start, text: `{${call} ` });
        edits.push({ start: body.end, end: body.end, text: '}' });
      }
    }
  });
  return edits;
}

/**
 * Syntax that would schedule code to run after the evaluation (outside its
 * time limit) or reach a module loader. The language check refuses it first
 * (check.ts); this is the runtime's own guarantee, whatever the check says.
 */
function refuseDeferred(ast: Node, file: string): void {
  walk(ast, (n) => {
    const what =
      n.type === 'ImportExpression' ? 'dynamic import()'
      : n.type === 'MetaProperty' ? 'import.meta'
      : n.type === 'AwaitExpression' ? 'await'
      : (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') && (n.async || n.generator) ? 'async and generator functions'
      : null;
    if (what) throw new Error(`${file}: ${what} is not supported in APPSYNC_JS`);
  });
}

/**
 * Routes what is spread into an array or a call, and what is destructured
 * with a rest element, through the size check: V8 copies every element of a
 * sparse array (`a.length = 4e9`) in one step, where no probe runs. (The
 * array iterator itself cannot be guarded without slowing the whole process:
 * see builtins/limits.js.) Rest elements in parameters, in for-of heads and
 * nested in other patterns are not covered.
 */
function spreads(ast: Node): Edit[] {
  const edits: Edit[] = [];
  const wrap = (n: Node) => {
    edits.push({ start: n.start, end: n.start, text: `${SPREAD}((` });
    edits.push({ start: n.end, end: n.end, text: '))' });
  };
  const hasRest = (p: Node) => p.type === 'ArrayPattern' && (p.elements as Array<Node | null>).some((e) => e?.type === 'RestElement');
  walk(ast, (n) => {
    if (n.type === 'ArrayExpression' || n.type === 'CallExpression' || n.type === 'NewExpression') {
      const items = (n.type === 'ArrayExpression' ? n.elements : n.arguments) as Array<Node | null>;
      for (const e of items) if (e?.type === 'SpreadElement') wrap(e.argument as Node);
    } else if (n.type === 'VariableDeclarator' && n.init && hasRest(n.id as Node)) wrap(n.init as Node);
    else if (n.type === 'AssignmentExpression' && hasRest(n.left as Node)) wrap(n.right as Node);
  });
  return edits;
}

/**
 * Routes the value of every \`a + b\`, \`x += y\` and untagged template literal
 * through the string-length check: a rope doubled 27 times costs nothing to
 * make and gigabytes when V8 flattens it (a property key, a comparison).
 */
function concatenations(ast: Node): Edit[] {
  const edits: Edit[] = [];
  walk(ast, (n) => {
    const quasi = n.type === 'TaggedTemplateExpression' ? (n.quasi as Node) : null;
    if (quasi) quasi.tagged = true;
    if ((n.type === 'BinaryExpression' && n.operator === '+') || (n.type === 'AssignmentExpression' && n.operator === '+=') || (n.type === 'TemplateLiteral' && !n.tagged && (n.expressions as Node[]).length > 0)) {
      edits.push({ start: n.start, end: n.start, text: `${CAP}((` });
      edits.push({ start: n.end, end: n.end, text: '))' });
    }
  });
  return edits;
}

/**
 * The code is checked as an ES module (check.ts, and the parse below), as
 * AppSync runs it ("Supported runtime features": APPSYNC_JS code is an ES
 * module), but runs here as the body of a function in a classic script. Two
 * things mean something different in the two goals, so they are refused
 * rather than let the checked program differ from the one that runs:
 * - HTML-like comments: `<!--` and a line-leading `-->` are comments in a
 *   script and operators in a module (ECMA-262 Annex B.1.1). Refused wherever
 *   `<!--` or `-->` occurs in code (not in strings, regexps or comments), a
 *   local choice: AWS is silent on them.
 * - `arguments` outside any function: unbound in a module, the factory's own
 *   arguments (the runtime's modules and probes) in the script.
 */
type Token = { start: number; type: { label: string } };
function refuseGoalDifferences(source: string, ast: Node, file: string, tokens: Token[]): void {
  for (const t of tokens) {
    // Only operators: the same characters inside strings and templates are text.
    if ((t.type.label === '</>/<=/>=' || t.type.label === '++/--') && (source.startsWith('<!--', t.start) || source.startsWith('-->', t.start))) {
      throw new Error(`${file}: HTML-like comments (<!-- and -->) are not supported in APPSYNC_JS modules`);
    }
  }
  const visit = (n: Node, inFunction: boolean): void => {
    if (n.type === 'Identifier' && n.name === 'arguments' && !inFunction) throw new Error(`${file}: arguments is not defined outside a function`);
    const fn = n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression';
    for (const key of Object.keys(n)) {
      // Property names (`x.arguments`, `{ arguments: 1 }`) are not references.
      if (!n.computed && ((key === 'property' && n.type === 'MemberExpression') || (key === 'key' && n.type !== 'ObjectPattern'))) continue;
      const v = (n as Record<string, unknown>)[key];
      const kids = Array.isArray(v) ? v : [v];
      for (const c of kids) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') visit(c as Node, inFunction || fn);
    }
  };
  visit(ast, false);
}

/** The factory's source, and where a (line, column) of it was in the bundle. */
export interface Factory {
  text: string;
  bundlePosition(line: number, column: number): { line: number; column: number };
}

/** Lines the factory puts before the bundle's first line (see the wrapper in toFactory). */
const HEADER_LINES = 4;

export function toFactorySource(source: string, file: string): string {
  return toFactory(source, file).text;
}

export function toFactory(source: string, file: string): Factory {
  if (source.includes(RESERVED)) throw new Error(`${file}: identifiers starting with ${RESERVED} are reserved`);
  const tokens: Token[] = [];
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true, onToken: tokens as never }) as unknown as Node;
  refuseGoalDifferences(source, ast, file, tokens);
  refuseDeferred(ast, file);
  const edits: Edit[] = [...probes(ast), ...spreads(ast), ...concatenations(ast)];
  const exported: Array<[string, string]> = [];
  for (const node of ast.body as Node[]) {
    if (node.type === 'ImportDeclaration') {
      const from = node.source.value as string;
      if (!MODULES.has(from)) throw new Error(`${file}: import of "${from}" is not available in APPSYNC_JS`);
      const mod = `__modules[${JSON.stringify(from)}]`;
      const parts = (node.specifiers as Node[]).map((s) => {
        if (s.type === 'ImportNamespaceSpecifier') return `const ${s.local.name} = ${mod};`;
        if (s.type === 'ImportDefaultSpecifier') return `const ${s.local.name} = ${mod}.default;`;
        return `const ${s.local.name} = ${mod}[${JSON.stringify(s.imported.name ?? s.imported.value)}];`;
      });
      edits.push({ start: node.start, end: node.end, text: parts.join(' ') });
    } else if (node.type === 'ExportNamedDeclaration') {
      if (node.declaration) {
        const decl = node.declaration as Node;
        const names =
          decl.type === 'VariableDeclaration'
            ? (decl.declarations as Node[]).map((d) => d.id.name as string)
            : [decl.id.name as string];
        for (const n of names) exported.push([n, n]);
        edits.push({ start: node.start, end: decl.start, text: '' });
      } else {
        if (node.source) throw new Error(`${file}: re-exports are not supported`);
        for (const s of node.specifiers as Node[]) exported.push([s.exported.name, s.local.name]);
        edits.push({ start: node.start, end: node.end, text: '' });
      }
    } else if (node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw new Error(`${file}: only named exports (request, response) are supported`);
    }
  }
  let out = source;
  // Apply from the end so earlier offsets stay valid; at one offset, later-found
  // (inner) insertions go first so nesting stays balanced.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.start - a.start || b.i - a.i);
  for (const e of ordered) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  // Drop the inline source map comment: it is metadata, not code.
  out = out.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');
  const ret = exported.map(([name, local]) => `${JSON.stringify(name)}: ${local}`).join(', ');
  // \`globalThis\` is shadowed by a frozen view of the sandbox's globals: the
  // real global object cannot be frozen, and writes to it would leak between
  // evaluations. The inner block lets the code declare its own \`globalThis\`.
  const text = `(function (__modules, ${TICK}, ${RESERVED}global, ${SPREAD}, ${CAP}) {\n"use strict";\nconst globalThis = ${RESERVED}global;\n{\n${out}\nreturn { ${ret} };\n}\n})`;
  return { text, bundlePosition: (line, column) => bundlePosition(source, out, edits, line - HEADER_LINES, column) };
}

/**
 * Undoes the edits for one position: a (line, column) of the edited code
 * (1-based) to the bundle's. A position inside inserted text (a probe) maps
 * to where it was inserted.
 */
function bundlePosition(source: string, out: string, edits: Edit[], line: number, column: number): { line: number; column: number } {
  const starts = [0];
  for (let i = out.indexOf('\n'); i >= 0; i = out.indexOf('\n', i + 1)) starts.push(i + 1);
  const o = (starts[Math.max(0, Math.min(line - 1, starts.length - 1))] ?? 0) + column - 1;
  // Edits in the order they appear in `out` (same sort as when applied, reversed).
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  let shift = 0;
  let at = -1;
  for (const e of ordered) {
    const outStart = e.start + shift;
    if (o < outStart) break;
    if (o < outStart + e.text.length) {
      at = e.start;
      break;
    }
    shift += e.text.length - (e.end - e.start);
  }
  const offset = at >= 0 ? at : o - shift;
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
