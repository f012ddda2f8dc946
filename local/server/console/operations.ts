// The API's example operations for the console's editor: every *.graphql file
// of the folder the definition names (ApiDefinition.operations), read when the
// page is served so edits show on reload. Queries come first, so the operation
// a person runs first reads and needs no input; fragments go last.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Kind, parse, type DocumentNode } from 'graphql';

const RANK = { query: 0, mutation: 1, subscription: 2 } as const;

function rank(doc: DocumentNode | undefined): number {
  const op = doc?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return op && op.kind === Kind.OPERATION_DEFINITION ? RANK[op.operation] : 3;
}

export interface ExampleOperations {
  /** The files' text joined in display order, each under a comment naming it. */
  text: string;
  files: string[];
}

/** Reads the example operations; none when the folder is missing or empty. */
export async function readExampleOperations(dir: string, shownDir = dir): Promise<ExampleOperations> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.graphql')).sort();
  } catch {
    return { text: '', files: [] };
  }
  const files = await Promise.all(
    names.map(async (name) => {
      const text = (await readFile(join(dir, name), 'utf8')).trim();
      let doc: DocumentNode | undefined;
      try {
        doc = parse(text);
      } catch {
        // Shown as written: the editor points at the syntax error.
      }
      return { name, text, rank: rank(doc) };
    }),
  );
  files.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const sep = shownDir.endsWith('/') ? '' : '/';
  return {
    text: files.map((f) => `# ${shownDir}${sep}${f.name}\n${f.text}\n`).join('\n'),
    files: files.map((f) => f.name),
  };
}
