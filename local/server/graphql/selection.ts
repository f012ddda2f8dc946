// ctx.info.selectionSetList / selectionSetGraphQL as AppSync computes them:
// the list names fields by alias (or name), nested paths joined with "/",
// fields from inline fragments and fragment spreads included; the GraphQL
// text is the field's own selection set printed, fragments kept as written.
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

export function selectionSetList(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, prefix: string, visiting: Set<string>): void => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = (sel.alias ?? sel.name).value;
        if (name === '__typename') continue;
        const path = prefix ? `${prefix}/${name}` : name;
        if (!seen.has(path)) {
          seen.add(path);
          out.push(path);
        }
        walk(sel.selectionSet, path, visiting);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, prefix, visiting);
      } else {
        const frag = fragments[sel.name.value];
        if (frag && !visiting.has(frag.name.value)) {
          walk(frag.selectionSet, prefix, new Set([...visiting, frag.name.value]));
        }
      }
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet, '', new Set());
  return out;
}

export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  const set = fieldNodes[0]?.selectionSet;
  return set ? print(set) : '';
}

// Prepared documents are reused, so a field node's selection info is computed
// once; the lists are copied out because ctx is handed to resolver code.
const cached = new WeakMap<FieldNode, { list: string[]; text: string }>();

export function selectionInfo(
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): { selectionSetList: string[]; selectionSetGraphQL: string } {
  if (fieldNodes.length !== 1) return { selectionSetList: selectionSetList(fieldNodes, fragments), selectionSetGraphQL: selectionSetGraphQL(fieldNodes) };
  let c = cached.get(fieldNodes[0]);
  if (!c) {
    c = { list: selectionSetList(fieldNodes, fragments), text: selectionSetGraphQL(fieldNodes) };
    cached.set(fieldNodes[0], c);
  }
  return { selectionSetList: [...c.list], selectionSetGraphQL: c.text };
}
