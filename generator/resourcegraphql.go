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
	}
	return ""
}

// GraphQLRefType is the object type of the record a reference field names, as the field answers
// it. It is nullable even where the id is not: only Postgres keeps a referenced record from being
// deleted, and without it a required reference can name a record that is gone, which should read
// as null rather than fail the whole query with a non-null error.
func (f FieldView) GraphQLRefType() string {
	return pascalCase(singularName(f.Ref))
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

// GraphQLFieldNames select the fields of the resource's object type, in the order of the schema,
// so that the answer has the shape of the REST record: a reference's id under the field's name.
func (r *ResourceView) GraphQLFieldNames() []string {
	names := []string{"id"}
	for _, f := range r.Fields {
		if f.Type == TypeRef {
			names = append(names, f.Name+": "+f.Name+"Id")
		} else {
			names = append(names, f.Name)
		}
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

// GraphQLLoader is the context's loader of the records the reference field names ("loadUser").
func (f FieldView) GraphQLLoader() string { return "load" + pascalCase(singularName(f.Ref)) }

// IsReferenced reports whether a resource of the project, r included, references r: GraphQL then
// loads its records for them.
func (r *ResourceView) IsReferenced(all []*ResourceView) bool {
	for _, v := range all {
		for _, f := range v.Refs() {
			if f.Ref == r.Name {
				return true
			}
		}
	}
	return false
}

// GraphQLLoaderEntry is the property of the GraphQL context that loads r's records, as Prettier
// writes it in the handler's context (indent 6), without the first line's indent.
func (r *ResourceView) GraphQLLoaderEntry() string {
	entry := r.Prop(6, "load"+r.SingularPascal, "createLoader(dependencies."+r.Camel+"Repository)")
	return strings.TrimPrefix(entry, "      ")
}

// GraphQLRefProps are the properties toGraphQL gives a record (`record`) for its references, at
// indent 4 as Prettier writes them: each reference's id under <name>Id, and under the name the
// function GraphQL calls to load the record it names; the owner under owner.
func (r *ResourceView) GraphQLRefProps() []string {
	var props []string
	for _, f := range r.Refs() {
		props = append(props, r.Prop(4, f.Name+"Id", "record."+f.Name))
		props = append(props, loaderProp(4, f.Name, f.GraphQLLoader(), "record."+f.Name))
	}
	if r.Owned {
		props = append(props, loaderProp(4, "owner", "loadUser", "record.ownerId"))
	}
	return props
}

// loaderProp writes `name: (args, context) => context.loader(id),` as Prettier does at this
// indent: on one line, else with the body on the next, else with the id on a line of its own.
func loaderProp(indent int, name, loader, id string) string {
	pad := strings.Repeat(" ", indent)
	head := pad + name + ": (args, context) =>"
	call := "context." + loader + "(" + id + "),"
	if len(head+" "+call) <= printWidth {
		return head + " " + call
	}
	if len(pad+"  "+call) <= printWidth {
		return head + "\n" + pad + "  " + call
	}
	return head + "\n" + pad + "  context." + loader + "(\n" + pad + "    " + id + ",\n" + pad + "  ),"
}

// GraphQLRefSelections select every reference of r in GraphQL, one a line: its id, and the id of
// the record it resolves to.
func (r *ResourceView) GraphQLRefSelections() []string {
	var lines []string
	for _, name := range r.graphQLRefNames() {
		lines = append(lines, name+"Id", name+" { id }")
	}
	return lines
}

// graphQLRefNames are the fields of r's GraphQL type that resolve to another record: the
// references, and the owner.
func (r *ResourceView) graphQLRefNames() []string {
	var names []string
	for _, f := range r.Refs() {
		names = append(names, f.Name)
	}
	if r.Owned {
		names = append(names, "owner")
	}
	return names
}

// GraphQLLoadedProps are the properties of the tests' object of the repositories GraphQL loads
// r's references through, each with the references it loads, at indent 2 as Prettier writes them.
func (r *ResourceView) GraphQLLoadedProps() []string {
	var repos []string
	byRepo := map[string][]string{}
	add := func(repo, name string) {
		if _, ok := byRepo[repo]; !ok {
			repos = append(repos, repo)
		}
		byRepo[repo] = append(byRepo[repo], jsString(name))
	}
	for _, f := range r.Refs() {
		add(camelCase(f.Ref)+"Repository", f.Name)
	}
	if r.Owned {
		add("usersRepository", "owner")
	}
	props := make([]string, len(repos))
	for i, repo := range repos {
		props[i] = r.Fit(2, repo+": [", "],", byRepo[repo])
	}
	return props
}
