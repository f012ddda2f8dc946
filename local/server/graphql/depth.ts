// Query depth as AppSync's queryDepthLimit counts it: nesting levels of fields
// (root fields are depth 1), through fragments; introspection counts too.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

export function operationDepth(doc: DocumentNode, op: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const depth = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) max = Math.max(max, 1 + depth(sel.selectionSet, visiting));
      else if (sel.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depth(sel.selectionSet, visiting));
      else {
        const f = fragments.get(sel.name.value);
        if (f && !visiting.has(f.name.value)) max = Math.max(max, depth(f.selectionSet, new Set([...visiting, f.name.value])));
      }
    }
    return max;
  };
  return depth(op.selectionSet, new Set());
}
