import { GraphQLError, Kind } from 'graphql';

// Rejects an operation that selects more than maxFields fields, before anything is resolved. Depth
// alone does not bound the work: one shallow query can repeat a field under thousands of aliases,
// each resolved on its own. Every field counts, aliases and fields in fragments included, each as
// often as the query asks for it; introspection fields are left to the introspection rule.
export function fieldLimit(maxFields) {
  return function FieldLimitRule(context) {
    const fragments = new Map();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        fragments.set(definition.name.value, definition);
      }
    }
    // Each fragment is counted once and its count reused wherever it is spread, so a document that
    // spreads fragments within fragments costs little to check however large its total.
    const fragmentCounts = new Map();

    function selectionSetCount(selectionSet, visiting) {
      let count = 0;
      for (const selection of selectionSet.selections) {
        count += selectionCount(selection, visiting);
      }
      return count;
    }

    function selectionCount(selection, visiting) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return selectionSetCount(selection.selectionSet, visiting);
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        return fragmentCount(selection.name.value, visiting);
      }
      if (selection.name.value.startsWith('__')) return 0;
      return 1 + (selection.selectionSet ? selectionSetCount(selection.selectionSet, visiting) : 0);
    }

    function fragmentCount(name, visiting) {
      if (fragmentCounts.has(name)) return fragmentCounts.get(name);
      const fragment = fragments.get(name);
      // Unknown fragments and cycles are errors that graphql's own rules report.
      if (!fragment || visiting.has(name)) return 0;
      visiting.add(name);
      const count = selectionSetCount(fragment.selectionSet, visiting);
      visiting.delete(name);
      fragmentCounts.set(name, count);
      return count;
    }

    return {
      OperationDefinition(operation) {
        const count = selectionSetCount(operation.selectionSet, new Set());
        if (count > maxFields) {
          const message = `Query selects ${count} fields, more than the maximum of ${maxFields}`;
          context.reportError(new GraphQLError(message, { nodes: operation }));
        }
      },
    };
  };
}
