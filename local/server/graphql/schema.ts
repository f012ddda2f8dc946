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

/** Parses and checks an AppSync schema, attaching the AWS scalar implementations. */
export function loadAppSyncSchema(sdl: string): GraphQLSchema {
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
