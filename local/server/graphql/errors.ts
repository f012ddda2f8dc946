// AppSync's error shape: errorType/errorInfo/data at the top level of each error
// (not under extensions), every location with sourceName null, and
// graphql-java's wording for validation and variable errors.
import { GraphQLError, GraphQLObjectType, Kind, getNamedType, visit, type ASTNode, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { javaValueString } from './scalars.js';

export interface AppSyncError {
  path: ReadonlyArray<string | number> | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations: Array<{ line: number; column: number; sourceName: null }> | null;
  message: string;
}

/** Error raised by a field resolver: util.error, util.unauthorized, data source errors. */
export class FieldResolverError extends GraphQLError {
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly errorData: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
  }
}

function locationsOf(err: GraphQLError): AppSyncError['locations'] {
  return err.locations ? err.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
}

/** An execution-time error (resolver, auth, serialisation) in AppSync's shape. */
export function formatExecutionError(err: GraphQLError, schema?: GraphQLSchema): GraphQLFormattedError {
  const orig = err.originalError;
  if (orig instanceof FieldResolverError) {
    return {
      path: err.path ?? null,
      data: orig.errorData ?? null,
      errorType: orig.errorType,
      errorInfo: orig.errorInfo ?? null,
      locations: locationsOf(err),
      message: orig.message,
    } as unknown as GraphQLFormattedError;
  }
  if (orig instanceof GraphQLError && /^Unable to serialize/.test(orig.message) && err.path) {
    // graphql-java names the path in the message and gives no location.
    const path = '/' + err.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('/').replace(/\/\[/g, '[');
    return { path: err.path, locations: null, message: `Can't serialize value (${path}) : ${orig.message}` } as unknown as GraphQLFormattedError;
  }
  const nonNull = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/.exec(err.message);
  if (nonNull && err.path) {
    const path = '/' + err.path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('/').replace(/\/\[/g, '[');
    return {
      path: err.path,
      locations: locationsOf(err),
      message: `Cannot return null for non-nullable type: '${fieldTypeName(schema, nonNull[1], nonNull[2])}' within parent '${nonNull[1]}' (${path})`,
    } as unknown as GraphQLFormattedError;
  }
  return {
    path: err.path ?? null,
    data: null,
    errorType: orig && !(orig instanceof GraphQLError) ? 'Unknown' : null,
    errorInfo: null,
    locations: locationsOf(err),
    message: err.message,
  } as unknown as GraphQLFormattedError;
}

function fieldTypeName(schema: GraphQLSchema | undefined, parent: string, field: string): string {
  const t = schema?.getType(parent);
  const f = t instanceof GraphQLObjectType ? t.getFields()[field] : undefined;
  return f ? getNamedType(f.type).name : 'unknown';
}

/** The path of field names (alias-free, "/"-joined) leading to `target` in the document. */
function fieldPathOf(doc: DocumentNode, target: ASTNode): { path: string; argument?: string } {
  const stack: string[] = [];
  let found: { path: string; argument?: string } | undefined;
  let argument: string | undefined;
  visit(doc, {
    enter(node) {
      if (found) return false;
      if (node.kind === Kind.FIELD) stack.push(node.name.value);
      if (node.kind === Kind.ARGUMENT) argument = node.name.value;
      if (node === target) {
        found = { path: stack.join('/'), ...(argument ? { argument } : {}) };
        return false;
      }
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.FIELD) stack.pop();
      if (node.kind === Kind.ARGUMENT) argument = undefined;
    },
  });
  return found ?? { path: '' };
}

/** Rewrites a graphql-js validation or variable-coercion error in graphql-java's words. */
export function formatRequestError(err: GraphQLError, doc?: DocumentNode): GraphQLFormattedError {
  const base = { path: null, locations: locationsOf(err) };
  const msg = err.message;
  let m: RegExpExecArray | null;
  const node = err.nodes?.[0];
  const where = (): string => (doc && node ? fieldPathOf(doc, node).path : '');

  if ((m = /^Cannot query field "(\w+)" on type "(\w+)"\./.exec(msg))) {
    return { ...base, message: `Validation error of type FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined @ '${where()}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Unknown type "(\w+)"\./.exec(msg))) {
    return { ...base, message: `Validation error of type UnknownType: Unknown type ${m[1]}` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./.exec(msg))) {
    return { ...base, message: `Validation error of type UnknownArgument: Unknown field argument ${m[1]} @ '${where()}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required, but it was not provided\./.exec(msg))) {
    return { ...base, message: `Validation error of type MissingFieldArgument: Missing field argument ${m[2]} @ '${where()}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./.exec(msg))) {
    return { ...base, message: `Validation error of type SubSelectionRequired: Sub selection required for type ${m[2].replace(/[[\]!]/g, '')} of field ${m[1]} @ '${where()}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./.exec(msg))) {
    return { ...base, message: `Validation error of type SubSelectionNotAllowed: Sub selection not allowed on leaf type ${m[2].replace(/[[\]!]/g, '')} of field ${m[1]} @ '${where()}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Expected value of type "([^"]+)", found/.exec(msg)) && node && doc) {
    const { path, argument } = fieldPathOf(doc, node);
    const valueNode = node as Parameters<typeof javaValueString>[0];
    return {
      ...base,
      message: `Validation error of type WrongType: argument '${argument ?? ''}' with value '${javaValueString(valueNode)}' is not a valid '${m[1].replace(/!$/, '')}' @ '${path}'`,
    } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" of non-null type "([^"]+)" must not be null\./.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" of required type "([^"]+)" was not provided\./.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" got invalid value .*?; Expected non-nullable type "([^"]+)" not to be null\./s.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" got invalid value .*?; Field "(\w+)" of required type "([^"]+)" was not provided\./s.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has coerced Null value for NonNull type '${m[3]}'` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" got invalid value .*?; (?:Expected type "[^"]+"\. )?(Unable to (?:parse|serialize) .*)$/s.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has an invalid value. ${m[2]}` } as unknown as GraphQLFormattedError;
  }
  if ((m = /^Variable "\$(\w+)" got invalid value (.*)$/s.exec(msg))) {
    return { ...base, message: `Variable '${m[1]}' has an invalid value. ${m[2]}` } as unknown as GraphQLFormattedError;
  }
  if (msg.startsWith('Syntax Error:')) {
    return { ...base, message: `Invalid Syntax : ${msg.slice('Syntax Error: '.length)}` } as unknown as GraphQLFormattedError;
  }
  return { ...base, message: `Validation error: ${msg}` } as unknown as GraphQLFormattedError;
}

/** A refused request (HTTP 4xx) body. */
export function requestErrorBody(errorType: string, message: string): { errors: Array<{ errorType: string; message: string }> } {
  return { errors: [{ errorType, message }] };
}
