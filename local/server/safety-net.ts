// The last line of defence of a running server: an exception or rejection no
// handler caught is logged and the server keeps serving, instead of the
// process dying under every client (and its DynamoDB Local with it). Each
// transport handler already turns bad input into AppSync's error; this only
// catches what they missed. Installed by the CLI (not by tests or embedders,
// whose own handlers decide).
export function installSafetyNet(log: (line: string) => void): () => void {
  const describe = (e: unknown): string => (e instanceof Error ? (e.stack ?? e.message) : String(e));
  const onRejection = (reason: unknown): void => log(`error: unhandled rejection (still serving): ${describe(reason)}`);
  const onException = (err: unknown): void => log(`error: uncaught exception (still serving): ${describe(err)}`);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
