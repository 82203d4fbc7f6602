package generator

import (
	"slices"
	"strings"
)

// The GraphQL side of a resource: the types of its fields in SDL and root fields written as
// Prettier writes them.

// graphQLScalar is the SDL type of the field's values. Enums are Strings: their values need not
// be GraphQL names, and the REST schemas validate them either way.
func (f FieldView) graphQLScalar() string {
	switch f.Type {
	case TypeInteger:
		return "Int"
	case TypeNumber:
		return "Float"
	case TypeBoolean:
		return "Boolean"
	case TypeUUID, TypeRef:
		return "ID"
	}
	return "String"
}

// GraphQLType is the field's type in the resource's object type: non-null unless optional.
func (f FieldView) GraphQLType() string {
	if f.Optional {
		return f.graphQLScalar()
	}
	return f.graphQLScalar() + "!"
}

// GraphQLCreateType is the field's type in the create input: required unless optional or
// defaulted, as in the create schema.
func (f FieldView) GraphQLCreateType() string {
	if f.Optional || f.Default != nil {
		return f.graphQLScalar()
	}
	return f.graphQLScalar() + "!"
}

// GraphQLUpdateType is the field's type in the update input: every field may be left out.
func (f FieldView) GraphQLUpdateType() string { return f.graphQLScalar() }

// GraphQLDoc describes the field's values where the type alone does not, for an SDL description.
func (f FieldView) GraphQLDoc() string {
	switch f.Type {
	case TypeDate:
		return "YYYY-MM-DD"
	case TypeDatetime:
		return "ISO 8601 timestamp"
	case TypeEnum:
		return "one of " + strings.Join(f.Enum, ", ")
	case TypeRef:
		return "the id of a " + f.RefSingularTitle()
	}
	return ""
}

// GraphQLField writes a field definition with its arguments on one line when it fits at this
// indent, one argument a line otherwise (Prettier's GraphQL printer keeps no break that fits). The
// lines are not indented: a manifest indents them where they go.
func (r *ResourceView) GraphQLField(indent int, name string, args []string, result string) string {
	if line := name + "(" + strings.Join(args, ", ") + "): " + result; indent+len(line) <= printWidth {
		return line
	}
	return name + "(\n  " + strings.Join(args, "\n  ") + "\n): " + result
}

// GraphQLListArgs are the arguments of the list field: the list query's page, limit and sort, and
// its filters.
func (r *ResourceView) GraphQLListArgs() []string {
	args := []string{"page: Int", "limit: Int", "sort: String"}
	for _, f := range r.Sortable() {
		args = append(args, f.Name+": "+f.graphQLScalar())
	}
	return args
}

// GraphQLScalar is the field's type in SDL without its nullability, for query variables.
func (f FieldView) GraphQLScalar() string { return f.graphQLScalar() }

// GraphQLFilter is the field the GraphQL tests filter the list by: the first filterable one
// every sample sets, or nil.
func (r *ResourceView) GraphQLFilter() *FieldView {
	for _, f := range r.Sortable() {
		if f.Type != TypeRef || !f.Optional {
			return &f
		}
	}
	return nil
}

// GraphQLFieldNames are the fields of the resource's object type, in the order of the schema.
func (r *ResourceView) GraphQLFieldNames() []string {
	names := []string{"id"}
	for _, f := range r.Fields {
		names = append(names, f.Name)
	}
	if r.Owned {
		names = append(names, "ownerId")
	}
	return append(names, "createdAt", "updatedAt")
}

// Args are JavaScript string literals of the given texts, for a call's arguments.
func (r *ResourceView) Args(texts ...string) []string { return r.Quote(texts) }

// graphQLSchemaNames are the types and root fields every GraphQL schema has (its scalars, the
// root types and users'), which a resource's must not take.
var graphQLSchemaNames = []string{"Boolean", "Float", "ID", "Int", "String", "Query", "Mutation",
	"User", "UserPage", "CreateUserInput", "user", "users", "me", "createUser"}

// graphQLNames are the types and root fields a resource adds to the GraphQL schema.
func graphQLNames(name string) []string {
	v := NewResourceView(Resource{Name: name})
	sp := v.SingularPascal
	return []string{sp, sp + "Page", "Create" + sp + "Input", "Update" + sp + "Input",
		v.Singular, v.Camel, "create" + sp, "update" + sp, "delete" + sp}
}

// graphQLClash is a name of the resource's in GraphQL that the schema or another resource already
// has, or "": the resource is checked whatever the project's features, so graphql can be added
// later.
func graphQLClash(name string, others []string) string {
	taken := slices.Clone(graphQLSchemaNames)
	for _, other := range others {
		taken = append(taken, graphQLNames(other)...)
	}
	for _, n := range graphQLNames(name) {
		if slices.Contains(taken, n) {
			return n
		}
	}
	return ""
}
