// ctx.info.selectionSetList / selectionSetGraphQL as AppSync computes them:
// the list names fields by alias (or name), nested paths joined with "/",
// fields from inline fragments and fragment spreads included; the GraphQL
// text is the field's own selection set printed, fragments kept as written.
//
// Each fragment's own list (paths relative to where it is spread) is computed
// once per document and reused at every spread, so the walk is linear in the
// document however many times fragments spread each other.
import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

// Per fragment definition node (so per prepared document): its relative paths.
const fragmentPaths = new WeakMap<FragmentDefinitionNode, string[]>();

function pathsOfFragment(frag: FragmentDefinitionNode, fragments: Fragments, visiting: Set<FragmentDefinitionNode>): string[] {
  const known = fragmentPaths.get(frag);
  if (known) return known;
  if (visiting.has(frag)) return []; // a cycle: validation refuses these before execution
  visiting.add(frag);
  const out: string[] = [];
  collect(frag.selectionSet, '', fragments, out, new Set(), visiting);
  visiting.delete(frag);
  fragmentPaths.set(frag, out);
  return out;
}

function collect(
  set: SelectionSetNode | undefined,
  prefix: string,
  fragments: Fragments,
  out: string[],
  seen: Set<string>,
  visiting: Set<FragmentDefinitionNode>,
): void {
  if (!set) return;
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
  };
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = (sel.alias ?? sel.name).value;
      if (name === '__typename') continue;
      const path = prefix ? `${prefix}/${name}` : name;
      add(path);
      collect(sel.selectionSet, path, fragments, out, seen, visiting);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      collect(sel.selectionSet, prefix, fragments, out, seen, visiting);
    } else {
      const frag = Object.hasOwn(fragments, sel.name.value) ? fragments[sel.name.value] : undefined;
      if (!frag) continue;
      for (const rel of pathsOfFragment(frag, fragments, visiting)) add(prefix ? `${prefix}/${rel}` : rel);
    }
  }
}

export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const node of fieldNodes) collect(node.selectionSet, '', fragments, out, seen, new Set());
  return out;
}

export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  const set = fieldNodes[0]?.selectionSet;
  return set ? print(set) : '';
}

// Prepared documents are reused, so a field node's selection info is computed
// once; the lists are copied out because ctx is handed to resolver code.
const cached = new WeakMap<FieldNode, { list: string[]; text: string }>();

export function selectionInfo(fieldNodes: readonly FieldNode[], fragments: Fragments): { selectionSetList: string[]; selectionSetGraphQL: string } {
  if (fieldNodes.length !== 1) return { selectionSetList: selectionSetList(fieldNodes, fragments), selectionSetGraphQL: selectionSetGraphQL(fieldNodes) };
  let c = cached.get(fieldNodes[0]);
  if (!c) {
    c = { list: selectionSetList(fieldNodes, fragments), text: selectionSetGraphQL(fieldNodes) };
    cached.set(fieldNodes[0], c);
  }
  return { selectionSetList: [...c.list], selectionSetGraphQL: c.text };
}
