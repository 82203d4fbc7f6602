package generator

import (
	"strings"
	"testing"
)

func TestSQLNameFitsPostgres(t *testing.T) {
	long := strings.Repeat("a", 40)
	tests := []struct{ parts []string }{
		{[]string{"products", "sku", "key"}},
		{[]string{long, long + "_id", "fkey"}},
		{[]string{long, long + "_x", "fkey"}},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		got := sqlName(tt.parts...)
		if len(got) > maxIdentifierLength {
			t.Errorf("sqlName(%q) = %q, %d bytes", tt.parts, got, len(got))
		}
		if seen[got] {
			t.Errorf("sqlName(%q) = %q, the name of another", tt.parts, got)
		}
		seen[got] = true
	}
	if got := sqlName("products", "sku", "key"); got != "products_sku_key" {
		t.Errorf("a short name is kept: got %q", got)
	}
}

func TestJSStringQuotesAsPrettier(t *testing.T) {
	for in, want := range map[string]string{
		"food":          "'food'",
		"it's":          `"it's"`,
		`say "hi"`:      `'say "hi"'`,
		`a\b`:           `'a\\b'`,
		"line\nbreak":   `'line\nbreak'`,
		`it's "quoted"`: `'it\'s "quoted"'`,
	} {
		if got := jsString(in); got != want {
			t.Errorf("jsString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestFieldRulesByType(t *testing.T) {
	r, err := ParseResource("products", []string{
		"name:string", "quantity:integer:min=0:default=0", "price:number:min=0", "category:enum=food|tools",
		"contact:email?", "supplier:ref=users", "releasedOn:date:indexed",
	}, true, KnownNames{})
	if err != nil {
		t.Fatal(err)
	}
	v := NewResourceView(*r)
	want := map[string][3]string{
		"name":       {"text().trim().min(1).max(255)", "fields.name", "varchar(255)"},
		"quantity":   {"z.int32().min(0)", "fields.quantity.default(0)", "integer"},
		"price":      {"z.number().min(0)", "fields.price", "double precision"},
		"category":   {"z.enum(['food', 'tools'])", "fields.category", "text"},
		"contact":    {"emailAddress()", "fields.contact.nullish()", "varchar(254)"},
		"supplier":   {"z.uuid().toLowerCase()", "fields.supplier", "uuid"},
		"releasedOn": {"calendarDate()", "fields.releasedOn", "date"},
	}
	for _, f := range v.Fields {
		got := [3]string{f.Rule(), f.CreateRule(), f.SQLType()}
		if got != want[f.Name] {
			t.Errorf("%s: rule, create rule, SQL type = %q, want %q", f.Name, got, want[f.Name])
		}
	}
	if got := v.Fields[1].Check(); got != "quantity >= 0" {
		t.Errorf("quantity check = %q", got)
	}
	if got := v.Fields[3].Check(); got != "category IN ('food', 'tools')" {
		t.Errorf("category check = %q", got)
	}
	if got := v.Fields[6].SelectColumn(); got != "to_char(released_on, 'YYYY-MM-DD') AS released_on" {
		t.Errorf("date select = %q", got)
	}
}

func TestFitBreaksAsPrettier(t *testing.T) {
	v := NewResourceView(Resource{Name: "products"})
	if got := v.Fit(2, "return {", "};", []string{"a", "b"}); got != "  return { a, b };" {
		t.Errorf("short list: %q", got)
	}
	long := []string{strings.Repeat("a", 50), strings.Repeat("b", 50)}
	want := "  return {\n    " + long[0] + ",\n    " + long[1] + ",\n  };"
	if got := v.Fit(2, "return {", "};", long); got != want {
		t.Errorf("long list: %q", got)
	}
	if got := v.Prop(2, "category", "z.enum(['"+strings.Repeat("x", 100)+"'])"); !strings.HasPrefix(got, "  category: z.enum([\n    '") {
		t.Errorf("a call of an array breaks inside the array: %q", got)
	}
}
