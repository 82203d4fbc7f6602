package generator

import (
	"fmt"
	"strings"
)

// ResourceView is a resource as its templates see it: the resource, the names it goes by in
// JavaScript, SQL and prose, and its fields with what each needs.
type ResourceView struct {
	Resource
	// Camel is the name in camelCase ("orderItems"), for variables, modules and folders.
	Camel string
	// Pascal is the name in PascalCase ("OrderItems"), for function names.
	Pascal string
	// Singular is the singular name in camelCase ("orderItem").
	Singular string
	// SingularPascal is the singular name in PascalCase ("OrderItem"), for types.
	SingularPascal string
	// Title is the name in words ("order items") and SingularTitle its singular ("order item").
	Title, SingularTitle string
	// Table is the SQL table ("order_items").
	Table string
	// Migration is the migration's file name without ".js": after every feature's migrations,
	// in the order resources were added.
	Migration string
	Fields    []FieldView
}

// FieldView is a field as the templates see it.
type FieldView struct {
	Field
	// Column is the SQL column ("supplier_id").
	Column string
}

// firstResourceMigration is the timestamp of resource number 0: later than any feature's
// migration (theirs start at 1700000000000), so that adding a feature to a project whose
// resources' migrations have run never puts a new migration before them.
const firstResourceMigration = 1_800_000_000_000

// NewResourceView returns the view of r.
func NewResourceView(r Resource) *ResourceView {
	singular := singularName(r.Name)
	v := &ResourceView{
		Resource:       r,
		Camel:          camelCase(r.Name),
		Pascal:         pascalCase(r.Name),
		Singular:       camelCase(singular),
		SingularPascal: pascalCase(singular),
		Title:          strings.ReplaceAll(r.Name, "-", " "),
		SingularTitle:  strings.ReplaceAll(singular, "-", " "),
		Table:          r.Table(),
		Migration:      fmt.Sprintf("%d_create-%s", firstResourceMigration+int64(r.Number)*1000, r.Name),
	}
	for _, f := range r.Fields {
		v.Fields = append(v.Fields, FieldView{Field: f, Column: f.Column()})
	}
	return v
}

func pascalCase(name string) string {
	c := camelCase(name)
	return strings.ToUpper(c[:1]) + c[1:]
}

// singularName returns the singular of a plural kebab-case name by the regular English rules,
// applied to its last word ("order-items" -> "order-item", "categories" -> "category", "boxes"
// -> "box"). A name the rules leave unchanged ("news") gets "-item", so that one record and a
// list of them never share a name.
func singularName(plural string) string {
	head, last := "", plural
	if i := strings.LastIndex(plural, "-"); i >= 0 {
		head, last = plural[:i+1], plural[i+1:]
	}
	switch {
	case strings.HasSuffix(last, "ies") && len(last) > 4:
		last = strings.TrimSuffix(last, "ies") + "y"
	case strings.HasSuffix(last, "sses"), strings.HasSuffix(last, "shes"), strings.HasSuffix(last, "ches"),
		strings.HasSuffix(last, "xes"), strings.HasSuffix(last, "zzes"):
		last = strings.TrimSuffix(last, "es")
	case strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") && !strings.HasSuffix(last, "us") && len(last) > 1:
		last = strings.TrimSuffix(last, "s")
	}
	if head+last == plural {
		return plural + "-item"
	}
	return head + last
}
