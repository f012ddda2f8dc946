// Static analysis of an operation before it runs, in time linear in the
// document: each fragment's depth and cost are computed once and reused at
// every spread (a spread is not walked again), so a "fragment bomb" — fragments
// that each spread the next several times — costs no more than its text.
//
// Depth is what AppSync's queryDepthLimit counts: nesting levels of fields
// (root fields are depth 1), through fragments; introspection counts too
// (GraphqlApi.queryDepthLimit, AWS AppSync API Reference: "the amount of
// nested levels allowed in the body of query").
//
// Cost is graphql-java's default query complexity (AppSync runs graphql-java):
// every field selection counts 1, fragments expanded where spread, aliases
// counted separately. AWS documents no complexity limit of its own; the
// server bounds it (see MAX_QUERY_COST in service.ts) so that an operation
// whose expansion is far larger than its text is refused before it runs.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export interface OperationShape {
  depth: number;
  /** Field selections after expanding fragments (may exceed 2^53 for a bomb: it is only compared). */
  cost: number;
}

export function analyzeOperation(doc: DocumentNode, op: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  const memo = new Map<string, OperationShape>();
  // A fragment being computed: a cycle (refused by validation anyway) adds nothing.
  const inProgress = new Set<string>();

  const ofFragment = (name: string): OperationShape => {
    const known = memo.get(name);
    if (known) return known;
    const f = fragments.get(name);
    if (!f || inProgress.has(name)) return { depth: 0, cost: 0 };
    inProgress.add(name);
    const shape = ofSet(f.selectionSet);
    inProgress.delete(name);
    memo.set(name, shape);
    return shape;
  };

  const ofSet = (set: SelectionSetNode | undefined): OperationShape => {
    if (!set) return { depth: 0, cost: 0 };
    let depth = 0;
    let cost = 0;
    for (const sel of set.selections) {
      const inner = sel.kind === Kind.FRAGMENT_SPREAD ? ofFragment(sel.name.value) : ofSet(sel.selectionSet);
      if (sel.kind === Kind.FIELD) {
        depth = Math.max(depth, 1 + inner.depth);
        cost += 1 + inner.cost;
      } else {
        depth = Math.max(depth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth, cost };
  };

  return ofSet(op.selectionSet);
}

export function operationDepth(doc: DocumentNode, op: OperationDefinitionNode): number {
  return analyzeOperation(doc, op).depth;
}
