// Builds an executable graphql-js schema from SDL in AppSync's dialect: the AWS
// scalars and directives are built in (never declared by the user), user types
// may not start with "AWS", custom scalars are refused and Query is required.
import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLScalarType, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { awsScalars } from './scalars.js';

/** AppSync's built-in scalars and directives (also codegen's second schema source). */
export const APPSYNC_PRELUDE = readFileSync(new URL('./appsync-prelude.graphql', import.meta.url), 'utf8');

export class SchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaError';
  }
}

const BUILTIN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function checkUserSdl(doc: DocumentNode): void {
  for (const def of doc.definitions) {
    if (!('name' in def) || !def.name) continue;
    const name = def.name.value;
    if (def.kind === Kind.DIRECTIVE_DEFINITION) {
      if (name.startsWith('aws_')) throw new SchemaError(`Directive @${name} is built into AppSync and must not be declared.`);
      continue;
    }
    if (name.startsWith('AWS')) {
      throw new SchemaError(`Type ${name} uses the reserved prefix AWS: AppSync's scalars are built in and user types may not start with AWS.`);
    }
    if (def.kind === Kind.SCALAR_TYPE_DEFINITION && !BUILTIN_SCALARS.has(name)) {
      throw new SchemaError(`Custom scalar ${name} is not supported by AppSync; use one of the AWS scalars.`);
    }
  }
}

/**
 * The SDL as graphql-js reads it: AppSync also accepts a `;` after a field
 * definition (aws-samples/serverless-patterns appsync-subscription-filter-cdk,
 * commit 0de068d, deploys `accountId: String;` and its README's screenshot shows
 * the deployed API answering a query on that type, every field listed in the
 * console's explorer). AWS documents no such token; here a `;` outside strings
 * and comments reads as whitespace, which keeps every position.
 */
export function appSyncSdl(sdl: string): string {
  if (!sdl.includes(';')) return sdl;
  let out = '';
  let i = 0;
  while (i < sdl.length) {
    const c = sdl[i];
    let end = i + 1;
    if (sdl.startsWith('"""', i)) {
      // A block string ends at the first """ that is not escaped (\""").
      end = i + 3;
      while (end < sdl.length && !sdl.startsWith('"""', end)) end += sdl.startsWith('\\"""', end) ? 4 : 1;
      end = Math.min(sdl.length, end + 3);
    } else if (c === '"') {
      while (end < sdl.length && sdl[end] !== '"' && sdl[end] !== '\n') end += sdl[end] === '\\' ? 2 : 1;
      end = Math.min(sdl.length, end + 1);
    } else if (c === '#') {
      while (end < sdl.length && sdl[end] !== '\n' && sdl[end] !== '\r') end += 1;
    }
    out += c === ';' ? ' ' : sdl.slice(i, end);
    i = end;
  }
  return out;
}

/** Parses and checks an AppSync schema, attaching the AWS scalar implementations. */
export function loadAppSyncSchema(source: string): GraphQLSchema {
  const sdl = appSyncSdl(source);
  let doc: DocumentNode;
  try {
    doc = parse(sdl);
  } catch (e) {
    throw new SchemaError(`schema does not parse: ${(e as Error).message}`);
  }
  checkUserSdl(doc);
  let schema: GraphQLSchema;
  try {
    schema = buildSchema(`${APPSYNC_PRELUDE}\n${sdl}`);
  } catch (e) {
    throw new SchemaError((e as Error).message);
  }
  if (!schema.getQueryType()) throw new SchemaError("A schema MUST have a 'query' operation defined.");
  const types = schema.getTypeMap();
  for (const [name, impl] of Object.entries(awsScalars)) {
    const t = types[name];
    if (t instanceof GraphQLScalarType) {
      // Swap in the behaviour; buildSchema only made placeholders.
      Object.assign(t, {
        description: impl.description,
        serialize: impl.serialize,
        parseValue: impl.parseValue,
        parseLiteral: impl.parseLiteral,
      });
    }
  }
  return schema;
}
