// The resolver-count budget: AppSync stops a request that would run more
// resolvers than the API's resolverCountLimit (ResolverExecutionLimitReached).
// A nested field resolver under a list runs once per element, so adding one can
// silently push a client's operation over the limit. This test computes the
// worst case of every operation the clients ship and holds both the limit and
// the figure that resolvers/api.ts states in its comment.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  buildSchema,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  parse,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { api } from '../../resolvers/api.js';
import { LIMITS } from '../../resolvers/lib/validate.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// AppSync's own scalars and directives are built in; declare them for graphql-js.
const awsPrelude = `
  scalar AWSDate scalar AWSDateTime scalar AWSEmail scalar AWSJSON scalar AWSTime scalar AWSTimestamp
  scalar AWSURL scalar AWSPhone scalar AWSIPAddress
  directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
  directive @aws_iam on OBJECT | FIELD_DEFINITION
  directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION
`;

const withResolver = new Set(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`));

/** Resolvers one selection can run, when every list holds a full page. */
function worstCase(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  selections: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  perElement: number,
): number {
  if (!isObjectType(type)) return 0;
  let total = 0;
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value)!;
      total += worstCase(schema, type, fragment.selectionSet, fragments, perElement);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += worstCase(schema, type, selection.selectionSet, fragments, perElement);
    } else {
      const field = type.getFields()[selection.name.value];
      if (!field) continue;
      if (withResolver.has(`${type.name}.${field.name}`)) total += perElement;
      if (selection.selectionSet) {
        const inner = isListType(getNullableType(field.type)) ? perElement * LIMITS.pageMax : perElement;
        total += worstCase(schema, getNamedType(field.type), selection.selectionSet, fragments, inner);
      }
    }
  }
  return total;
}

function clientOperations(): { name: string; count: number }[] {
  const schema = buildSchema(awsPrelude + readFileSync(join(root, api.schema), 'utf8'));
  const dir = join(root, api.operations!);
  const source = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return document.definitions.flatMap((d) => {
    if (d.kind !== Kind.OPERATION_DEFINITION) return [];
    const rootType = schema.getRootType(d.operation)!;
    return [{ name: d.name?.value ?? '(anonymous)', count: worstCase(schema, rootType, d.selectionSet, fragments, 1) }];
  });
}

describe('resolver-count budget', () => {
  const operations = clientOperations();

  it('reads every client operation', () => {
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['Me', 'MeWithItems', 'ListItems']));
    expect(operations.find((o) => o.name === 'MeWithItems')!.count).toBe(2);
  });

  it('keeps every client operation within resolverCountLimit, lists at their largest page', () => {
    const over = operations.filter((o) => o.count > api.limits!.resolverCount!);
    expect(over, `over ${api.limits!.resolverCount} resolvers: a nested resolver under a list runs once per element`).toEqual([]);
  });

  it('matches the largest figure resolvers/api.ts states', () => {
    const text = readFileSync(join(root, 'resolvers/api.ts'), 'utf8');
    const stated = Number(/largest query a client needs runs (\d+) resolvers/.exec(text)?.[1]);
    expect(Math.max(...operations.map((o) => o.count))).toBe(stated);
  });
});
