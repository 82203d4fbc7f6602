package generator

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Resource is a domain resource a project adds with `scaffold resource`: a plural name, its
// fields, and whether each record belongs to the user who created it. It is the model the
// resource templates render from and what scaffold.yaml records (as Name, Specs and Owned).
//
// Every resource also has the columns id (a uuid), createdAt and updatedAt, and, when Owned,
// ownerId (a reference to users); they are implied, never listed in Fields.
type Resource struct {
	// Name is the plural name as typed: lowercase letters and digits in words joined by "-"
	// ("products", "order-items"). It is the URL segment (/api/v1/order-items); Table gives
	// the SQL name.
	Name string
	// Fields are the resource's own fields, in the order they were given.
	Fields []Field
	// Owned says each record belongs to the user who created it: only they or an admin may
	// change or delete it.
	Owned bool
	// Number is the resource's place in the order resources were added to the project (from 1).
	// It never changes, so what is ordered by it (migrations) keeps its place when other
	// resources come and go.
	Number int
}

// Field is one field of a resource, parsed from a spec such as "price:number:min=0".
//
// The parser normalizes a field so that one meaning has one value: a string always has its
// MaxLength (255 unless given), numbers in Default are written the shortest way, and Indexed is
// set only where nothing else already indexes the column (see HasIndex).
type Field struct {
	// Name is the camelCase name the field has in JSON, GraphQL and JavaScript.
	Name string
	Type FieldType
	// Optional fields may be left out (and are then null); the others are required on create.
	Optional bool
	// Unique fields have a unique index: a second record with the same value is a conflict.
	Unique bool
	// Indexed fields have an index of their own, so lists can be filtered by them.
	Indexed bool
	// Default is the value a record gets when the field is left out, as the spec gave it
	// (numbers normalized); nil when there is none.
	Default *string
	// Min and Max bound the value of an integer or number field.
	Min, Max *float64
	// MinLength and MaxLength bound the length, in characters, of a string or text field.
	MinLength, MaxLength *int
	// Enum lists an enum field's values, in the order given.
	Enum []string
	// Ref is the plural name of the resource a ref field references: another resource,
	// the resource itself, or "users".
	Ref string
}

// FieldType is the type of a field, as written in its spec.
type FieldType string

// The field types, with what each is in JSON and in Postgres (the templates decide the details):
//
//	string    a short string (at most 255 characters unless max= says, at most 500); varchar(n)
//	text      a long string, not indexable; text
//	integer   a whole number, in the range of a 32-bit SQL integer; integer
//	number    a number; double precision
//	boolean   true or false; boolean
//	date      a calendar date, "2024-01-31"; date
//	datetime  an instant in UTC, "2024-01-31T09:30:00Z"; timestamptz
//	uuid      a UUID; uuid
//	email     an email address (at most 254 characters); text
//	url       an http or https URL; text
//	enum      one of the listed lowercase values; text with a check constraint
//	ref       the id of a record of another resource (or users); a uuid foreign key
const (
	TypeString   FieldType = "string"
	TypeText     FieldType = "text"
	TypeInteger  FieldType = "integer"
	TypeNumber   FieldType = "number"
	TypeBoolean  FieldType = "boolean"
	TypeDate     FieldType = "date"
	TypeDatetime FieldType = "datetime"
	TypeUUID     FieldType = "uuid"
	TypeEmail    FieldType = "email"
	TypeURL      FieldType = "url"
	TypeEnum     FieldType = "enum"
	TypeRef      FieldType = "ref"
)

// FieldTypes lists every field type, in the order messages and docs name them.
var FieldTypes = []FieldType{
	TypeString, TypeText, TypeInteger, TypeNumber, TypeBoolean, TypeDate, TypeDatetime,
	TypeUUID, TypeEmail, TypeURL, TypeEnum, TypeRef,
}

// The modifiers a field spec may carry after its type, in the canonical order Specs writes them.
const (
	modOptional = "optional"
	modUnique   = "unique"
	modIndexed  = "indexed"
	modMin      = "min"
	modMax      = "max"
	modDefault  = "default"
)

var modifiers = []string{modOptional, modUnique, modIndexed, modMin, modMax, modDefault}

// typeModifiers says which modifiers each type accepts. min and max are lengths for string and
// text and values for integer and number. unique is refused where equality is unreliable
// (number) or makes no sense (boolean, enum, text); indexed is refused on text, whose values are
// too long for an index; default is refused on ref.
var typeModifiers = map[FieldType][]string{
	TypeString:   {modOptional, modUnique, modIndexed, modMin, modMax, modDefault},
	TypeText:     {modOptional, modMin, modMax, modDefault},
	TypeInteger:  {modOptional, modUnique, modIndexed, modMin, modMax, modDefault},
	TypeNumber:   {modOptional, modIndexed, modMin, modMax, modDefault},
	TypeBoolean:  {modOptional, modIndexed, modDefault},
	TypeDate:     {modOptional, modUnique, modIndexed, modDefault},
	TypeDatetime: {modOptional, modUnique, modIndexed, modDefault},
	TypeUUID:     {modOptional, modUnique, modIndexed, modDefault},
	TypeEmail:    {modOptional, modUnique, modIndexed, modDefault},
	TypeURL:      {modOptional, modUnique, modIndexed, modDefault},
	TypeEnum:     {modOptional, modIndexed, modDefault},
	TypeRef:      {modOptional, modUnique, modIndexed},
}

// refusalHints explain the refusals a user is most likely to run into.
var refusalHints = map[string]string{
	"text unique":   "use string for a value that must be unique",
	"text indexed":  "use string for a value lists are filtered by",
	"number unique": "decimals make unreliable keys; use integer or string",
	"ref default":   "a reference has no default",
}

const (
	// MaxResourceNameLength bounds resource names, which become table, file and type names. At
	// 24 the longest lines a name reaches (its app.use and its repository in dependencies.js)
	// still fit Prettier's 100 columns on one line, as the templates write them.
	MaxResourceNameLength = 24
	// MaxFieldNameLength bounds field names, which become column and index names.
	MaxFieldNameLength = 40
	// DefaultStringMaxLength is the length a string field is limited to unless max= says.
	DefaultStringMaxLength = 255
	// maxStringMaxLength keeps a string indexable: a btree index entry holds about 2,700 bytes,
	// and a character takes up to 4.
	maxStringMaxLength = 500
	// maxTextMaxLength is the largest max= of a text field; larger values belong in files.
	maxTextMaxLength = 1_000_000
)

// KnownNames is what already exists in the project, for the checks that depend on it.
type KnownNames struct {
	// Resources holds the names of the project's resources (not users, which every project has).
	Resources []string
}

// ResourceSpecError says why a resource name or one of its field specs was refused. The CLI
// reports it as a usage error.
type ResourceSpecError struct {
	// Resource is the resource name as typed.
	Resource string
	// Spec is the field spec as typed, or "" when the problem is the resource itself (or an
	// empty spec).
	Spec string
	// Problem says what is wrong and, where it can, how to fix it.
	Problem string
}

func (e *ResourceSpecError) Error() string {
	if e.Spec != "" {
		return fmt.Sprintf("field %q: %s", e.Spec, e.Problem)
	}
	return fmt.Sprintf("resource %q: %s", e.Resource, e.Problem)
}

// ParseResource checks a resource name and its field specs and returns the resource they
// describe. A spec is
//
//	name[?]:type[?][:modifier]...
//
// where type is one of FieldTypes, enum and ref with an argument (enum=draft|published, whose
// values may also be separated by ",", which needs no quoting in a shell; ref=suppliers), and a
// modifier is optional, unique, indexed, min=N, max=N or default=VALUE. A "?" after the name or
// the type is the same as optional. default= takes the rest of the spec, colons included (so
// that URLs and date-times need no escaping), and so comes last. Types and modifier words are
// read case-insensitively; each modifier may appear once.
//
// The first problem found is returned as a *ResourceSpecError.
func ParseResource(name string, specs []string, owned bool, known KnownNames) (*Resource, error) {
	if err := checkResourceName(name, known); err != nil {
		return nil, err
	}
	if len(specs) == 0 {
		return nil, &ResourceSpecError{Resource: name, Problem: "give it at least one field, such as name:string"}
	}
	refs := append([]string{"users", name}, known.Resources...)
	r := &Resource{Name: name, Owned: owned}
	columns := map[string]string{"id": "id", "created_at": "createdAt", "updated_at": "updatedAt", "owner_id": "ownerId"}
	names := map[string]bool{}
	for _, spec := range specs {
		fail := func(format string, args ...any) error {
			return &ResourceSpecError{Resource: name, Spec: spec, Problem: fmt.Sprintf(format, args...)}
		}
		f, problem := parseField(spec, refs)
		if problem != "" {
			return nil, fail("%s", problem)
		}
		col := f.Column()
		switch other, taken := columns[col]; {
		case names[f.Name]:
			return nil, fail("%q is already a field of %s", f.Name, name)
		case other == "ownerId":
			return nil, fail("its column %q is reserved for ownerId, which --owned adds", col)
		case owned && f.Name == "owner":
			return nil, fail("%q is reserved with --owned: GraphQL answers the record's owner under it", f.Name)
		case taken && slices.Contains(implicitFields, other):
			return nil, fail("its column %q is the one of %s, which every record has", col, other)
		case taken:
			return nil, fail("its column %q is already the column of field %q", col, other)
		}
		if f.Type == TypeRef && f.Ref == name && !f.Optional {
			return nil, fail("a reference to %s itself must be optional (add ?), or no first record could be created", name)
		}
		columns[col] = f.Name
		names[f.Name] = true
		r.Fields = append(r.Fields, f)
	}
	return r, nil
}

// Specs returns the field specs ParseResource reads back into r: each field's name and type,
// then its modifiers in a fixed order (optional, unique, indexed, min, max, default), leaving
// out what is implied. This is the form scaffold.yaml records, so that a change to a resource
// reads as a change of one line.
func (r Resource) Specs() []string {
	specs := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		specs[i] = f.Spec()
	}
	return specs
}

// Spec returns the canonical spec of the field (see Resource.Specs).
func (f Field) Spec() string {
	parts := []string{f.Name + ":" + string(f.Type)}
	switch f.Type {
	case TypeEnum:
		parts[0] += "=" + strings.Join(f.Enum, "|")
	case TypeRef:
		parts[0] += "=" + f.Ref
	}
	if f.Optional {
		parts = append(parts, modOptional)
	}
	if f.Unique {
		parts = append(parts, modUnique)
	}
	if f.Indexed {
		parts = append(parts, modIndexed)
	}
	if f.Min != nil {
		parts = append(parts, modMin+"="+formatNumber(*f.Min))
	}
	if f.MinLength != nil {
		parts = append(parts, modMin+"="+strconv.Itoa(*f.MinLength))
	}
	if f.Max != nil {
		parts = append(parts, modMax+"="+formatNumber(*f.Max))
	}
	if f.MaxLength != nil && (f.Type != TypeString || *f.MaxLength != DefaultStringMaxLength) {
		parts = append(parts, modMax+"="+strconv.Itoa(*f.MaxLength))
	}
	if f.Default != nil {
		parts = append(parts, modDefault+"="+*f.Default)
	}
	return strings.Join(parts, ":")
}

// Table returns the resource's SQL table name: its name in snake_case ("order_items").
func (r Resource) Table() string {
	return strings.ReplaceAll(r.Name, "-", "_")
}

// Column returns the field's SQL column name: its name in snake_case, with "_id" after the name
// of a reference ("unitPrice" -> "unit_price", "supplier" -> "supplier_id").
func (f Field) Column() string {
	col := snakeCase(f.Name)
	if f.Type == TypeRef {
		col += "_id"
	}
	return col
}

// HasIndex reports whether the field's column is indexed, so that lists can be filtered by it:
// when it is indexed, unique, or a reference (foreign keys are always indexed).
func (f Field) HasIndex() bool {
	return f.Indexed || f.Unique || f.Type == TypeRef
}

// implicitFields are the fields every resource has.
var implicitFields = []string{"id", "createdAt", "updatedAt", "ownerId"}

var (
	resourceNamePattern = lazyRegexp(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	fieldNamePattern    = lazyRegexp(`^[a-z][a-zA-Z0-9]*$`)
	enumValuePattern    = lazyRegexp(`^[a-z][a-z0-9_]*$`)
	integerPattern      = lazyRegexp(`^-?(0|[1-9][0-9]*)$`)
	numberPattern       = lazyRegexp(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
	// uuidPattern is what zod's z.uuid() accepts: RFC 9562 versions 1 to 8, and the nil and max UUIDs.
	uuidPattern = lazyRegexp(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$`)
	// emailPattern is zod's z.email() pattern, without its two lookaheads (checked separately).
	emailPattern = lazyRegexp(`^[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`)
)

// reservedResourceNames are taken by what every generated service has, whatever its features:
// routes, folders and modules of src/, and tables.
var reservedResourceNames = map[string]string{}

func init() {
	for _, n := range []string{"users", "auth", "me", "admin", "oauth2", "session", "sessions", "tokens",
		"health", "ready", "graphql", "docs", "openapi", "api", "socket-io"} {
		reservedResourceNames[n] = "the generated service has a route of that name"
	}
	for _, n := range []string{"app", "cache", "config", "db", "dependencies", "errors", "logger",
		"middlewares", "migrations", "realtime", "redis", "routes", "scripts", "server", "test"} {
		reservedResourceNames[n] = "the generated service has a folder or module of that name"
	}
	for _, n := range []string{"credentials", "identities", "refresh-tokens", "refresh-token-families", "pgmigrations"} {
		reservedResourceNames[n] = "the generated service has a table of that name"
	}
	reservedResourceNames["resources"] = "the generated service has a folder of that name"
	// A resource's schemas module names its record by the singular, beside the helpers it imports.
	for _, n := range []string{"texts", "instants", "pages", "limits", "zs"} {
		reservedResourceNames[n] = "its singular names a helper of the generated schemas"
	}
}

// listQueryParams are the list route's query parameters, which filters by field must not shadow.
var listQueryParams = []string{"page", "limit", "sort"}

// jsReservedWords cannot name a binding in an ES module, and objectPrototypeNames would shadow
// what every object inherits; a field name is used as both.
var (
	jsReservedWords = []string{
		"arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger",
		"default", "delete", "do", "else", "enum", "eval", "export", "extends", "false", "finally",
		"for", "function", "if", "implements", "import", "in", "instanceof", "interface", "let",
		"new", "null", "package", "private", "protected", "public", "return", "static", "super",
		"switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void", "while",
		"with", "yield",
	}
	objectPrototypeNames = []string{
		"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString",
		"toString", "valueOf",
	}
)

// sqlReservedWords are PostgreSQL's reserved key words (including those that may only name a
// function or type): none of them can name a column or table without quoting.
var sqlReservedWords = []string{
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization",
	"binary", "both", "case", "cast", "check", "collate", "collation", "column", "concurrently",
	"constraint", "create", "cross", "current_catalog", "current_date", "current_role",
	"current_schema", "current_time", "current_timestamp", "current_user", "default", "deferrable",
	"desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
	"from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
	"into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
	"localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
	"outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
	"session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
	"to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
	"where", "window", "with",
}

// typeAliases are names from other tools, suggested as the type they mean.
var typeAliases = map[string]FieldType{
	"int": TypeInteger, "bigint": TypeInteger, "float": TypeNumber, "double": TypeNumber,
	"decimal": TypeNumber, "numeric": TypeNumber, "bool": TypeBoolean, "varchar": TypeString,
	"timestamp": TypeDatetime, "timestamptz": TypeDatetime, "time": TypeDatetime,
	"references": TypeRef, "reference": TypeRef, "belongs_to": TypeRef,
}

// modifierAliases are names from other tools, suggested as the modifier they mean.
var modifierAliases = map[string]string{
	"nullable": modOptional, "index": modIndexed, "minlength": modMin, "maxlength": modMax,
	"length": modMax, "len": modMax, "uniq": modUnique,
}

func checkResourceName(name string, known KnownNames) error {
	fail := func(format string, args ...any) error {
		return &ResourceSpecError{Resource: name, Problem: fmt.Sprintf(format, args...)}
	}
	switch {
	case name == "":
		return fail("give the resource a plural name, such as products")
	case !resourceNamePattern().MatchString(name):
		if s := kebabCase(name); s != "" && s != name && resourceNamePattern().MatchString(s) {
			return fail("use lowercase words joined by \"-\" (try %s)", s)
		}
		return fail("use lowercase letters and digits, starting with a letter, in words joined by \"-\" (such as order-items)")
	case len(name) > MaxResourceNameLength:
		return fail("use at most %d characters", MaxResourceNameLength)
	case reservedResourceNames[name] != "":
		return fail("the name is reserved: %s", reservedResourceNames[name])
	case slices.Contains(known.Resources, name):
		return fail("the project already has this resource")
	case slices.Contains(jsReservedWords, camelCase(name)):
		return fail("%q is a reserved word in JavaScript", camelCase(name))
	case slices.Contains(sqlReservedWords, strings.ReplaceAll(name, "-", "_")):
		return fail("%q is a reserved word in PostgreSQL", strings.ReplaceAll(name, "-", "_"))
	case graphQLClash(name, known.Resources) != "":
		return fail("GraphQL already has %q: choose another name", graphQLClash(name, known.Resources))
	}
	return nil
}

// parseField parses one field spec; refs are the resources it may reference. It returns the
// problem, if any, as the text of a ResourceSpecError.
func parseField(spec string, refs []string) (Field, string) {
	var f Field
	if spec == "" {
		return f, "a field spec is empty; write name:type, such as title:string"
	}
	parts := strings.Split(spec, ":")
	// default= takes the rest of the spec.
	for i := 2; i < len(parts); i++ {
		if k, _, ok := strings.Cut(parts[i], "="); ok && strings.EqualFold(k, modDefault) {
			parts = append(parts[:i], strings.Join(parts[i:], ":"))
			break
		}
	}

	name := parts[0]
	if n, ok := strings.CutSuffix(name, "?"); ok {
		name, f.Optional = n, true
	}
	if problem := checkFieldName(name); problem != "" {
		return f, problem
	}
	f.Name = name
	if len(parts) < 2 {
		return f, fmt.Sprintf("missing type; write %s:type, such as %s:string", name, name)
	}

	typ := parts[1]
	if t, ok := strings.CutSuffix(typ, "?"); ok {
		if f.Optional {
			return f, "optional given twice"
		}
		typ, f.Optional = t, true
	}
	if problem := parseType(&f, typ, refs); problem != "" {
		return f, problem
	}

	given := map[string]string{}
	if f.Optional {
		given[modOptional] = ""
	}
	for _, part := range parts[2:] {
		key, value, hasValue := strings.Cut(part, "=")
		key = strings.ToLower(key)
		switch {
		case part == "":
			return f, "empty modifier between colons"
		case strings.HasSuffix(part, "?") && !hasValue:
			return f, fmt.Sprintf("\"?\" goes after the name or the type (%s?:%s); here write optional", f.Name, f.Type)
		case !slices.Contains(modifiers, key):
			return f, unknownWord("modifier", key, modifiers, modifierAliases)
		case !slices.Contains(typeModifiers[f.Type], key):
			msg := fmt.Sprintf("%s fields take no %s", f.Type, key)
			if hint := refusalHints[string(f.Type)+" "+key]; hint != "" {
				return f, msg + ": " + hint
			}
			return f, fmt.Sprintf("%s; they accept %s", msg, wordList(typeModifiers[f.Type], "and"))
		}
		if _, dup := given[key]; dup {
			return f, key + " given twice"
		}
		switch key {
		case modOptional, modUnique, modIndexed:
			if hasValue {
				return f, fmt.Sprintf("%s takes no value; write just %s", key, key)
			}
		case modMin, modMax:
			if !hasValue || value == "" {
				return f, fmt.Sprintf("%s needs a value, such as %s=%s", key, key, map[string]string{modMin: "1", modMax: "80"}[key])
			}
		case modDefault:
			if !hasValue {
				return f, "default needs a value after \"=\", such as default=draft"
			}
		}
		given[key] = value
		switch key {
		case modOptional:
			f.Optional = true
		case modUnique:
			f.Unique = true
		case modIndexed:
			f.Indexed = true
		}
	}

	if problem := checkBounds(&f, given); problem != "" {
		return f, problem
	}
	if value, ok := given[modDefault]; ok {
		v, problem := checkDefault(f, value)
		if problem != "" {
			if strings.Contains(value, ":") && f.Type != TypeString && f.Type != TypeText && f.Type != TypeURL && f.Type != TypeDatetime {
				problem += "; default= takes the rest of the spec, so it comes last"
			}
			return f, problem
		}
		f.Default = &v
	}
	switch {
	case f.Optional && f.Default != nil:
		return f, "a field with a default may already be left out; drop optional"
	case f.Unique && f.Default != nil:
		return f, "a unique field cannot have a default: a second record left at the default would clash"
	}
	// One meaning, one value: these columns are indexed already.
	if f.Unique || f.Type == TypeRef {
		f.Indexed = false
	}

	col := f.Column()
	switch {
	case f.Type == TypeRef && strings.HasSuffix(f.Name, "Id") && len(f.Name) > 2:
		base := strings.TrimSuffix(f.Name, "Id")
		return f, fmt.Sprintf("name a reference for what it references: %s, not %s (its column is %s_id)", base, f.Name, snakeCase(base))
	case len(col) > MaxFieldNameLength+len("_id"):
		return f, fmt.Sprintf("its column %q is too long; use a shorter name", col)
	case slices.Contains(sqlReservedWords, col):
		return f, fmt.Sprintf("its column %q is a reserved word in PostgreSQL; choose another name", col)
	}
	return f, ""
}

// checkFieldName checks what can be checked of a field name without its type.
func checkFieldName(name string) string {
	switch {
	case name == "":
		return "missing name; write name:type, such as title:string"
	case !fieldNamePattern().MatchString(name):
		if s := camelCase(name); s != "" && fieldNamePattern().MatchString(s) {
			return fmt.Sprintf("%q is not a camelCase name (try %s)", name, s)
		}
		return fmt.Sprintf("%q is not a camelCase name: use letters and digits, starting with a lowercase letter", name)
	case len(name) > MaxFieldNameLength:
		return fmt.Sprintf("%q is longer than %d characters", name, MaxFieldNameLength)
	case name == "ownerId":
		return "\"ownerId\" is reserved: --owned adds it"
	case slices.Contains(implicitFields, name):
		return fmt.Sprintf("%q is reserved: every record has it", name)
	case slices.Contains(listQueryParams, name):
		return fmt.Sprintf("%q is reserved: it is a query parameter of the list route", name)
	case slices.Contains(jsReservedWords, name):
		return fmt.Sprintf("%q is a reserved word in JavaScript", name)
	case slices.Contains(objectPrototypeNames, name):
		return fmt.Sprintf("%q is reserved: every JavaScript object inherits it", name)
	}
	return ""
}

// parseType reads the type part of a spec, with its argument for enum and ref.
func parseType(f *Field, typ string, refs []string) string {
	kind, arg, hasArg := strings.Cut(typ, "=")
	kind = strings.ToLower(kind)
	names := make([]string, len(FieldTypes))
	for i, t := range FieldTypes {
		names[i] = string(t)
	}
	if kind == "" {
		return fmt.Sprintf("missing type; write %s:type, such as %s:string", f.Name, f.Name)
	}
	if !slices.Contains(names, kind) {
		aliases := map[string]string{}
		for a, t := range typeAliases {
			aliases[a] = string(t)
		}
		return unknownWord("type", kind, names, aliases)
	}
	f.Type = FieldType(kind)
	switch f.Type {
	case TypeEnum:
		if !hasArg || arg == "" {
			return "enum needs its values, such as enum=draft|published"
		}
		values := strings.FieldsFunc(arg, func(r rune) bool { return r == '|' || r == ',' })
		if strings.Count(arg, "|")+strings.Count(arg, ",")+1 != len(values) {
			return "empty enum value; separate values with single \"|\" or \",\""
		}
		for i, v := range values {
			switch {
			case !enumValuePattern().MatchString(v):
				if s := snakeCase(strings.ReplaceAll(v, "-", "_")); s != v && enumValuePattern().MatchString(s) {
					return fmt.Sprintf("enum value %q is not a lowercase identifier (try %s)", v, s)
				}
				return fmt.Sprintf("enum value %q is not a lowercase identifier: use lowercase letters, digits and _, starting with a letter", v)
			case v == "true" || v == "false" || v == "null":
				return fmt.Sprintf("enum value %q cannot be used: GraphQL refuses true, false and null as enum values", v)
			case slices.Contains(values[:i], v):
				return fmt.Sprintf("enum value %q is listed twice", v)
			}
		}
		if len(values) < 2 {
			return fmt.Sprintf("an enum needs at least two values (such as enum=%s|other)", values[0])
		}
		f.Enum = values
	case TypeRef:
		if !hasArg || arg == "" {
			return "ref needs the resource it references, such as ref=users"
		}
		if !slices.Contains(refs, arg) {
			problem := fmt.Sprintf("no resource %q to reference", arg)
			if s := nearest(strings.ToLower(arg), refs); s != "" {
				return problem + fmt.Sprintf(" (did you mean %s?)", s)
			}
			return problem + fmt.Sprintf("; references go to users, to the resource itself or to one the project has (create %s first)", arg)
		}
		f.Ref = arg
	default:
		if hasArg {
			if f.Type == TypeString || f.Type == TypeText {
				return fmt.Sprintf("%s takes no \"=\"; give a length limit as a modifier, such as %s:max=%s", f.Type, f.Type, arg)
			}
			return fmt.Sprintf("%s takes no \"=\"", f.Type)
		}
	}
	return ""
}

// checkBounds reads min= and max= into the field, checked against its type and each other.
func checkBounds(f *Field, given map[string]string) string {
	minValue, hasMin := given[modMin]
	maxValue, hasMax := given[modMax]
	switch f.Type {
	case TypeString, TypeText:
		upper := maxTextMaxLength
		if f.Type == TypeString {
			upper = maxStringMaxLength
			if !hasMax {
				n := DefaultStringMaxLength
				f.MaxLength = &n
			}
		}
		length := func(key, value string, lowest int) (*int, string) {
			n, err := strconv.Atoi(value)
			if err != nil || !integerPattern().MatchString(value) {
				return nil, fmt.Sprintf("%s=%s is not a whole number of characters", key, value)
			}
			if n < lowest || n > upper {
				hint := ""
				if f.Type == TypeString && n > upper {
					hint = "; use text for longer values"
				}
				return nil, fmt.Sprintf("%s=%s is out of range: a %s length is %d to %d%s", key, value, f.Type, lowest, upper, hint)
			}
			return &n, ""
		}
		var problem string
		if hasMin {
			if f.MinLength, problem = length(modMin, minValue, 0); problem != "" {
				return problem
			}
		}
		if hasMax {
			if f.MaxLength, problem = length(modMax, maxValue, 1); problem != "" {
				return problem
			}
		}
		if f.MinLength != nil && f.MaxLength != nil && *f.MinLength > *f.MaxLength {
			if !hasMax {
				return fmt.Sprintf("min=%d is more than the default max of %d; give max too", *f.MinLength, *f.MaxLength)
			}
			return fmt.Sprintf("min=%d is more than max=%d", *f.MinLength, *f.MaxLength)
		}
	case TypeInteger, TypeNumber:
		var problem string
		if hasMin {
			if f.Min, problem = parseNumber(f.Type, modMin+"="+minValue, minValue); problem != "" {
				return problem
			}
		}
		if hasMax {
			if f.Max, problem = parseNumber(f.Type, modMax+"="+maxValue, maxValue); problem != "" {
				return problem
			}
		}
		if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
			return fmt.Sprintf("min=%s is more than max=%s", formatNumber(*f.Min), formatNumber(*f.Max))
		}
	}
	return ""
}

// parseNumber reads a number written as in JSON; an integer must be whole and in the range of a
// 32-bit SQL integer. what names the value in the problem.
func parseNumber(t FieldType, what, value string) (*float64, string) {
	if t == TypeInteger {
		if !integerPattern().MatchString(value) {
			return nil, fmt.Sprintf("%s is not a whole number", what)
		}
		n, err := strconv.ParseInt(value, 10, 32)
		if err != nil {
			return nil, fmt.Sprintf("%s is out of the range of an integer (%d to %d)", what, math.MinInt32, math.MaxInt32)
		}
		v := float64(n)
		return &v, ""
	}
	if !numberPattern().MatchString(value) {
		return nil, fmt.Sprintf("%s is not a number (write it as in JSON, such as 9.99)", what)
	}
	v, err := strconv.ParseFloat(value, 64)
	if err != nil || math.IsInf(v, 0) {
		return nil, fmt.Sprintf("%s is too large", what)
	}
	if v == 0 {
		v = 0 // no negative zero
	}
	return &v, ""
}

// checkDefault checks a default value against the field's type and bounds and returns it
// normalized.
func checkDefault(f Field, value string) (string, string) {
	what := "default " + strconv.Quote(value)
	switch f.Type {
	case TypeString, TypeText:
		n := utf8.RuneCountInString(value)
		if f.MinLength != nil && n < *f.MinLength || f.MaxLength != nil && n > *f.MaxLength {
			return "", fmt.Sprintf("%s has %d characters, outside the field's limits", what, n)
		}
		return value, ""
	case TypeInteger, TypeNumber:
		v, problem := parseNumber(f.Type, what, value)
		if problem != "" {
			return "", problem
		}
		if f.Min != nil && *v < *f.Min || f.Max != nil && *v > *f.Max {
			return "", fmt.Sprintf("%s is outside the field's min and max", what)
		}
		return formatNumber(*v), ""
	case TypeBoolean:
		if value != "true" && value != "false" {
			return "", what + " is not true or false"
		}
	case TypeDate:
		if _, err := time.Parse(time.DateOnly, value); err != nil {
			return "", what + " is not a date such as 2024-01-31"
		}
	case TypeDatetime:
		t, err := time.Parse(time.RFC3339Nano, value)
		if err != nil || !strings.HasSuffix(value, "Z") || strings.ContainsAny(value, "tz") || t.Year() < 1 {
			return "", what + " is not a date-time in UTC such as 2024-01-31T09:30:00Z"
		}
	case TypeUUID:
		if !uuidPattern().MatchString(value) {
			return "", what + " is not a UUID"
		}
	case TypeEmail:
		if len(value) > 254 || !emailPattern().MatchString(value) || strings.HasPrefix(value, ".") || strings.Contains(value, "..") {
			return "", what + " is not an email address"
		}
	case TypeURL:
		u, err := url.Parse(value)
		if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || strings.ContainsAny(value, " \t") {
			return "", what + " is not an http or https URL"
		}
	case TypeEnum:
		if !slices.Contains(f.Enum, value) {
			return "", fmt.Sprintf("%s is not one of %s", what, strings.Join(f.Enum, ", "))
		}
	}
	return value, ""
}

// unknownWord describes a misspelt type or modifier, with the nearest known one when it is close.
func unknownWord(kind, word string, known []string, aliases map[string]string) string {
	problem := fmt.Sprintf("unknown %s %q", kind, word)
	if word == "required" && kind == "modifier" {
		return problem + ": fields are required unless optional"
	}
	s := aliases[word]
	if s == "" {
		s = nearest(word, known)
	}
	if s != "" {
		return problem + fmt.Sprintf(" (did you mean %s?)", s)
	}
	return problem + fmt.Sprintf("; %ss are %s", kind, wordList(known, "and"))
}

// wordList joins words as prose: "a, b and c".
func wordList(words []string, and string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + and + " " + words[len(words)-1]
}

// formatNumber writes a number the shortest way that reads back the same, without an exponent.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// snakeCase turns a camelCase name into snake_case: "unitPrice" -> "unit_price",
// "imageURL" -> "image_url", "line2Text" -> "line2_text".
func snakeCase(name string) string {
	var b strings.Builder
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isLower := func(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }
	for i := 0; i < len(name); i++ {
		c := name[i]
		if isUpper(c) {
			if i > 0 && (isLower(name[i-1]) || isUpper(name[i-1]) && i+1 < len(name) && isLower(name[i+1])) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// words splits a name in any case style into lowercase words of letters and digits.
func words(name string) []string {
	return strings.FieldsFunc(snakeCase(name), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// camelCase turns a name in any case style into camelCase ("order-items" -> "orderItems"), for
// suggestions and checks.
func camelCase(name string) string {
	ws := words(strings.ToLower(name[:min(1, len(name))]) + name[min(1, len(name)):])
	for i := 1; i < len(ws); i++ {
		ws[i] = strings.ToUpper(ws[i][:1]) + ws[i][1:]
	}
	return strings.Join(ws, "")
}

// kebabCase turns a name in any case style into kebab-case ("OrderItems" -> "order-items"), for
// suggestions.
func kebabCase(name string) string {
	return strings.Join(words(name), "-")
}
