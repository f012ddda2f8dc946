// Errors of the --cdk-out door: each names where in the cloud assembly the
// problem is (stack, logical id, file and line) and what to do, and the CLI
// prints them as they are, without a stack trace.

export interface AssemblyProblem {
  /** Logical id of the CloudFormation resource, when the problem is in one. */
  logicalId?: string;
  /** File in the assembly (template or asset), with a line when known. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(p: AssemblyProblem): string {
  const where = [p.file && `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`, p.logicalId].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

export class CloudAssemblyError extends Error {
  constructor(readonly problems: AssemblyProblem[]) {
    super(problems.length === 1 ? formatProblem(problems[0]) : `the cloud assembly cannot be served:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'CloudAssemblyError';
  }
}

/** Throws one located problem. */
export function fail(problem: AssemblyProblem): never {
  throw new CloudAssemblyError([problem]);
}
