// Checks an API definition against its schema before anything is bundled or
// deployed: the mistakes CloudFormation would only refuse at deploy time (a
// resolver on a field the schema lacks, a data source or function that does
// not exist) and the ones AWS accepts but that fail every request (a
// non-null field nothing can resolve). Each problem names the row of the
// definition module and the schema line.
//
// What AWS says, check by check:
// - a resolver on a field the schema lacks: CloudFormation fails the
//   AWS::AppSync::Resolver with "No field named X found on type Query"
//   (NotFound; a public record: aws/aws-cdk#32848);
// - two resolvers on one field: "Only one resolver is allowed per field"
//   (aws-amplify/amplify-cli#682, anomalyco/sst#417);
// - a missing data source: "No data source found" (aws/aws-cdk#17997);
// - a pipeline function listed twice, an @aws_subscribe naming no mutation of
//   the schema, non-null fields nothing resolves: AWS documents no deploy-time
//   answer; these are the twin's own checks, because each is a mistake that
//   shows only at run time (a subscription that never fires, "Cannot return
//   null for non-nullable type").
import { readFileSync } from 'node:fs';
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { isPipeline, type ApiDefinition } from '../definition.js';
import { appSyncSdl, loadAppSyncSchema } from '../server/graphql/schema.js';

export interface DefinitionProblem {
  severity: 'error' | 'warning';
  /** File (relative to the project root) and 1-based position the problem is reported at. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: DefinitionProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity}: ${p.message}`;
}

/** 1-based line and column of `offset` in `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

const quoted = (s: string) => `['"\`]${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"\`]`;

/**
 * Finds the rows of the definition module by scanning its text: the k-th
 * resolver with a given fieldName is the k-th `fieldName: '…'` in the file.
 * A definition built by code rather than written out falls back to line 1.
 */
class DefinitionSource {
  private readonly rowStarts: number[];
  constructor(
    readonly file: string,
    private readonly text: string,
    def: ApiDefinition,
  ) {
    const seen = new Map<string, number>();
    this.rowStarts = def.resolvers.map((r) => {
      const k = seen.get(r.fieldName) ?? 0;
      seen.set(r.fieldName, k + 1);
      const all = [...text.matchAll(new RegExp(`fieldName\\s*:\\s*${quoted(r.fieldName)}`, 'g'))];
      return all[k]?.index ?? -1;
    });
  }

  private at(offset: number): { file: string; line: number; column: number } {
    return offset < 0 ? { file: this.file, line: 1, column: 1 } : { file: this.file, ...position(this.text, offset) };
  }

  /** The resolver row `i`, or the first match of `inner` near it (its dataSource, a pipeline entry). */
  resolver(i: number, inner?: string) {
    const start = this.rowStarts[i];
    if (start < 0 || inner === undefined) return this.at(start);
    // The row spans from the previous row's fieldName to the next one's.
    const from = Math.max(0, ...this.rowStarts.slice(0, i).filter((s) => s >= 0));
    const next = this.rowStarts.slice(i + 1).find((s) => s > start) ?? this.text.length;
    const re = new RegExp(inner, 'g');
    let best = -1;
    for (const m of this.text.slice(from, next).matchAll(re)) {
      const at = from + m.index;
      if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) best = at;
    }
    return this.at(best >= 0 ? best : start);
  }

  /** The entry `name` of the `functions` or `dataSources` map. */
  entry(map: 'functions' | 'dataSources', name: string, inner?: string) {
    const block = this.text.search(new RegExp(`${map}\\s*:\\s*\\{`));
    const key = new RegExp(`(^|[\\s{,])(?:${quoted(name)}|${name.replace(/[^\w$]/g, '')})\\s*:`, 'g');
    key.lastIndex = Math.max(0, block);
    const m = key.exec(this.text);
    if (!m) return this.at(-1);
    const keyAt = m.index + m[1].length;
    if (inner === undefined) return this.at(keyAt);
    const lineEnd = this.text.indexOf('\n', keyAt);
    const rest = this.text.slice(keyAt, lineEnd < 0 ? undefined : lineEnd);
    const hit = rest.search(new RegExp(inner));
    return this.at(hit >= 0 ? keyAt + hit : keyAt);
  }
}

export interface CheckDefinitionInput {
  api: ApiDefinition;
  /** The schema's SDL (default: read from root/api.schema). */
  sdl: string;
  /** The definition module's text and path relative to the root, for row positions. */
  definitionText?: string;
  definitionFile?: string;
}

export function checkDefinition(input: CheckDefinitionInput): DefinitionProblem[] {
  const { api, sdl } = input;
  const problems: DefinitionProblem[] = [];
  const src = new DefinitionSource(input.definitionFile ?? 'definition', input.definitionText ?? '', api);
  const schemaFile = api.schema;
  const schemaAt = (node?: { loc?: { startToken: { line: number; column: number } } }) =>
    node?.loc ? `${schemaFile}:${node.loc.startToken.line}` : schemaFile;

  let schema: GraphQLSchema;
  let doc: DocumentNode;
  try {
    doc = parse(appSyncSdl(sdl));
    schema = loadAppSyncSchema(sdl);
  } catch (e) {
    const m = /\((\d+):(\d+)\)/.exec((e as Error).message);
    return [{ severity: 'error', file: schemaFile, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: (e as Error).message }];
  }
  // Positions come from the user's SDL alone: the built schema's nodes count the prelude's lines too.
  const typeNodes = new Map(doc.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]));
  const fieldNodes = new Map<string, FieldDefinitionNode>();
  for (const d of doc.definitions) {
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) {
      for (const f of d.fields ?? []) fieldNodes.set(`${d.name.value}.${f.name.value}`, f);
    }
  }
  const error = (at: { file: string; line: number; column: number }, message: string) => problems.push({ severity: 'error', ...at, message });

  // Resolvers: the field exists, each field has one resolver, data sources and functions exist.
  const resolved = new Set<string>();
  api.resolvers.forEach((r, i) => {
    const id = `${r.typeName}.${r.fieldName}`;
    const type = schema.getType(r.typeName);
    if (!isObjectType(type) || !typeNodes.has(r.typeName)) {
      error(src.resolver(i), `resolver ${id}: the schema (${schemaFile}) has no type ${r.typeName}`);
    } else if (!type.getFields()[r.fieldName]) {
      const near = suggestion(r.fieldName, Object.keys(type.getFields()));
      error(src.resolver(i), `resolver ${id}: type ${r.typeName} (${schemaAt(typeNodes.get(r.typeName))}) has no field ${r.fieldName}${near ? `; did you mean ${near}?` : ''}`);
    }
    // CreateResolver: one resolver per field (a second one fails the deploy).
    if (resolved.has(id)) error(src.resolver(i), `resolver ${id} is defined twice`);
    resolved.add(id);
    if (isPipeline(r)) {
      const listed = new Set<string>();
      for (const name of r.pipeline) {
        const at = src.resolver(i, quoted(name));
        if (!api.functions[name]) error(at, `resolver ${id}: pipeline function ${name} does not exist (functions: ${Object.keys(api.functions).join(', ') || 'none'})`);
        if (listed.has(name)) error(at, `resolver ${id}: pipeline function ${name} is listed twice`);
        listed.add(name);
      }
    } else if (!api.dataSources[r.dataSource]) {
      error(src.resolver(i, `dataSource\\s*:\\s*${quoted(r.dataSource)}`), `resolver ${id}: data source ${r.dataSource} does not exist (data sources: ${Object.keys(api.dataSources).join(', ')})`);
    }
  });
  for (const [name, f] of Object.entries(api.functions)) {
    if (!api.dataSources[f.dataSource]) {
      error(src.entry('functions', name, `dataSource\\s*:\\s*${quoted(f.dataSource)}`), `function ${name}: data source ${f.dataSource} does not exist (data sources: ${Object.keys(api.dataSources).join(', ')})`);
    }
  }
  for (const [name, ds] of Object.entries(api.dataSources)) {
    if (ds.type === 'AMAZON_DYNAMODB' && !api.tables[ds.table]) error(src.entry('dataSources', name), `data source ${name}: table ${ds.table} does not exist`);
  }

  // @aws_subscribe names mutations of this schema ("Real-time data": the
  // subscription fires when one of the listed mutations runs).
  const subscription = schema.getSubscriptionType();
  const mutation = schema.getMutationType();
  for (const field of Object.values(subscription?.getFields() ?? {})) {
    const dir = fieldNodes.get(`${subscription!.name}.${field.name}`)?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = dir?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (list?.kind !== Kind.LIST) continue;
    for (const v of list.values) {
      if (v.kind !== Kind.STRING) continue;
      if (!mutation?.getFields()[v.value]) {
        const line = v.loc?.startToken.line ?? 1;
        const column = v.loc?.startToken.column ?? 1;
        const near = suggestion(v.value, Object.keys(mutation?.getFields() ?? {}));
        error({ file: schemaFile, line, column }, `subscription ${subscription!.name}.${field.name}: @aws_subscribe names mutation ${v.value}, which the schema lacks${near ? `; did you mean ${near}?` : ''}`);
      }
    }
  }

  problems.push(...unresolvable(schema, typeNodes, fieldNodes, resolved, schemaFile));
  return problems;
}

/**
 * Non-null fields without a resolver. A field without one takes its value
 * from its parent's result, the property of the same name (graphql-js's
 * default resolver, which the local server uses; AWS's pages show this only
 * by example, e.g. a response handler returning ctx.result). Where no resolver sits
 * above it on any path from Query or Mutation, nothing can ever supply it:
 * an error. A non-null object-valued field whose type is also reached
 * through another resolver-less object field is a warning: every resolver
 * above (some of them several hops away, such as a list's) must return it.
 */
function unresolvable(
  schema: GraphQLSchema,
  typeNodes: Map<string, unknown>,
  fieldNodes: Map<string, FieldDefinitionNode>,
  resolved: Set<string>,
  schemaFile: string,
): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const at = (type: string, f: GraphQLField<unknown, unknown>) => {
    const loc = fieldNodes.get(`${type}.${f.name}`)?.loc?.startToken;
    return { file: schemaFile, line: loc?.line ?? 1, column: loc?.column ?? 1 };
  };
  const objectOf = (t: GraphQLType): GraphQLObjectType | undefined => {
    const n = getNamedType(t);
    return isObjectType(n) ? n : undefined;
  };
  // Types whose values some resolver supplies (directly or through resolver-less fields below it),
  // and types reached through a resolver-less object field (hop > 0).
  const supplied = new Set<string>();
  const viaPlainField = new Set<string>();
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((t): t is GraphQLObjectType => !!t);
  const visit = (type: GraphQLObjectType, underResolver: boolean, seen: Set<string>): void => {
    for (const f of Object.values(type.getFields())) {
      const target = objectOf(f.type);
      const hasResolver = resolved.has(`${type.name}.${f.name}`);
      if (!target) continue;
      if (underResolver || hasResolver) supplied.add(target.name);
      if (!hasResolver && underResolver) viaPlainField.add(target.name);
      const key = `${target.name}:${underResolver || hasResolver}`;
      if (seen.has(key)) continue;
      seen.add(key);
      visit(target, underResolver || hasResolver, seen);
    }
  };
  const seen = new Set<string>();
  for (const root of roots) visit(root, false, seen);

  const rootNames = new Set(roots.map((r) => r.name));
  for (const [name] of typeNodes) {
    const type = schema.getType(name);
    if (!isObjectType(type) || type === schema.getSubscriptionType()) continue;
    for (const f of Object.values(type.getFields())) {
      if (!isNonNullType(f.type) || resolved.has(`${name}.${f.name}`)) continue;
      const id = `${name}.${f.name}`;
      if (rootNames.has(name)) {
        out.push({ severity: 'error', ...at(name, f), message: `${id} is non-null but has no resolver: a root field has no parent to take it from, so every request fails` });
      } else if (!supplied.has(name)) {
        if (typeNodes.has(name) && isReachable(schema, name)) {
          out.push({ severity: 'error', ...at(name, f), message: `${id} is non-null but has no resolver, and no resolver above ${name} can supply it` });
        }
      } else if (objectOf(f.type) && viaPlainField.has(name)) {
        const inner = isListType(isNonNullType(f.type) ? f.type.ofType : f.type) ? 'list' : 'object';
        out.push({
          severity: 'warning',
          ...at(name, f),
          message: `${id} is a non-null ${inner} with no resolver: it resolves only if every resolver that returns ${name}, also through lists and connections, includes it`,
        });
      }
    }
  }
  return out;
}

/** True when `name` can be reached from Query or Mutation (an unreachable type is never served). */
function isReachable(schema: GraphQLSchema, name: string): boolean {
  const seen = new Set<string>();
  const stack = [schema.getQueryType(), schema.getMutationType()].filter((t): t is GraphQLObjectType => !!t);
  while (stack.length) {
    const t = stack.pop()!;
    if (t.name === name) return true;
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    for (const f of Object.values(t.getFields())) {
      const n = getNamedType(f.type);
      if (isObjectType(n)) stack.push(n);
    }
  }
  return false;
}

/** The closest name within edit distance 2, to suggest for a typo. */
function suggestion(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Reads the definition module's text for row positions; undefined when it is not a file. */
export function readDefinitionText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
