// Runs the TypeScript compiler (API, no emit) the way `tsc --noEmit -p` would,
// returning formatted diagnostics: type tests are only as good as the compile.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');

export interface Diagnostic {
  file?: string;
  code: number;
  message: string;
}

function collect(program: ts.Program): Diagnostic[] {
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    file: d.file?.fileName,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

/** Type-checks a project given by its tsconfig.json. */
export function typecheckProject(tsconfigPath: string): Diagnostic[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`);
  return collect(ts.createProgram(parsed.fileNames, parsed.options));
}

/** Type-checks the given files with explicit options. */
export function typecheckFiles(files: string[], options: ts.CompilerOptions): Diagnostic[] {
  return collect(ts.createProgram(files, options));
}

/** A scratch directory whose node_modules is the project's, removed by the returned function. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Compiler options of the project's tsconfig.json. */
export function projectOptions(): ts.CompilerOptions {
  const parsed = typecheckConfig(join(root, 'tsconfig.json'));
  return { ...parsed.options, noEmit: true };
}

function typecheckConfig(path: string): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: () => {},
  });
  if (!parsed) throw new Error(`cannot read ${path}`);
  return parsed;
}
