import { GraphQLError, Kind } from 'graphql';

// Rejects an operation whose fields nest deeper than maxDepth, before anything is resolved: with a
// recursive type, one short query could otherwise ask for an exponential amount of work. Fragments
// count where they are spread. Introspection fields are not counted: the standard introspection
// query is deeper than any useful limit, and production turns introspection off altogether.
export function depthLimit(maxDepth) {
  return function DepthLimitRule(context) {
    const fragments = new Map();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    // A fragment is as deep wherever it is spread, so each is measured once: a document that
    // spreads fragments many times over costs no more to check than one that spreads them once.
    const fragmentDepths = new Map();

    function selectionSetDepth(selectionSet, visiting) {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        deepest = Math.max(deepest, selectionDepth(selection, visiting));
      }
      return deepest;
    }

    function selectionDepth(selection, visiting) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return selectionSetDepth(selection.selectionSet, visiting);
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        return fragmentDepth(selection.name.value, visiting);
      }
      if (selection.name.value.startsWith('__')) return 0;
      return 1 + (selection.selectionSet ? selectionSetDepth(selection.selectionSet, visiting) : 0);
    }

    function fragmentDepth(name, visiting) {
      if (fragmentDepths.has(name)) return fragmentDepths.get(name);
      const fragment = fragments.get(name);
      // Unknown fragments and cycles are errors that graphql's own rules report.
      if (!fragment || visiting.has(name)) return 0;
      visiting.add(name);
      const depth = selectionSetDepth(fragment.selectionSet, visiting);
      visiting.delete(name);
      fragmentDepths.set(name, depth);
      return depth;
    }

    return {
      OperationDefinition(operation) {
        const depth = selectionSetDepth(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`Query depth ${depth} exceeds the maximum of ${maxDepth}`, {
              nodes: operation,
            }),
          );
        }
      },
    };
  };
}
