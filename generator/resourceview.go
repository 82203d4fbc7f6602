package generator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
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
	// table is the resource's table, for the names of the field's constraints.
	table string
	// owner is the resource the field belongs to.
	owner *ResourceView
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
		v.Fields = append(v.Fields, FieldView{Field: f, Column: f.Column(), table: v.Table, owner: v})
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

// The per-field code of the resource templates. Each method returns a piece of JavaScript or SQL
// for one field, so that the templates stay free of type switches: what a type means in zod, in
// Postgres and in the tests is decided here, in one place.

// maxIdentifierLength is PostgreSQL's limit on names (NAMEDATALEN - 1 bytes); longer names are
// silently truncated, so two long constraint names could become one.
const maxIdentifierLength = 63

// sqlName joins parts into a PostgreSQL identifier of at most 63 bytes; a longer one is cut and
// ends with a hash of the whole, so that two long names stay apart.
func sqlName(parts ...string) string {
	name := strings.Join(parts, "_")
	if len(name) <= maxIdentifierLength {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	return name[:maxIdentifierLength-9] + "_" + hex.EncodeToString(sum[:4])
}

// UniqueName, IndexName, CheckName and ForeignKeyName are the names of the field's constraints
// and index in the migration.
func (f FieldView) UniqueName() string     { return sqlName(f.table, f.Column, "key") }
func (f FieldView) IndexName() string      { return sqlName(f.table, f.Column, "idx") }
func (f FieldView) CheckName() string      { return sqlName(f.table, f.Column, "check") }
func (f FieldView) ForeignKeyName() string { return sqlName(f.table, f.Column, "fkey") }

// OwnerForeignKeyName, OwnerIndexName and CreatedAtIndexName name the constraint and indexes of
// the implied columns.
func (r *ResourceView) OwnerForeignKeyName() string { return sqlName(r.Table, "owner_id", "fkey") }
func (r *ResourceView) OwnerIndexName() string      { return sqlName(r.Table, "owner_id", "idx") }
func (r *ResourceView) CreatedAtIndexName() string  { return sqlName(r.Table, "created_at", "idx") }

// Sortable returns the fields lists can be sorted and filtered by: those with an index.
func (r *ResourceView) Sortable() []FieldView {
	var fields []FieldView
	for _, f := range r.Fields {
		if f.HasIndex() {
			fields = append(fields, f)
		}
	}
	return fields
}

// Uniques returns the unique fields.
func (r *ResourceView) Uniques() []FieldView {
	var fields []FieldView
	for _, f := range r.Fields {
		if f.Unique {
			fields = append(fields, f)
		}
	}
	return fields
}

// Refs returns the reference fields.
func (r *ResourceView) Refs() []FieldView {
	var fields []FieldView
	for _, f := range r.Fields {
		if f.Type == TypeRef {
			fields = append(fields, f)
		}
	}
	return fields
}

// HasType reports whether a field of the resource has the type t.
func (r *ResourceView) HasType(t string) bool {
	for _, f := range r.Fields {
		if string(f.Type) == t {
			return true
		}
	}
	return false
}

// RefRepositories returns the repositories the in-memory repository checks references with:
// those of the resources its fields reference, users included, itself excepted, each once.
func (r *ResourceView) RefRepositories() []string {
	var names []string
	for _, f := range r.Refs() {
		if f.Ref != r.Name && !slices.Contains(names, camelCase(f.Ref)+"Repository") {
			names = append(names, camelCase(f.Ref)+"Repository")
		}
	}
	return names
}

// RestrictedBy returns the required references of all resources to r: while one of them holds a
// record's id, Postgres refuses to delete the record.
func (r *ResourceView) RestrictedBy(all []*ResourceView) []FieldView {
	var fields []FieldView
	for _, other := range all {
		for _, f := range other.Refs() {
			if f.Ref == r.Name && !f.Optional {
				fields = append(fields, f)
			}
		}
	}
	return fields
}

// Referrers returns the plural titles of the resources whose required references restrict
// deleting r, joined as prose ("products and order items").
func (r *ResourceView) Referrers(all []*ResourceView) string {
	var titles []string
	for _, f := range r.RestrictedBy(all) {
		if !slices.Contains(titles, f.owner.Title) {
			titles = append(titles, f.owner.Title)
		}
	}
	return wordList(titles, "or")
}

// RequiredRefs returns the references a record cannot be created without.
func (r *ResourceView) RequiredRefs() []FieldView {
	var fields []FieldView
	for _, f := range r.Refs() {
		if !f.Optional {
			fields = append(fields, f)
		}
	}
	return fields
}

// RefSingular is the singular camelCase name of the referenced resource ("supplier", "user"),
// for variables in the tests.
func (f FieldView) RefSingular() string { return camelCase(singularName(f.Ref)) }

// RefSingularTitle is the singular of the referenced resource in words ("supplier", "order item").
func (f FieldView) RefSingularTitle() string {
	return strings.ReplaceAll(singularName(f.Ref), "-", " ")
}

// RefRepository is the name of the referenced resource's repository among the dependencies
// ("suppliersRepository", "usersRepository").
func (f FieldView) RefRepository() string { return camelCase(f.Ref) + "Repository" }

// RefTable is the referenced resource's table.
func (f FieldView) RefTable() string { return strings.ReplaceAll(f.Ref, "-", "_") }

// OnDelete is what Postgres does to the field when the record it references is deleted: a
// required reference refuses the delete, an optional one is cleared.
func (f FieldView) OnDelete() string {
	if f.Optional {
		return "SET NULL"
	}
	return "RESTRICT"
}

// IsSelfRef reports whether the field references its own resource.
func (f FieldView) IsSelfRef() bool { return f.Ref == f.owner.Name }

// Rule is the zod schema of the field's value, without optional or default.
func (f FieldView) Rule() string {
	switch f.Type {
	case TypeString:
		return "text().trim()" + lengthRule(f, 1)
	case TypeText:
		return "text()" + lengthRule(f, 1)
	case TypeInteger:
		return "z.int32()" + boundRule(f)
	case TypeNumber:
		return "z.number()" + boundRule(f)
	case TypeBoolean:
		return "z.boolean()"
	case TypeDate:
		return "calendarDate()"
	case TypeDatetime:
		return "instant()"
	case TypeUUID, TypeRef:
		return "z.uuid().toLowerCase()"
	case TypeEmail:
		return "emailAddress()"
	case TypeURL:
		return "webUrl()"
	case TypeEnum:
		quoted := make([]string, len(f.Enum))
		for i, v := range f.Enum {
			quoted[i] = jsString(v)
		}
		return "z.enum([" + strings.Join(quoted, ", ") + "])"
	}
	panic("unknown field type " + f.Type)
}

func lengthRule(f FieldView, defaultMin int) string {
	minLength := defaultMin
	if f.MinLength != nil {
		minLength = *f.MinLength
	}
	var b strings.Builder
	if minLength > 0 {
		fmt.Fprintf(&b, ".min(%d)", minLength)
	}
	if f.MaxLength != nil {
		fmt.Fprintf(&b, ".max(%d)", *f.MaxLength)
	}
	return b.String()
}

func boundRule(f FieldView) string {
	var b strings.Builder
	if f.Min != nil {
		fmt.Fprintf(&b, ".min(%s)", formatNumber(*f.Min))
	}
	if f.Max != nil {
		fmt.Fprintf(&b, ".max(%s)", formatNumber(*f.Max))
	}
	return b.String()
}

// Ref is "fields.<name>", the field's rule in the schemas module.
func (f FieldView) fieldRef() string { return "fields." + f.Name }

// CreateRule is the field's schema in the body of a create: optional fields may be left out or
// null, and fields with a default get it when left out.
func (f FieldView) CreateRule() string {
	switch {
	case f.Default != nil:
		return f.fieldRef() + ".default(" + f.JSDefault() + ")"
	case f.Optional:
		return f.fieldRef() + ".nullish()"
	}
	return f.fieldRef()
}

// UpdateRule is the field's schema in the body of a change, before .partial(): null clears an
// optional field.
func (f FieldView) UpdateRule() string {
	if f.Optional {
		return f.fieldRef() + ".nullable()"
	}
	return f.fieldRef()
}

// FilterRule is the schema of the query parameter that filters lists by the field: query
// strings are text, so numbers and booleans are read from it.
func (f FieldView) FilterRule() string {
	switch f.Type {
	case TypeInteger, TypeNumber:
		return "numberParam(" + f.fieldRef() + ").optional()"
	case TypeBoolean:
		return "booleanParam.optional()"
	}
	return f.fieldRef() + ".optional()"
}

// ResponseRule is the field's schema in what the API answers, for the OpenAPI document.
func (f FieldView) ResponseRule() string {
	var rule string
	switch f.Type {
	case TypeString, TypeText:
		rule = "z.string()"
	case TypeInteger:
		rule = "z.int()"
	case TypeNumber:
		rule = "z.number()"
	case TypeBoolean:
		rule = "z.boolean()"
	case TypeDate:
		rule = "z.iso.date()"
	case TypeDatetime:
		rule = "z.iso.datetime()"
	case TypeUUID, TypeRef:
		rule = "z.uuid()"
	case TypeEmail:
		rule = "z.email()"
	case TypeURL:
		rule = "z.url()"
	case TypeEnum:
		rule = f.fieldRef()
	}
	if f.Optional {
		rule += ".nullable()"
	}
	return rule
}

// FieldTypeImports returns the helpers of src/resources/fieldTypes.js the schemas module uses.
func (r *ResourceView) FieldTypeImports() []string {
	var names []string
	add := func(name string) {
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, f := range r.Fields {
		switch f.Type {
		case TypeString, TypeText:
			add("text")
		case TypeDate:
			add("calendarDate")
		case TypeDatetime:
			add("instant")
		case TypeEmail:
			add("emailAddress")
		case TypeURL:
			add("webUrl")
		}
	}
	slices.Sort(names)
	return names
}

// ListQueryImports returns the helpers of src/resources/listQuery.js the schemas module uses.
func (r *ResourceView) ListQueryImports() []string {
	names := []string{"limit", "page", "sortBy"}
	for _, f := range r.Sortable() {
		switch f.Type {
		case TypeInteger, TypeNumber:
			if !slices.Contains(names, "numberParam") {
				names = append(names, "numberParam")
			}
		case TypeBoolean:
			if !slices.Contains(names, "booleanParam") {
				names = append(names, "booleanParam")
			}
		}
	}
	slices.Sort(names)
	return names
}

// JSDefault is the field's default as a JavaScript literal, normalized as the API answers it.
func (f FieldView) JSDefault() string {
	if f.Default == nil {
		return ""
	}
	v := *f.Default
	switch f.Type {
	case TypeInteger, TypeNumber, TypeBoolean:
		return v
	case TypeDatetime:
		return jsString(normalizeInstant(v))
	case TypeEmail, TypeUUID:
		return jsString(strings.ToLower(v))
	case TypeString:
		return jsString(strings.TrimSpace(v))
	}
	return jsString(v)
}

// normalizeInstant writes a date-time in UTC with milliseconds, as JavaScript's toISOString.
func normalizeInstant(v string) string {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return v
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// MemoryDefault is what a parameter of the in-memory repository's create defaults to: the
// field's default, null for an optional field, nothing for a required one.
func (f FieldView) MemoryDefault() string {
	switch {
	case f.Default != nil:
		return " = " + f.JSDefault()
	case f.Optional:
		return " = null"
	}
	return ""
}

// SQLType is the column's type.
func (f FieldView) SQLType() string {
	switch f.Type {
	case TypeString:
		return fmt.Sprintf("varchar(%d)", *f.MaxLength)
	case TypeText, TypeURL, TypeEnum:
		return "text"
	case TypeInteger:
		return "integer"
	case TypeNumber:
		return "double precision"
	case TypeBoolean:
		return "boolean"
	case TypeDate:
		return "date"
	case TypeDatetime:
		return "timestamptz"
	case TypeUUID, TypeRef:
		return "uuid"
	case TypeEmail:
		return "varchar(254)"
	}
	panic("unknown field type " + f.Type)
}

// Check is the SQL of the field's check constraint, or "" when it has none: the values of an
// enum, the bounds of a number and the longest text.
func (f FieldView) Check() string {
	var conds []string
	switch f.Type {
	case TypeEnum:
		quoted := make([]string, len(f.Enum))
		for i, v := range f.Enum {
			quoted[i] = "'" + v + "'"
		}
		conds = append(conds, f.Column+" IN ("+strings.Join(quoted, ", ")+")")
	case TypeInteger, TypeNumber:
		if f.Min != nil {
			conds = append(conds, f.Column+" >= "+formatNumber(*f.Min))
		}
		if f.Max != nil {
			conds = append(conds, f.Column+" <= "+formatNumber(*f.Max))
		}
	case TypeText:
		if f.MaxLength != nil {
			conds = append(conds, fmt.Sprintf("char_length(%s) <= %d", f.Column, *f.MaxLength))
		}
	}
	return strings.Join(conds, " AND ")
}

// SelectColumn is the column in the repository's SELECT list: dates are read as text, which pg
// would otherwise make Dates at midnight in the server's time zone.
func (f FieldView) SelectColumn() string {
	if f.Type == TypeDate {
		return fmt.Sprintf("to_char(%s, 'YYYY-MM-DD') AS %s", f.Column, f.Column)
	}
	return f.Column
}

// FromRow is the field's value read from a row.
func (f FieldView) FromRow() string {
	switch {
	case f.Type == TypeDatetime && f.Optional:
		return "row." + f.Column + "?.toISOString() ?? null"
	case f.Type == TypeDatetime:
		return "row." + f.Column + ".toISOString()"
	}
	return "row." + f.Column
}

// jsString writes s as a JavaScript string literal the way Prettier does: in single quotes,
// unless the string holds more single quotes than double ones.
func jsString(s string) string {
	quote := "'"
	if strings.Count(s, "'") > strings.Count(s, `"`) {
		quote = `"`
	}
	var b strings.Builder
	b.WriteString(quote)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case string(r) == quote:
			b.WriteString(`\` + quote)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString(quote)
	return b.String()
}

// Closure returns the resources whose repositories the in-memory repository of r needs, directly
// or through theirs: every resource its references reach, r itself excepted, in the order they
// were added (a resource only references earlier ones).
func (r *ResourceView) Closure(all []*ResourceView) []*ResourceView {
	return r.reach(all, func(FieldView) bool { return true })
}

// Referenced returns the resources of which the tests create a record before creating records of
// r: those r references, and those their required references need, in the order they were added.
func (r *ResourceView) Referenced(all []*ResourceView) []*ResourceView {
	return r.reach(all, func(f FieldView) bool { return f.owner == r || !f.Optional })
}

func (r *ResourceView) reach(all []*ResourceView, follow func(FieldView) bool) []*ResourceView {
	byName := map[string]*ResourceView{}
	for _, v := range all {
		byName[v.Name] = v
	}
	seen := map[string]bool{r.Name: true}
	queue := []*ResourceView{r}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, f := range v.Refs() {
			if dep := byName[f.Ref]; dep != nil && !seen[dep.Name] && follow(f) {
				seen[dep.Name] = true
				queue = append(queue, dep)
			}
		}
	}
	var order []*ResourceView
	for _, v := range all {
		if seen[v.Name] && v != r {
			order = append(order, v)
		}
	}
	return order
}

// ReferencesUsers reports whether r or a resource of its closure references users.
func (r *ResourceView) ReferencesUsers(all []*ResourceView) bool {
	for _, v := range append(r.Closure(all), r) {
		for _, f := range v.Refs() {
			if f.Ref == "users" {
				return true
			}
		}
	}
	return false
}

// NeedsUserRecord reports whether the tests create a user before records of r: when r, or a
// resource of which they create a record, references users where it must.
func (r *ResourceView) NeedsUserRecord(all []*ResourceView) bool {
	for _, f := range r.Refs() {
		if f.Ref == "users" {
			return true
		}
	}
	for _, v := range r.Referenced(all) {
		for _, f := range v.RequiredRefs() {
			if f.Ref == "users" {
				return true
			}
		}
	}
	return false
}

// RefRecord is the test variable holding the record a reference field of a test record names:
// "user" for users, else the referenced resource's singular.
func (f FieldView) RefRecord() string {
	if f.Ref == "users" {
		return "user"
	}
	return f.RefSingular()
}

// OtherRefs returns the references to other resources and to users, not to r itself.
func (r *ResourceView) OtherRefs() []FieldView {
	var fields []FieldView
	for _, f := range r.Refs() {
		if !f.IsSelfRef() {
			fields = append(fields, f)
		}
	}
	return fields
}

// SelfRefs returns the references of r to itself.
func (r *ResourceView) SelfRefs() []FieldView {
	var fields []FieldView
	for _, f := range r.Refs() {
		if f.IsSelfRef() {
			fields = append(fields, f)
		}
	}
	return fields
}

// LeftOut returns the fields a create may leave out: optional ones and those with a default.
func (r *ResourceView) LeftOut() []FieldView {
	var fields []FieldView
	for _, f := range r.Fields {
		if f.Optional || f.Default != nil {
			fields = append(fields, f)
		}
	}
	return fields
}

// Required returns the fields a create must give.
func (r *ResourceView) Required() []FieldView {
	var fields []FieldView
	for _, f := range r.Fields {
		if !f.Optional && f.Default == nil {
			fields = append(fields, f)
		}
	}
	return fields
}

// longestTestString bounds the strings the tests send: a longer one would exceed the default
// body limit (100kb) and be refused for that.
const longestTestString = 50_000

// Sample is a valid value of the field for the tests' new record, as JavaScript: fixed and
// readable, or new on every run for unique fields so that no two records clash, in a shared
// database across runs included.
func (f FieldView) Sample() string {
	switch f.Type {
	case TypeString:
		if f.Unique {
			return uniqueString(f)
		}
		return jsString(fitLength(titleWords(f.Name), f))
	case TypeText:
		return jsString(fitLength("Some "+strings.ToLower(titleWords(f.Name)), f))
	case TypeInteger:
		if f.Unique {
			return fmt.Sprintf("randomInt(%s, %s)", formatNumber(f.low(math.MinInt32)), formatNumber(f.high(math.MaxInt32)+1))
		}
		return formatNumber(f.clamp(3))
	case TypeNumber:
		return formatNumber(f.clamp(9.99))
	case TypeBoolean:
		if f.Default != nil && *f.Default == "false" {
			return "true"
		}
		return "false"
	case TypeDate:
		if f.Unique {
			return "new Date(randomInt(2 ** 45)).toISOString().slice(0, 10)"
		}
		return "'2024-01-31'"
	case TypeDatetime:
		if f.Unique {
			return "new Date(randomInt(2 ** 45)).toISOString()"
		}
		return "'2024-01-31T09:30:00.000Z'"
	case TypeUUID:
		return "randomUUID()"
	case TypeEmail:
		if f.Unique {
			return "`${randomUUID()}@example.com`"
		}
		return "'buyer@example.com'"
	case TypeURL:
		if f.Unique {
			return "`https://example.com/${randomUUID()}`"
		}
		return jsString("https://example.com/" + strings.ToLower(f.Name))
	case TypeEnum:
		for _, v := range f.Enum {
			if f.Default == nil || v != *f.Default {
				return jsString(v)
			}
		}
	case TypeRef:
		return "refs." + f.Name
	}
	panic("unknown field type " + f.Type)
}

// uniqueString is a random string within the field's lengths.
func uniqueString(f FieldView) string {
	switch {
	case *f.MaxLength >= 36+len(f.Name)+1:
		return "`" + strings.ToLower(f.Name) + "-${randomUUID()}`"
	case *f.MaxLength >= 36:
		return "randomUUID()"
	}
	return fmt.Sprintf("randomUUID().slice(0, %d)", *f.MaxLength)
}

// titleWords writes a camelCase name as capitalized words ("releasedOn" -> "Released on").
func titleWords(name string) string {
	s := strings.Join(words(name), " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// fitLength pads or cuts s to the field's lengths.
func fitLength(s string, f FieldView) string {
	if f.MinLength != nil && len(s) < *f.MinLength {
		s += strings.Repeat("x", *f.MinLength-len(s))
	}
	if f.MaxLength != nil && len(s) > *f.MaxLength {
		s = s[:*f.MaxLength]
	}
	return s
}

func (f FieldView) low(fallback float64) float64 {
	if f.Min != nil {
		return *f.Min
	}
	return fallback
}

func (f FieldView) high(fallback float64) float64 {
	if f.Max != nil {
		return *f.Max
	}
	return fallback
}

func (f FieldView) clamp(v float64) float64 {
	if f.Default != nil {
		if d, err := strconv.ParseFloat(*f.Default, 64); err == nil && d != v {
			// A value other than the default shows that the given one is kept.
			v = d + 1
		}
	}
	return math.Max(f.low(v), math.Min(f.high(v), v))
}

// Accepts returns values of the field the API accepts, as JavaScript: a value it answers as
// sent, or "[sent, answered]" for one it normalizes. refs names the ids of referenced records.
func (f FieldView) Accepts() []string {
	var vs []string
	pair := func(sent, answered string) string { return "[" + sent + ", " + answered + "]" }
	repeat := func(n int) string { return fmt.Sprintf("'x'.repeat(%d)", n) }
	switch f.Type {
	case TypeString, TypeText:
		minLength := 1
		if f.MinLength != nil {
			minLength = *f.MinLength
		}
		maxLength := longestTestString
		if f.MaxLength != nil {
			maxLength = *f.MaxLength
		}
		if minLength == 0 {
			vs = append(vs, "''")
		}
		if f.Type == TypeString {
			s := fitLength(titleWords(f.Name), f)
			vs = append(vs, pair(jsString("  "+s+"  "), jsString(s)))
		} else if kept := "  kept as written  "; len(kept) >= minLength && len(kept) <= maxLength {
			vs = append(vs, jsString(kept))
		}
		if injection := "O'Hara; DROP TABLE " + f.table + "; --"; len(injection) >= minLength && len(injection) <= maxLength {
			vs = append(vs, jsString(injection))
		}
		vs = append(vs, repeat(max(minLength, 1)), repeat(maxLength))
	case TypeInteger:
		vs = append(vs, formatNumber(f.low(math.MinInt32)), formatNumber(f.high(math.MaxInt32)))
	case TypeNumber:
		lo, hi := f.low(-1.5), f.high(1e300)
		vs = append(vs, formatJSNumber(lo))
		if mid := 9.99; mid > lo && mid < hi {
			vs = append(vs, formatJSNumber(mid))
		}
		vs = append(vs, formatJSNumber(hi))
	case TypeBoolean:
		vs = append(vs, "true", "false")
	case TypeDate:
		vs = append(vs, "'2024-02-29'", "'0001-01-01'", "'9999-12-31'")
	case TypeDatetime:
		vs = append(vs,
			pair("'2024-01-31T09:30:00Z'", "'2024-01-31T09:30:00.000Z'"),
			pair("'2024-01-31T09:30:00.123456Z'", "'2024-01-31T09:30:00.123Z'"))
	case TypeUUID:
		vs = append(vs, pair("'3F2504E0-4F89-41D3-9A0C-0305E82C3301'", "'3f2504e0-4f89-41d3-9a0c-0305e82c3301'"))
	case TypeEmail:
		vs = append(vs, pair("'Buyer@Example.COM'", "'buyer@example.com'"))
	case TypeURL:
		path := strings.ToLower(f.Name)
		vs = append(vs, jsString("https://example.com/"+path+"?size=2"), jsString("http://localhost:3000/"+path))
	case TypeEnum:
		for _, v := range f.Enum {
			vs = append(vs, jsString(v))
		}
	case TypeRef:
		vs = append(vs, pair("refs."+f.Name+".toUpperCase()", "refs."+f.Name))
	}
	if f.Optional {
		vs = append(vs, "null")
	}
	return vs
}

// formatJSNumber writes a number as a JavaScript literal, with an exponent when that is shorter.
func formatJSNumber(v float64) string {
	plain, exp := formatNumber(v), strconv.FormatFloat(v, 'g', -1, 64)
	if len(exp) < len(plain) {
		return strings.Replace(exp, "e+", "e", 1)
	}
	return plain
}

// Refuses returns values of the field the API refuses, as JavaScript.
func (f FieldView) Refuses() []string {
	var vs []string
	repeat := func(n int) string { return fmt.Sprintf("'x'.repeat(%d)", n) }
	switch f.Type {
	case TypeString, TypeText:
		minLength := 1
		if f.MinLength != nil {
			minLength = *f.MinLength
		}
		if minLength >= 1 {
			vs = append(vs, "''")
			if f.Type == TypeString {
				vs = append(vs, "'   '")
			}
		}
		if minLength > 1 {
			vs = append(vs, repeat(minLength-1))
		}
		if f.MaxLength != nil && *f.MaxLength < longestTestString {
			vs = append(vs, repeat(*f.MaxLength+1))
		}
		vs = append(vs, `'nul\0byte'`, "42")
	case TypeInteger:
		vs = append(vs, formatNumber(f.low(math.MinInt32)-1), formatNumber(f.high(math.MaxInt32)+1), "1.5", "'3'", "true")
	case TypeNumber:
		if f.Min != nil {
			vs = append(vs, formatJSNumber(*f.Min-1))
		}
		if f.Max != nil {
			vs = append(vs, formatJSNumber(*f.Max+1))
		}
		vs = append(vs, "'9.99'", "true")
	case TypeBoolean:
		vs = append(vs, "'true'", "1")
	case TypeDate:
		vs = append(vs, "'2023-02-29'", "'2024-13-01'", "'0000-01-01'", "'2024-01-31T00:00:00Z'", "'31/01/2024'", "20240131")
	case TypeDatetime:
		vs = append(vs, "'2024-01-31T09:30:00+01:00'", "'2024-01-31'", "'2024-01-31T25:00:00Z'", "'0000-01-01T00:00:00Z'", "1706693400000")
	case TypeUUID:
		vs = append(vs, "'not-a-uuid'", "'3f2504e0-4f89-41d3-9a0c-0305e82c330'", "42")
	case TypeEmail:
		vs = append(vs, "'buyer'", "'buyer@'", "`${'b'.repeat(250)}@example.com`", "42")
	case TypeURL:
		vs = append(vs, "'ftp://example.com'", "'javascript:alert(1)'", "'example.com'", "'https://example.com/a b'", "`https://example.com/${'x'.repeat(2048)}`")
	case TypeEnum:
		unknown := "unknown"
		for slices.Contains(f.Enum, unknown) {
			unknown += "_value"
		}
		vs = append(vs, jsString(strings.ToUpper(f.Enum[0][:1])+f.Enum[0][1:]), jsString(unknown), "''")
	case TypeRef:
		vs = append(vs, "'not-a-uuid'", "42")
	}
	if !f.Optional {
		vs = append(vs, "null")
	}
	return vs
}

// SortValues returns three values of the field in ascending order, as JavaScript, for the
// tests of sorting; "" for a reference, whose values are the ids of records the test creates.
func (f FieldView) SortValues() []string {
	switch f.Type {
	case TypeString:
		var vs []string
		for _, c := range []string{"a", "b", "c"} {
			vs = append(vs, jsString(fitLength(c, f)))
		}
		return vs
	case TypeInteger, TypeNumber:
		lo := f.low(0)
		if f.Max != nil && *f.Max-lo < 2 {
			lo = *f.Max - 2
		}
		return []string{formatNumber(lo), formatNumber(lo + 1), formatNumber(lo + 2)}
	case TypeBoolean:
		return []string{"false", "false", "true"}
	case TypeDate:
		return []string{"'2024-01-01'", "'2024-01-02'", "'2024-01-03'"}
	case TypeDatetime:
		return []string{"'2024-01-01T00:00:00.000Z'", "'2024-01-01T00:00:00.001Z'", "'2024-01-02T00:00:00.000Z'"}
	case TypeUUID:
		return []string{"'10000000-0000-4000-8000-000000000000'", "'20000000-0000-4000-8000-000000000000'", "'30000000-0000-4000-8000-000000000000'"}
	case TypeEmail:
		return []string{"'a@example.com'", "'b@example.com'", "'c@example.com'"}
	case TypeURL:
		return []string{"'https://a.example.com'", "'https://b.example.com'", "'https://c.example.com'"}
	case TypeEnum:
		sorted := slices.Clone(f.Enum)
		slices.Sort(sorted)
		vs := []string{jsString(sorted[0]), jsString(sorted[0]), jsString(sorted[len(sorted)-1])}
		if len(sorted) > 2 {
			vs[1] = jsString(sorted[1])
		}
		return vs
	}
	return nil
}

// SortOrder is the order, as JavaScript ("[a, b, c]"), in which a list sorted by the field
// answers three records b, c and a, created in that order with SortValues 1, 2 and 0; ties stay
// in creation order. References hold the same record in all three when required, and the
// record only in a when optional.
func (f FieldView) SortOrder() string {
	switch {
	case f.Type == TypeRef && f.Optional && !f.IsSelfRef():
		return "[a, b, c]"
	case f.Type == TypeRef:
		return "[b, c, a]"
	}
	values := f.SortValues()
	type record struct {
		name  string
		value string
	}
	records := []record{{"b", values[1]}, {"c", values[2]}, {"a", values[0]}}
	rank := map[string]int{}
	for i, v := range values {
		if _, ok := rank[v]; !ok {
			rank[v] = i
		}
	}
	slices.SortStableFunc(records, func(x, y record) int { return rank[x.value] - rank[y.value] })
	names := make([]string, len(records))
	for i, r := range records {
		names[i] = r.name
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// FilterQuery is the query string, as the text of a JavaScript template literal, that filters a
// list by the value record a holds (see SortOrder).
func (f FieldView) FilterQuery() string {
	if f.Type == TypeRef {
		return f.Name + "=${refs." + f.Name + "}"
	}
	v := f.SortValues()[0]
	if unquoted, err := strconv.Unquote(strings.ReplaceAll(v, "'", `"`)); err == nil && strings.HasPrefix(v, "'") {
		v = url.QueryEscape(unquoted)
	}
	return f.Name + "=" + v
}

// FilterMatches are the records, as JavaScript ("[b, a]"), that hold the value of FilterQuery.
func (f FieldView) FilterMatches() string {
	if f.Type == TypeRef && (!f.Optional || f.IsSelfRef()) {
		return "[ids.b, ids.c, ids.a]"
	}
	if f.Type == TypeRef {
		return "[ids.a]"
	}
	values := f.SortValues()
	var names []string
	for i, name := range []string{"b", "c", "a"} {
		if values[[]int{1, 2, 0}[i]] == values[0] {
			names = append(names, "ids."+name)
		}
	}
	return "[" + strings.Join(names, ", ") + "]"
}

// New is the call of the tests' new-record function: with the ids of the required references
// when there are any, and overrides unless "".
func (r *ResourceView) New(refs, overrides string) string {
	var args []string
	if len(r.RequiredRefs()) > 0 {
		args = append(args, refs)
	}
	if overrides != "" {
		args = append(args, overrides)
	}
	return "new" + r.SingularPascal + "(" + strings.Join(args, ", ") + ")"
}

// Quote returns JavaScript string literals of names.
func (r *ResourceView) Quote(names []string) []string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = jsString(n)
	}
	return quoted
}

// Names returns the names of fields.
func (r *ResourceView) Names(fields []FieldView) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
}

// Fit writes items between open and close the way Prettier does at this indent: on one line
// when it fits in the print width, else one item a line with trailing commas. open and close
// are the text before and after the list ("async create({", "}) {").
func (r *ResourceView) Fit(indent int, open, close string, items []string) string {
	pad := strings.Repeat(" ", indent)
	if line := pad + open + " " + strings.Join(items, ", ") + " " + close; len(line) <= printWidth && strings.HasSuffix(open, "{") {
		return line
	}
	if line := pad + open + strings.Join(items, ", ") + close; len(line) <= printWidth && !strings.HasSuffix(open, "{") {
		return line
	}
	var b strings.Builder
	b.WriteString(pad + open + "\n")
	for _, item := range items {
		b.WriteString(element(indent+2, item) + ",\n")
	}
	b.WriteString(pad + close)
	return b.String()
}

// element writes an element of a broken array at this indent: an array that does not fit is
// broken too, one element a line.
func element(indent int, item string) string {
	pad := strings.Repeat(" ", indent)
	if len(pad+item+",") <= printWidth || !strings.HasPrefix(item, "[") || !strings.HasSuffix(item, "]") {
		return pad + item
	}
	inner := splitTopLevel(item[1 : len(item)-1])
	return pad + "[\n" + pad + "  " + strings.Join(inner, ",\n"+pad+"  ") + ",\n" + pad + "]"
}

// CreateParams are the parameters of the in-memory repository's create: every field, with its
// default, and the owner of an owned resource.
func (r *ResourceView) CreateParams() []string {
	var params []string
	for _, f := range r.Fields {
		params = append(params, f.Name+f.MemoryDefault())
	}
	if r.Owned {
		params = append(params, "ownerId = null")
	}
	return params
}

// SortableNames are the quoted names a list can be sorted by: createdAt and the indexed fields.
func (r *ResourceView) SortableNames() []string {
	names := []string{"'createdAt'"}
	for _, f := range r.Sortable() {
		names = append(names, jsString(f.Name))
	}
	return names
}

// FitCondition writes `if (a && b) {` the way Prettier does at this indent: on one line when it
// fits, else with each operand on a line of its own.
func (r *ResourceView) FitCondition(indent int, operands []string) string {
	pad := strings.Repeat(" ", indent)
	if line := pad + "if (" + strings.Join(operands, " && ") + ") {"; len(line) <= printWidth {
		return line
	}
	return pad + "if (\n" + pad + "  " + strings.Join(operands, " &&\n"+pad+"  ") + "\n" + pad + ") {"
}

// Strings returns its arguments as a list, for Fit.
func (r *ResourceView) Strings(items ...string) []string { return items }

// UniqueNames are the quoted names of the unique fields.
func (r *ResourceView) UniqueNames() []string {
	var names []string
	for _, f := range r.Uniques() {
		names = append(names, jsString(f.Name))
	}
	return names
}

// CapitalTitle is the plural title with a capital ("Order items"), to start a sentence.
func (r *ResourceView) CapitalTitle() string { return strings.ToUpper(r.Title[:1]) + r.Title[1:] }

// MemoryRefCheck is the in-memory repository's check that the field names a record that exists,
// as Prettier writes it inside assertReferencesExist.
func (f FieldView) MemoryRefCheck() string {
	exists := "(await " + f.RefRepository() + ".findById(fields." + f.Name + "))"
	if f.IsSelfRef() {
		exists = "records.has(fields." + f.Name + ")"
	} else if len("      !"+exists) > printWidth {
		// Too long for a line of the broken condition: Prettier breaks the call.
		exists = "(await " + f.RefRepository() + ".findById(\n        fields." + f.Name + ",\n      ))"
	}
	cond := f.owner.FitCondition(4, []string{"fields." + f.Name + " != null", "!" + exists})
	throw := f.owner.Fit(6, "throw missingReference(", ");", []string{jsString(f.Name), jsString("No " + f.RefSingularTitle() + " has this id")})
	return cond + "\n" + throw + "\n    }"
}

// FieldNames are the names of the fields.
func (r *ResourceView) FieldNames() []string {
	names := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		names[i] = f.Name
	}
	return names
}

// Import writes an import of names from a module, wrapped as Prettier wraps it (which it never
// does for a single name).
func (r *ResourceView) Import(from string, names ...string) string {
	line := "import { " + strings.Join(names, ", ") + " } from '" + from + "';"
	if len(line) <= printWidth || len(names) == 1 {
		return line
	}
	return "import {\n  " + strings.Join(names, ",\n  ") + ",\n} from '" + from + "';"
}

// routeLocals are the names a route handler already uses, which a record variable must not take.
var routeLocals = []string{"req", "res", "next", "repository", "router", "dependencies", "validate", "fields", "record"}

// Var is the variable that holds one record in the routes and tests: the singular name, or
// "record" when that is too long to keep lines short or is taken.
func (r *ResourceView) Var() string {
	if len(r.Singular) > 19 || slices.Contains(routeLocals, r.Singular) {
		return "record"
	}
	return r.Singular
}

// UniqueTitles are the unique fields as prose ("sku or name").
func (r *ResourceView) UniqueTitles() string {
	var names []string
	for _, f := range r.Uniques() {
		names = append(names, f.Name)
	}
	return wordList(names, "or")
}

// RefTitles are the singular titles of the resources the references name, as prose, each once
// ("supplier or user").
func (r *ResourceView) RefTitles() string {
	var titles []string
	for _, f := range r.Refs() {
		if t := f.RefSingularTitle(); !slices.Contains(titles, t) {
			titles = append(titles, t)
		}
	}
	return wordList(titles, "or")
}

// CapitalSingularTitle is the singular title with a capital ("Order item").
func (r *ResourceView) CapitalSingularTitle() string {
	return strings.ToUpper(r.SingularTitle[:1]) + r.SingularTitle[1:]
}

// CreateErrors are the error constants of the routes module that a create may answer.
func (r *ResourceView) CreateErrors() []string {
	var errs []string
	if len(r.Uniques()) > 0 {
		errs = append(errs, "...CONFLICT")
	}
	if len(r.Refs()) > 0 {
		errs = append(errs, "...MISSING_REFERENCE")
	}
	return errs
}

// ChangeErrors are the error constants of the routes module that a change may answer.
func (r *ResourceView) ChangeErrors() []string {
	return append([]string{"...NOT_FOUND"}, r.CreateErrors()...)
}

// SelectColumns are the columns of the repository's SELECT list, in order.
func (r *ResourceView) SelectColumns() []string {
	cols := []string{"id"}
	for _, f := range r.Fields {
		cols = append(cols, f.SelectColumn())
	}
	if r.Owned {
		cols = append(cols, "owner_id")
	}
	return append(cols, "created_at", "updated_at")
}

// SQLList writes SQL items as the text of a template literal, on lines of at most the print
// width at this indent after the first, which follows `first` on its line.
func (r *ResourceView) SQLList(indent int, first string, items []string) string {
	pad := strings.Repeat(" ", indent)
	var lines []string
	line := first
	for i, item := range items {
		if i < len(items)-1 {
			item += ","
		}
		switch {
		case line == first && i == 0:
			line += item
		case len(pad)+len(line)+1+len(item) <= printWidth:
			line += " " + item
		default:
			lines = append(lines, line)
			line = pad + item
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// ColumnMap writes an object literal from field names to columns, for the repository's
// whitelists: one pair a line.
func (r *ResourceView) ColumnMap(fields []FieldView, extra ...string) string {
	var b strings.Builder
	b.WriteString("{\n")
	for i := 0; i+1 < len(extra); i += 2 {
		b.WriteString("  " + extra[i] + ": '" + extra[i+1] + "',\n")
	}
	for _, f := range fields {
		b.WriteString("  " + f.Name + ": '" + f.Column + "',\n")
	}
	b.WriteString("}")
	return b.String()
}

// ForeignKeys are the references whose constraint the repository maps to the field, with the
// message a client gets.
func (r *ResourceView) ForeignKeys() []FieldView { return r.Refs() }

// HugCall writes `head(text, [last]);` the way Prettier does at this indent: on one line when
// it fits; else with the array broken after the text when that much fits; else with each
// argument on a line of its own.
func (r *ResourceView) HugCall(indent int, head, text, last string) string {
	pad := strings.Repeat(" ", indent)
	if line := pad + head + "(" + text + ", [" + last + "]);"; len(line) <= printWidth {
		return line
	}
	if line := pad + head + "(" + text + ", ["; len(line) <= printWidth {
		return line + "\n" + pad + "  " + last + ",\n" + pad + "]);"
	}
	return pad + head + "(\n" + pad + "  " + text + ",\n" + pad + "  [" + last + "],\n" + pad + ");"
}

// Prop writes the property `name: value,` the way Prettier does at this indent: on one line
// when it fits; else, for an object literal, one property a line; for a call of one array, one
// element a line; else with the value on the next line.
func (r *ResourceView) Prop(indent int, name, value string) string {
	pad := strings.Repeat(" ", indent)
	if line := pad + name + ": " + value + ","; len(line) <= printWidth || strings.HasPrefix(value, "`") {
		return line
	}
	if inner, ok := strings.CutPrefix(value, "{ "); ok && strings.HasSuffix(inner, " }") {
		items := splitTopLevel(strings.TrimSuffix(inner, " }"))
		var b strings.Builder
		b.WriteString(pad + name + ": {\n")
		for _, item := range items {
			k, v, _ := strings.Cut(item, ": ")
			b.WriteString(r.Prop(indent+2, k, v) + "\n")
		}
		return b.String() + pad + "},"
	}
	if call := leadingCall().FindStringSubmatchIndex(value); call != nil {
		// A call of a plain function (numberParam(...).optional()): Prettier breaks its
		// argument out rather than the line after the colon.
		end := closingParen(value, call[1]-1)
		if end > 0 && !strings.Contains(value[call[1]:end], ",") {
			return pad + name + ": " + value[:call[1]] + "\n" + pad + "  " + value[call[1]:end] + ",\n" + pad + value[end:] + ","
		}
	}
	if open := strings.Index(value, "(["); open > 0 && strings.HasSuffix(value, "])") {
		items := splitTopLevel(value[open+2 : len(value)-2])
		return pad + name + ": " + value[:open+2] + "\n" + pad + "  " + strings.Join(items, ",\n"+pad+"  ") + ",\n" + pad + "]),"
	}
	return pad + name + ":\n" + pad + "  " + value + ","
}

// leadingCall matches a value that starts with a call of a plain function: "numberParam(".
var leadingCall = lazyRegexp(`^[A-Za-z_$][A-Za-z0-9_$]*\(`)

// closingParen returns the index of the parenthesis that closes the one at open, or -1.
func closingParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// splitTopLevel splits a JavaScript list at its commas outside brackets and quotes.
func splitTopLevel(s string) []string {
	var items []string
	depth, start := 0, 0
	var quote rune
	for i, c := range s {
		switch {
		case quote != 0:
			if c == quote && (i == 0 || s[i-1] != '\\') {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			items = append(items, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	return append(items, strings.TrimSpace(s[start:]))
}

// DeleteRefusal is the message of a delete that required references refuse.
func (r *ResourceView) DeleteRefusal(all []*ResourceView) string {
	referrers := r.Referrers(all)
	return jsString(strings.ToUpper(referrers[:1]) + referrers[1:] + " still reference this " + r.SingularTitle)
}

// hugObject writes `head(args..., { props })` the way Prettier does at this indent: on one line
// when it fits, else with the last argument (an object) broken, one property a line, when its
// opening fits, else with every argument on a line of its own. Each prop is "key: value".
func (r *ResourceView) hugObject(indent int, head string, args []string, props [][2]string) string {
	pad := strings.Repeat(" ", indent)
	var flat []string
	for _, p := range props {
		flat = append(flat, p[0]+": "+p[1])
	}
	object := "{ " + strings.Join(flat, ", ") + " }"
	prefix := head + "(" + strings.Join(args, ", ") + ", "
	if line := pad + prefix + object + ");"; len(line) <= printWidth {
		return line
	}
	if len(pad+prefix+"{") <= printWidth {
		var b strings.Builder
		b.WriteString(pad + prefix + "{\n")
		for _, p := range props {
			b.WriteString(r.Prop(indent+2, p[0], p[1]) + "\n")
		}
		return b.String() + pad + "});"
	}
	var b strings.Builder
	b.WriteString(pad + head + "(\n")
	for _, a := range args {
		b.WriteString(pad + "  " + a + ",\n")
	}
	if line := pad + "  " + object + ","; len(line) <= printWidth {
		b.WriteString(line + "\n")
	} else {
		b.WriteString(pad + "  {\n")
		for _, p := range props {
			b.WriteString(r.Prop(indent+4, p[0], p[1]) + "\n")
		}
		b.WriteString(pad + "  },\n")
	}
	return b.String() + pad + ");"
}

// ColumnDefinition is the field's column in pgm.createTable, as a line (or lines) at indent 4.
func (f FieldView) ColumnDefinition() string {
	items := []string{"type: '" + f.SQLType() + "'"}
	if !f.Optional {
		items = append(items, "notNull: true")
	}
	if f.Default != nil {
		items = append(items, "default: "+f.JSDefault())
	}
	return f.owner.Fit(4, f.Column+": {", "},", items)
}

// MigrationStatements are the migration's statements after createTable: constraints, then
// indexes, each at indent 2.
func (r *ResourceView) MigrationStatements() []string {
	var stmts []string
	table := jsString(r.Table)
	constraint := func(name string, key string, value string) {
		stmts = append(stmts, r.hugObject(2, "pgm.addConstraint", []string{table, jsString(name)}, [][2]string{{key, value}}))
	}
	for _, f := range r.Uniques() {
		constraint(f.UniqueName(), "unique", jsString(f.Column))
	}
	for _, f := range r.Fields {
		if check := f.Check(); check != "" {
			constraint(f.CheckName(), "check", jsString(check))
		}
	}
	foreignKey := func(name, column, references, onDelete string) {
		props := []string{"columns: " + jsString(column), "references: " + jsString(references), "onDelete: '" + onDelete + "'"}
		constraint(name, "foreignKeys", "{ "+strings.Join(props, ", ")+" }")
	}
	for _, f := range r.Refs() {
		foreignKey(f.ForeignKeyName(), f.Column, f.RefTable(), f.OnDelete())
	}
	if r.Owned {
		foreignKey(r.OwnerForeignKeyName(), "owner_id", "users", "SET NULL")
	}
	index := func(columns, name string) {
		stmts = append(stmts, r.hugObject(2, "pgm.createIndex", []string{table, columns}, [][2]string{{"name", jsString(name)}}))
	}
	for _, f := range r.Fields {
		if f.Indexed || f.Type == TypeRef {
			index(jsString(f.Column), f.IndexName())
		}
	}
	if r.Owned {
		index("'owner_id'", r.OwnerIndexName())
	}
	index("['created_at', 'id']", r.CreatedAtIndexName())
	return stmts
}

// SampleImports are the node:crypto functions the samples module uses.
func (r *ResourceView) SampleImports(all []*ResourceView) []string {
	var code strings.Builder
	for _, f := range r.Fields {
		code.WriteString(f.Sample())
	}
	var names []string
	if strings.Contains(code.String(), "randomInt(") {
		names = append(names, "randomInt")
	}
	if strings.Contains(code.String(), "randomUUID(") || r.NeedsUserRecord(all) {
		names = append(names, "randomUUID")
	}
	return names
}

// refIdVar is the samples' variable holding the id of the record the field references.
func (f FieldView) refIdVar() string { return f.RefRecord() + "Id" }

// RefIds is the object of ids createReferences passes to the new-record function of r, for
// its required references.
func (r *ResourceView) RefIds() string {
	var props []string
	for _, f := range r.RequiredRefs() {
		props = append(props, f.Name+": "+f.refIdVar())
	}
	return "{ " + strings.Join(props, ", ") + " }"
}

// RefIdProps are the properties of createReferences' answer: the id each reference names.
func (r *ResourceView) RefIdProps() []string {
	var props []string
	for _, f := range r.OtherRefs() {
		props = append(props, f.Name+": "+f.refIdVar())
	}
	return props
}

// FilterRefusal is a query value the field's filter refuses, as the text of a JavaScript
// template literal.
func (f FieldView) FilterRefusal() string {
	switch f.Type {
	case TypeString:
		return fmt.Sprintf("${'x'.repeat(%d)}", *f.MaxLength+1)
	case TypeInteger, TypeNumber:
		return "abc"
	case TypeBoolean:
		return "yes"
	case TypeDate:
		return "2024-13-01"
	case TypeDatetime:
		return "yesterday"
	case TypeEmail:
		return "buyer"
	case TypeURL:
		return "example.com"
	case TypeEnum:
		return "unknown"
	}
	return "42"
}

// Change is a value of the field that differs from its Sample, as "sent" and "answered"
// JavaScript, for the tests of changes.
func (f FieldView) Change() [2]string {
	if f.Unique {
		// A new value, never one a record of another test or run holds.
		return [2]string{f.Sample(), f.Sample()}
	}
	if f.Type == TypeBoolean {
		if f.Sample() == "true" {
			return [2]string{"false", "false"}
		}
		return [2]string{"true", "true"}
	}
	accepts := f.Accepts()
	for i := len(accepts) - 1; i >= 0; i-- {
		v := accepts[i]
		if v == "null" {
			continue
		}
		if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") && f.Type != TypeString && f.Type != TypeText {
			sent, answered, _ := strings.Cut(v[1:len(v)-1], ", ")
			return [2]string{sent, answered}
		}
		if strings.HasPrefix(v, "[") {
			continue
		}
		return [2]string{v, v}
	}
	return [2]string{f.Sample(), f.Sample()}
}

// Changed is the field the tests of changes change: the first that is not a reference, or the
// first reference.
func (r *ResourceView) Changed() FieldView {
	for _, f := range r.Fields {
		if f.Type != TypeRef {
			return f
		}
	}
	return r.Fields[0]
}

// Cleared is the optional field the tests of changes clear with null, if any.
func (r *ResourceView) Cleared() *FieldView {
	changed := r.Changed()
	for _, f := range r.Fields {
		if f.Optional && f.Name != changed.Name {
			return &f
		}
	}
	return nil
}

// OptionalRefs are the optional references to other resources or users.
func (r *ResourceView) OptionalRefs() []FieldView {
	var fields []FieldView
	for _, f := range r.OtherRefs() {
		if f.Optional {
			fields = append(fields, f)
		}
	}
	return fields
}

// SortValuesObject writes the object of the sortable fields' SortValues, one field a line, for
// the tests of sorting; references excepted.
func (r *ResourceView) SortValuesObject(indent int) string {
	if len(r.Sortable()) == len(r.Refs()) {
		return "{}"
	}
	var b strings.Builder
	b.WriteString("{\n")
	for _, f := range r.Sortable() {
		if f.Type == TypeRef {
			continue
		}
		b.WriteString(r.Fit(indent+2, f.Name+": [", "],", f.SortValues()) + "\n")
	}
	b.WriteString(strings.Repeat(" ", indent) + "}")
	return b.String()
}

// MemoryRepositories are the in-memory repositories a test of r builds, dependencies first:
// users when referenced, the closure's and r's own.
func (r *ResourceView) MemoryRepositories(all []*ResourceView) []string {
	var names []string
	if r.ReferencesUsers(all) {
		names = append(names, "usersRepository")
	}
	for _, v := range append(r.Closure(all), r) {
		names = append(names, v.Camel+"Repository")
	}
	return names
}

// MemoryRepositoryDecl declares r's in-memory repository at this indent, as Prettier writes it.
func (r *ResourceView) MemoryRepositoryDecl(indent int) string {
	pad := strings.Repeat(" ", indent)
	head := pad + "const " + r.Camel + "Repository = createMemory" + r.Pascal + "Repository("
	if deps := r.RefRepositories(); len(deps) > 0 {
		return head + "{\n" + pad + "  " + strings.Join(deps, ",\n"+pad+"  ") + ",\n" + pad + "});"
	}
	if len(head+");") > printWidth {
		return pad + "const " + r.Camel + "Repository =\n" + pad + "  createMemory" + r.Pascal + "Repository();"
	}
	return head + ");"
}

// SentWithNulls are the properties of a created record's fields as the tests expect them: what
// was sent, and null for the optional references left out.
func (r *ResourceView) SentWithNulls() []string {
	props := []string{"...sent"}
	for _, f := range r.Refs() {
		if f.Optional {
			props = append(props, f.Name+": null")
		}
	}
	return props
}

// Obj writes an object literal broken one property a line at this indent (the closing brace's),
// which Prettier keeps as it is.
func (r *ResourceView) Obj(indent int, props []string) string {
	pad := strings.Repeat(" ", indent)
	return "{\n" + pad + "  " + strings.Join(props, ",\n"+pad+"  ") + ",\n" + pad + "}"
}

// Rows writes an array of arrays between open and close as Prettier does at this indent: one
// row a line, unless there is a single row and it fits on the line.
func (r *ResourceView) Rows(indent int, open, close string, rows []string) string {
	pad := strings.Repeat(" ", indent)
	if len(rows) == 1 {
		if line := pad + open + rows[0] + close; len(line) <= printWidth {
			return line
		}
	}
	var b strings.Builder
	b.WriteString(pad + open + "\n")
	for _, row := range rows {
		b.WriteString(element(indent+2, row) + ",\n")
	}
	return b.String() + pad + close
}

// SortRows are the rows of the tests of sorting: each sort and the order it answers.
func (r *ResourceView) SortRows() []string {
	rows := []string{"['createdAt', [b, c, a]]"}
	for _, f := range r.Sortable() {
		rows = append(rows, "["+jsString(f.Name)+", "+f.SortOrder()+"]")
	}
	return rows
}

// FilterRows are the rows of the tests of filtering: each query and the records it answers.
func (r *ResourceView) FilterRows() []string {
	var rows []string
	for _, f := range r.Sortable() {
		if !f.IsSelfRef() {
			rows = append(rows, "[`"+f.FilterQuery()+"`, "+f.FilterMatches()+"]")
		}
	}
	return rows
}

// MissingRows are the rows of the tests of references to no record: each field and its message.
func (r *ResourceView) MissingRows() []string {
	var rows []string
	for _, f := range r.Refs() {
		rows = append(rows, "["+jsString(f.Name)+", "+jsString("No "+f.RefSingularTitle()+" has this id")+"]")
	}
	return rows
}

// SelfRefProps are the properties of the ids fieldRules gets in the tests of a resource that
// references itself: the references' ids, and the existing record for each self reference.
func (r *ResourceView) SelfRefProps() []string {
	var props []string
	if len(r.OtherRefs()) > 0 {
		props = append(props, "...refs")
	}
	for _, f := range r.SelfRefs() {
		props = append(props, f.Name+": existing.id")
	}
	return props
}

// StoredProps are the properties of what the API hands the repository in the tests of the
// Postgres repository: a new record whose references name any ids (the private table has no
// foreign keys), optional references null.
func (r *ResourceView) StoredProps() []string {
	var props []string
	if len(r.RequiredRefs()) > 0 {
		props = append(props, "..."+r.New("anyRefs", ""))
	} else {
		props = append(props, "..."+r.New("", ""))
	}
	for _, f := range r.Refs() {
		if f.Optional {
			props = append(props, f.Name+": null")
		}
	}
	return append(props, "...overrides")
}

// AnyRefs are the properties of ids for every reference, for the private table's records.
func (r *ResourceView) AnyRefs() []string {
	var props []string
	for _, f := range r.Refs() {
		props = append(props, f.Name+": randomUUID()")
	}
	return props
}

// SortRefRows are the references' values of records b, c and a in the Postgres tests of
// sorting: ids in the order of the records' letters.
func (r *ResourceView) SortRefProps() []string {
	var props []string
	for _, f := range r.Sortable() {
		if f.Type == TypeRef {
			props = append(props, f.Name+": REF_IDS[i]")
		}
	}
	return props
}

// PgSortRows are the rows of the Postgres tests of sorting, where references hold ordered ids.
func (r *ResourceView) PgSortRows() []string {
	rows := []string{"['createdAt', [b, c, a]]"}
	for _, f := range r.Sortable() {
		order := f.SortOrder()
		if f.Type == TypeRef {
			order = "[a, b, c]"
		}
		rows = append(rows, "["+jsString(f.Name)+", "+order+"]")
	}
	return rows
}

// PgFilterRows are the rows of the Postgres tests of filtering: each field and the records that
// hold record a's value.
func (r *ResourceView) PgFilterRows() []string {
	var rows []string
	for _, f := range r.Sortable() {
		matches := f.FilterMatches()
		if f.Type == TypeRef {
			matches = "[ids.a]"
		}
		rows = append(rows, "["+jsString(f.Name)+", "+matches+"]")
	}
	return rows
}

// RequiredResourceRefs are the required references to other resources (not users, nor r).
func (r *ResourceView) RequiredResourceRefs() []FieldView {
	var fields []FieldView
	for _, f := range r.RequiredRefs() {
		if f.Ref != "users" && !f.IsSelfRef() {
			fields = append(fields, f)
		}
	}
	return fields
}

// ClearsUsers reports whether the Postgres tests delete users: to clear an optional reference
// to users, or (with sign-in) the owner.
func (r *ResourceView) ClearsUsers(auth bool) bool {
	for _, f := range r.OptionalRefs() {
		if f.Ref == "users" {
			return true
		}
	}
	return r.Owned && auth
}

// Doc describes the field for the README: its type and rules.
func (f FieldView) Doc() string {
	var parts []string
	switch f.Type {
	case TypeString, TypeText:
		minLength := 1
		if f.MinLength != nil {
			minLength = *f.MinLength
		}
		switch {
		case f.MaxLength != nil:
			parts = append(parts, fmt.Sprintf("%s of %d to %d characters", f.Type, minLength, *f.MaxLength))
		case minLength == 1:
			parts = append(parts, "non-empty "+string(f.Type))
		default:
			parts = append(parts, fmt.Sprintf("%s of at least %d characters", f.Type, minLength))
		}
		if f.Type == TypeString {
			parts = append(parts, "trimmed")
		}
	case TypeInteger, TypeNumber:
		s := string(f.Type)
		switch {
		case f.Min != nil && f.Max != nil:
			s += fmt.Sprintf(" from %s to %s", formatNumber(*f.Min), formatNumber(*f.Max))
		case f.Min != nil:
			s += " of at least " + formatNumber(*f.Min)
		case f.Max != nil:
			s += " of at most " + formatNumber(*f.Max)
		}
		parts = append(parts, s)
	case TypeDate:
		parts = append(parts, "date (`2024-01-31`)")
	case TypeDatetime:
		parts = append(parts, "date-time in UTC (`2024-01-31T09:30:00Z`, answered with milliseconds)")
	case TypeUUID:
		parts = append(parts, "UUID (answered in lower case)")
	case TypeEmail:
		parts = append(parts, "email address (stored in lower case)")
	case TypeURL:
		parts = append(parts, "http or https URL")
	case TypeEnum:
		parts = append(parts, "one of `"+strings.Join(f.Enum, "`, `")+"`")
	case TypeRef:
		if f.Ref == "users" {
			parts = append(parts, "the id of a user")
		} else {
			parts = append(parts, "the id of a "+f.RefSingularTitle()+" (`/api/v1/"+f.Ref+"`)")
		}
	default:
		parts = append(parts, string(f.Type))
	}
	if f.Optional {
		parts = append(parts, "optional (null when left out)")
	}
	if f.Default != nil {
		parts = append(parts, "default "+strings.ReplaceAll(f.JSDefault(), "'", ""))
	}
	if f.Unique {
		parts = append(parts, "unique")
	}
	return strings.Join(parts, ", ")
}

// SortableDoc lists the names a list sorts by, as Markdown prose ("`createdAt` or `sku`").
func (r *ResourceView) SortableDoc() string {
	names := []string{"`createdAt`"}
	for _, f := range r.Sortable() {
		names = append(names, "`"+f.Name+"`")
	}
	return wordList(names, "or")
}

// FilterDoc lists the fields a list filters by, as Markdown prose.
func (r *ResourceView) FilterDoc() string {
	var names []string
	for _, f := range r.Sortable() {
		names = append(names, "`"+f.Name+"`")
	}
	return wordList(names, "and")
}

// RecordDoc is the JSON shape of a record, as the README shows it.
func (r *ResourceView) RecordDoc() string {
	names := []string{`"id"`}
	for _, f := range r.Fields {
		names = append(names, `"`+f.Name+`"`)
	}
	if r.Owned {
		names = append(names, `"ownerId"`)
	}
	names = append(names, `"createdAt"`, `"updatedAt"`)
	return "{" + strings.Join(names, ",") + "}"
}

// CryptoImports are the node:crypto functions a test module uses: those given, and those the
// change of Changed draws values with.
func (r *ResourceView) CryptoImports(given ...string) []string {
	names := slices.Clone(given)
	change := r.Changed().Change()[0]
	for _, fn := range []string{"randomInt", "randomUUID"} {
		if strings.Contains(change, fn+"(") && !slices.Contains(names, fn) {
			names = append(names, fn)
		}
	}
	slices.Sort(names)
	return names
}

// Constraint writes an entry of the Postgres repository's CONSTRAINTS at indent 2, as Prettier
// writes it.
func (r *ResourceView) Constraint(name, field, message string) string {
	one := "  " + name + ": { field: " + jsString(field) + ", message: " + jsString(message) + " },"
	if len(one) <= printWidth {
		return one
	}
	return "  " + name + ": {\n" + r.Prop(4, "field", jsString(field)) + "\n" + r.Prop(4, "message", jsString(message)) + "\n  },"
}

// BadQueryRows are the rows of the tests of refused list queries: each query and the path of
// the detail it answers.
func (r *ResourceView) BadQueryRows() []string {
	rows := []string{"['page=0', 'query.page']", "['limit=1.5', 'query.limit']", "['sort=id', 'query.sort']", "['sort=--createdAt', 'query.sort']"}
	for _, f := range r.Sortable() {
		rows = append(rows, "[`"+f.Name+"="+f.FilterRefusal()+"`, "+jsString("query."+f.Name)+"]")
	}
	return rows
}

// Assign writes the statement `lhs = rhs;` at this indent, with rhs on the next line when the
// statement does not fit on one, as Prettier breaks an assignment.
func (r *ResourceView) Assign(indent int, lhs, rhs string) string {
	pad := strings.Repeat(" ", indent)
	if line := pad + lhs + " = " + rhs + ";"; len(line) <= printWidth {
		return line
	}
	return pad + lhs + " =\n" + pad + "  " + rhs + ";"
}

// CacheReferences are the fields of a record that the database clears when the record they name
// is deleted (its optional references, its own included, and with sign-in its owner), as
// `field: 'resource'` properties: its cache forgets the entries that name a deleted record.
func (r *ResourceView) CacheReferences(auth bool) []string {
	var props []string
	for _, f := range r.Refs() {
		if f.Optional {
			props = append(props, f.Name+": "+jsString(f.Ref))
		}
	}
	if r.Owned && auth {
		props = append(props, "ownerId: 'users'")
	}
	return props
}

// CacheDeclaration is the statement that creates the resource's read-through cache with its
// CacheReferences, as Prettier writes it at indent. The lines after the first are not indented:
// a manifest indents them where they go.
func (r *ResourceView) CacheDeclaration(indent int, auth bool) string {
	head := "const " + r.Camel + "Cache = createCache(" + jsString(r.Name)
	refs := r.CacheReferences(auth)
	if len(refs) == 0 {
		return head + ");"
	}
	if line := head + ", { " + strings.Join(refs, ", ") + " });"; indent+len(line) <= printWidth {
		return line
	}
	return head + ", {\n  " + strings.Join(refs, ",\n  ") + ",\n});"
}

// DeletableRefs are the optional references to other records whose deletion a test may use to
// have the database clear them: those to a resource that no required reference also names (the
// tests' references share one record per resource, and a required one would refuse the delete).
func (r *ResourceView) DeletableRefs() []FieldView {
	required := map[string]bool{}
	for _, f := range r.RequiredRefs() {
		required[f.Ref] = true
	}
	var fields []FieldView
	for _, f := range r.OptionalRefs() {
		if !required[f.Ref] {
			fields = append(fields, f)
		}
	}
	return fields
}
