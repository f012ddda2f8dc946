// Failures to start the engine that the user can fix: each message is one
// line that says what is wrong and what to do, and the CLI prints it as is
// (no stack trace, which would only bury that line).
export type EngineStartProblem = 'java-missing' | 'java-too-old' | 'java-unusable' | 'port-in-use' | 'data-dir';

export class EngineStartError extends Error {
  override readonly name = 'EngineStartError';
  constructor(
    readonly problem: EngineStartProblem,
    message: string,
  ) {
    super(message);
  }
}
