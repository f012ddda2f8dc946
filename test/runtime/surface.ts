// Lists every function the installed @aws-appsync/utils declares — util.*,
// runtime.*, extensions.* and each importable module's exports — by walking
// the published .d.ts types with the TypeScript compiler, so a new version
// of the package cannot add a function the local runtime silently lacks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@aws-appsync/utils/package.json'));

export const MODULES = ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb', '@aws-appsync/utils/rds', '@aws-appsync/utils/ai'];

function functionPaths(checker: ts.TypeChecker, type: ts.Type, prefix: string, node: ts.Node, depth = 0): string[] {
  if (depth > 4) return [];
  const out: string[] = [];
  for (const prop of checker.getPropertiesOfType(type)) {
    const t = checker.getTypeOfSymbolAtLocation(prop, node);
    const path = `${prefix}.${prop.getName()}`;
    if (t.getCallSignatures().length) out.push(path);
    else if (t.getFlags() & ts.TypeFlags.Object) out.push(...functionPaths(checker, t, path, node, depth + 1));
  }
  return out;
}

/** e.g. ["util.error", "util.time.nowISO8601", …, "@aws-appsync/utils/dynamodb:get", …] */
export function declaredSurface(): string[] {
  const file = join(pkgDir, '__surface__.ts');
  const source = [
    `import { util, runtime, extensions } from '@aws-appsync/utils';`,
    `import * as dynamodb from '@aws-appsync/utils/dynamodb';`,
    `import * as rds from '@aws-appsync/utils/rds';`,
    `import * as ai from '@aws-appsync/utils/ai';`,
    `export const all = { util, runtime, extensions, dynamodb, rds, ai };`,
  ].join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === file ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === file || fileExists(f);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(file)!;
  const decl = sf.statements.find(ts.isVariableStatement)!.declarationList.declarations[0];
  const all = checker.getTypeAtLocation(decl.initializer!);
  const out: string[] = [];
  for (const prop of checker.getPropertiesOfType(all)) {
    const name = prop.getName();
    const t = checker.getTypeOfSymbolAtLocation(prop, decl);
    const paths = functionPaths(checker, t, name, decl);
    if (['dynamodb', 'rds', 'ai'].includes(name)) {
      out.push(...paths.map((p) => `@aws-appsync/utils/${name}:${p.slice(name.length + 1)}`));
    } else out.push(...paths);
  }
  return out.sort();
}
