package generator

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func ptr[T any](v T) *T { return &v }

var testKnown = KnownNames{Resources: []string{"suppliers", "categories", "order-items"}}

func TestParseFieldSpecs(t *testing.T) {
	str := func(name string) Field { return Field{Name: name, Type: TypeString, MaxLength: ptr(255)} }
	tests := []struct {
		spec string
		want Field
		// canonical is what Specs writes back; "" means spec itself.
		canonical string
	}{
		{spec: "name:string", want: str("name")},
		{spec: "title:string:max=80", want: Field{Name: "title", Type: TypeString, MaxLength: ptr(80)}},
		{spec: "title:string:max=255", want: str("title"), canonical: "title:string"},
		{
			spec:      "code:string:max=10:min=2:unique",
			want:      Field{Name: "code", Type: TypeString, Unique: true, MinLength: ptr(2), MaxLength: ptr(10)},
			canonical: "code:string:unique:min=2:max=10",
		},
		{spec: "slug:string:min=0", want: Field{Name: "slug", Type: TypeString, MinLength: ptr(0), MaxLength: ptr(255)}},
		{spec: "label:string:max=500", want: Field{Name: "label", Type: TypeString, MaxLength: ptr(500)}},
		{spec: "body:text", want: Field{Name: "body", Type: TypeText}},
		{spec: "body:text:min=10:max=5000", want: Field{Name: "body", Type: TypeText, MinLength: ptr(10), MaxLength: ptr(5000)}},
		{spec: "bio:text:default=Tell us: who are you?", want: Field{Name: "bio", Type: TypeText, Default: ptr("Tell us: who are you?")}},
		{spec: "nickname:string:default=", want: Field{Name: "nickname", Type: TypeString, MaxLength: ptr(255), Default: ptr("")}},
		{
			spec: "quantity:integer:min=0:max=100:default=1",
			want: Field{Name: "quantity", Type: TypeInteger, Min: ptr(0.0), Max: ptr(100.0), Default: ptr("1")},
		},
		{spec: "rank:integer:unique:indexed", want: Field{Name: "rank", Type: TypeInteger, Unique: true}, canonical: "rank:integer:unique"},
		{
			spec:      "delta:integer:min=-2147483648:max=2147483647:default=-0",
			want:      Field{Name: "delta", Type: TypeInteger, Min: ptr(-2147483648.0), Max: ptr(2147483647.0), Default: ptr("0")},
			canonical: "delta:integer:min=-2147483648:max=2147483647:default=0",
		},
		{spec: "price:number:min=0", want: Field{Name: "price", Type: TypeNumber, Min: ptr(0.0)}},
		{
			spec:      "price:number:indexed:max=1e3:min=0.5:default=1.50",
			want:      Field{Name: "price", Type: TypeNumber, Indexed: true, Min: ptr(0.5), Max: ptr(1000.0), Default: ptr("1.5")},
			canonical: "price:number:indexed:min=0.5:max=1000:default=1.5",
		},
		{spec: "weight:number:min=-0", want: Field{Name: "weight", Type: TypeNumber, Min: ptr(0.0)}, canonical: "weight:number:min=0"},
		{spec: "active:boolean:default=true", want: Field{Name: "active", Type: TypeBoolean, Default: ptr("true")}},
		{spec: "featured:boolean:indexed", want: Field{Name: "featured", Type: TypeBoolean, Indexed: true}},
		{spec: "born:date:default=2024-02-29", want: Field{Name: "born", Type: TypeDate, Default: ptr("2024-02-29")}},
		{spec: "day:date:unique", want: Field{Name: "day", Type: TypeDate, Unique: true}},
		{
			spec: "publishedAt:datetime:indexed:default=2024-01-31T09:30:00.5Z",
			want: Field{Name: "publishedAt", Type: TypeDatetime, Indexed: true, Default: ptr("2024-01-31T09:30:00.5Z")},
		},
		{spec: "key:uuid:unique", want: Field{Name: "key", Type: TypeUUID, Unique: true}},
		{
			spec: "batch:uuid:default=0b9c6e3a-4d1f-4c8e-9a7b-2f3e4d5c6b7a",
			want: Field{Name: "batch", Type: TypeUUID, Default: ptr("0b9c6e3a-4d1f-4c8e-9a7b-2f3e4d5c6b7a")},
		},
		{
			spec:      "contact:email:unique:optional",
			want:      Field{Name: "contact", Type: TypeEmail, Optional: true, Unique: true},
			canonical: "contact:email:optional:unique",
		},
		{spec: "replyTo:email:default=shop@example.com", want: Field{Name: "replyTo", Type: TypeEmail, Default: ptr("shop@example.com")}},
		{
			spec: "homepage:url:default=https://example.com:8080/a?b=c",
			want: Field{Name: "homepage", Type: TypeURL, Default: ptr("https://example.com:8080/a?b=c")},
		},
		{
			spec: "category:enum=food|tools|toys:indexed:default=food",
			want: Field{Name: "category", Type: TypeEnum, Indexed: true, Enum: []string{"food", "tools", "toys"}, Default: ptr("food")},
		},
		{
			spec:      "status:enum=draft,published,in_review",
			want:      Field{Name: "status", Type: TypeEnum, Enum: []string{"draft", "published", "in_review"}},
			canonical: "status:enum=draft|published|in_review",
		},
		{spec: "supplier:ref=suppliers", want: Field{Name: "supplier", Type: TypeRef, Ref: "suppliers"}},
		{spec: "author:ref=users:optional", want: Field{Name: "author", Type: TypeRef, Optional: true, Ref: "users"}},
		{spec: "parent:ref=products?", want: Field{Name: "parent", Type: TypeRef, Optional: true, Ref: "products"}, canonical: "parent:ref=products:optional"},
		{spec: "line:ref=order-items:unique", want: Field{Name: "line", Type: TypeRef, Unique: true, Ref: "order-items"}},
		{spec: "supplier:ref=suppliers:indexed", want: Field{Name: "supplier", Type: TypeRef, Ref: "suppliers"}, canonical: "supplier:ref=suppliers"},
		{spec: "description:text?", want: Field{Name: "description", Type: TypeText, Optional: true}, canonical: "description:text:optional"},
		{spec: "description?:text", want: Field{Name: "description", Type: TypeText, Optional: true}, canonical: "description:text:optional"},
		{spec: "label:STRING:Unique", want: Field{Name: "label", Type: TypeString, Unique: true, MaxLength: ptr(255)}, canonical: "label:string:unique"},
		{spec: "imageURL:url:optional", want: Field{Name: "imageURL", Type: TypeURL, Optional: true}},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			r, err := ParseResource("products", []string{tt.spec}, false, testKnown)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]Field{tt.want}, r.Fields); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			canonical := tt.canonical
			if canonical == "" {
				canonical = tt.spec
			}
			if got := r.Specs(); !cmp.Equal(got, []string{canonical}) {
				t.Errorf("Specs() = %q, want %q", got, canonical)
			}
		})
	}
}

func TestParseResourceErrors(t *testing.T) {
	long := strings.Repeat("a", 41)
	longName := strings.Repeat("a", 25)
	tests := []struct {
		name  string
		specs []string
		owned bool
		want  string
	}{
		// The resource name.
		{"", []string{"name:string"}, false, `resource "": give the resource a plural name, such as products`},
		{"order_items", []string{"name:string"}, false, `resource "order_items": use lowercase words joined by "-" (try order-items)`},
		{"OrderItems", []string{"name:string"}, false, `resource "OrderItems": use lowercase words joined by "-" (try order-items)`},
		{"2fa-codes", []string{"name:string"}, false, `resource "2fa-codes": use lowercase letters and digits, starting with a letter, in words joined by "-" (such as order-items)`},
		{longName, []string{"name:string"}, false, `resource "` + longName + `": use at most 24 characters`},
		{"pages", []string{"name:string"}, false, `resource "pages": the name is reserved: its singular names a helper of the generated schemas`},
		{"resources", []string{"name:string"}, false, `resource "resources": the name is reserved: the generated service has a folder of that name`},
		{"tags", []string{"parent:ref=tags"}, false, `field "parent:ref=tags": a reference to tags itself must be optional (add ?), or no first record could be created`},
		{"users", []string{"name:string"}, false, `resource "users": the name is reserved: the generated service has a route of that name`},
		{"health", []string{"name:string"}, false, `resource "health": the name is reserved: the generated service has a route of that name`},
		{"errors", []string{"name:string"}, false, `resource "errors": the name is reserved: the generated service has a folder or module of that name`},
		{"refresh-tokens", []string{"name:string"}, false, `resource "refresh-tokens": the name is reserved: the generated service has a table of that name`},
		{"suppliers", []string{"name:string"}, false, `resource "suppliers": the project already has this resource`},
		{"arguments", []string{"name:string"}, false, `resource "arguments": "arguments" is a reserved word in JavaScript`},
		{"order", []string{"name:string"}, false, `resource "order": "order" is a reserved word in PostgreSQL`},
		{"products", nil, false, `resource "products": give it at least one field, such as name:string`},

		// Field names.
		{"products", []string{""}, false, `resource "products": a field spec is empty; write name:type, such as title:string`},
		{"products", []string{":string"}, false, `field ":string": missing name; write name:type, such as title:string`},
		{"products", []string{"name"}, false, `field "name": missing type; write name:type, such as name:string`},
		{"products", []string{"name:"}, false, `field "name:": missing type; write name:type, such as name:string`},
		{"products", []string{"first_name:string"}, false, `field "first_name:string": "first_name" is not a camelCase name (try firstName)`},
		{"products", []string{"Price:number"}, false, `field "Price:number": "Price" is not a camelCase name (try price)`},
		{"products", []string{"2nd:string"}, false, `field "2nd:string": "2nd" is not a camelCase name: use letters and digits, starting with a lowercase letter`},
		{"products", []string{long + ":string"}, false, `field "` + long + `:string": "` + long + `" is longer than 40 characters`},
		{"products", []string{"id:uuid"}, false, `field "id:uuid": "id" is reserved: every record has it`},
		{"products", []string{"createdAt:datetime"}, false, `field "createdAt:datetime": "createdAt" is reserved: every record has it`},
		{"products", []string{"ownerId:ref=users"}, true, `field "ownerId:ref=users": "ownerId" is reserved: --owned adds it`},
		{"products", []string{"page:integer"}, false, `field "page:integer": "page" is reserved: it is a query parameter of the list route`},
		{"products", []string{"class:string"}, false, `field "class:string": "class" is a reserved word in JavaScript`},
		{"products", []string{"constructor:string"}, false, `field "constructor:string": "constructor" is reserved: every JavaScript object inherits it`},
		{"products", []string{"order:integer"}, false, `field "order:integer": its column "order" is a reserved word in PostgreSQL; choose another name`},
		{"products", []string{"supplierId:ref=suppliers"}, false, `field "supplierId:ref=suppliers": name a reference for what it references: supplier, not supplierId (its column is supplier_id)`},

		// Duplicates, compared by name and by column.
		{"products", []string{"name:string", "name:text"}, false, `field "name:text": "name" is already a field of products`},
		{"products", []string{"imageUrl:url", "imageURL:string"}, false, `field "imageURL:string": its column "image_url" is already the column of field "imageUrl"`},
		{"products", []string{"supplier:ref=suppliers", "supplierId:uuid"}, false, `field "supplierId:uuid": its column "supplier_id" is already the column of field "supplier"`},
		{"products", []string{"createdAT:datetime"}, false, `field "createdAT:datetime": its column "created_at" is the one of createdAt, which every record has`},
		{"products", []string{"owner:ref=users"}, false, `field "owner:ref=users": its column "owner_id" is reserved for ownerId, which --owned adds`},
		{"products", []string{"owner:string"}, true, `field "owner:string": "owner" is reserved with --owned: GraphQL answers the record's owner under it`},

		// Types.
		{"products", []string{"price:nmber"}, false, `field "price:nmber": unknown type "nmber" (did you mean number?)`},
		{"products", []string{"count:int"}, false, `field "count:int": unknown type "int" (did you mean integer?)`},
		{"products", []string{"price:float"}, false, `field "price:float": unknown type "float" (did you mean number?)`},
		{"products", []string{"at:timestamp"}, false, `field "at:timestamp": unknown type "timestamp" (did you mean datetime?)`},
		{"products", []string{"data:json"}, false, `field "data:json": unknown type "json"; types are string, text, integer, number, boolean, date, datetime, uuid, email, url, enum and ref`},
		{"products", []string{"title:string=80"}, false, `field "title:string=80": string takes no "="; give a length limit as a modifier, such as string:max=80`},
		{"products", []string{"price:number=5"}, false, `field "price:number=5": number takes no "="`},
		{"products", []string{"name?:string?"}, false, `field "name?:string?": optional given twice`},

		// Enums.
		{"products", []string{"category:enum"}, false, `field "category:enum": enum needs its values, such as enum=draft|published`},
		{"products", []string{"category:enum=food"}, false, `field "category:enum=food": an enum needs at least two values (such as enum=food|other)`},
		{"products", []string{"category:enum=food|food"}, false, `field "category:enum=food|food": enum value "food" is listed twice`},
		{"products", []string{"category:enum=Food|tools"}, false, `field "category:enum=Food|tools": enum value "Food" is not a lowercase identifier (try food)`},
		{"products", []string{"category:enum=in-stock|sold"}, false, `field "category:enum=in-stock|sold": enum value "in-stock" is not a lowercase identifier (try in_stock)`},
		{"products", []string{"category:enum=1st|2nd"}, false, `field "category:enum=1st|2nd": enum value "1st" is not a lowercase identifier: use lowercase letters, digits and _, starting with a letter`},
		{"products", []string{"flag:enum=true|false"}, false, `field "flag:enum=true|false": enum value "true" cannot be used: GraphQL refuses true, false and null as enum values`},
		{"products", []string{"category:enum=food||tools"}, false, `field "category:enum=food||tools": empty enum value; separate values with single "|" or ","`},

		// References.
		{"products", []string{"supplier:ref"}, false, `field "supplier:ref": ref needs the resource it references, such as ref=users`},
		{"products", []string{"supplier:ref=suplliers"}, false, `field "supplier:ref=suplliers": no resource "suplliers" to reference (did you mean suppliers?)`},
		{"products", []string{"supplier:ref=supplier"}, false, `field "supplier:ref=supplier": no resource "supplier" to reference (did you mean suppliers?)`},
		{"products", []string{"warehouse:ref=warehouses"}, false, `field "warehouse:ref=warehouses": no resource "warehouses" to reference; references go to users, to the resource itself or to one the project has (create warehouses first)`},

		// Modifiers.
		{"products", []string{"stock:integer:uniqe"}, false, `field "stock:integer:uniqe": unknown modifier "uniqe" (did you mean unique?)`},
		{"products", []string{"bio:text:nullable"}, false, `field "bio:text:nullable": unknown modifier "nullable" (did you mean optional?)`},
		{"products", []string{"title:string:maxlength=80"}, false, `field "title:string:maxlength=80": unknown modifier "maxlength" (did you mean max?)`},
		{"products", []string{"title:string:required"}, false, `field "title:string:required": unknown modifier "required": fields are required unless optional`},
		{"products", []string{"title:string:sorted"}, false, `field "title:string:sorted": unknown modifier "sorted"; modifiers are optional, unique, indexed, min, max and default`},
		{"products", []string{"title:string::unique"}, false, `field "title:string::unique": empty modifier between colons`},
		{"products", []string{"title:string:unique?"}, false, `field "title:string:unique?": "?" goes after the name or the type (title?:string); here write optional`},
		{"products", []string{"sku:string:unique:unique"}, false, `field "sku:string:unique:unique": unique given twice`},
		{"products", []string{"bio?:text:optional"}, false, `field "bio?:text:optional": optional given twice`},
		{"products", []string{"sku:string:unique=true"}, false, `field "sku:string:unique=true": unique takes no value; write just unique`},
		{"products", []string{"stock:integer:min"}, false, `field "stock:integer:min": min needs a value, such as min=1`},
		{"products", []string{"stock:integer:max="}, false, `field "stock:integer:max=": max needs a value, such as max=80`},
		{"products", []string{"status:string:default"}, false, `field "status:string:default": default needs a value after "=", such as default=draft`},

		// Modifiers a type does not take.
		{"products", []string{"active:boolean:min=0"}, false, `field "active:boolean:min=0": boolean fields take no min; they accept optional, indexed and default`},
		{"products", []string{"active:boolean:unique"}, false, `field "active:boolean:unique": boolean fields take no unique; they accept optional, indexed and default`},
		{"products", []string{"bio:text:unique"}, false, `field "bio:text:unique": text fields take no unique: use string for a value that must be unique`},
		{"products", []string{"bio:text:indexed"}, false, `field "bio:text:indexed": text fields take no indexed: use string for a value lists are filtered by`},
		{"products", []string{"price:number:unique"}, false, `field "price:number:unique": number fields take no unique: decimals make unreliable keys; use integer or string`},
		{"products", []string{"supplier:ref=suppliers:default=x"}, false, `field "supplier:ref=suppliers:default=x": ref fields take no default: a reference has no default`},
		{"products", []string{"born:date:max=2030-01-01"}, false, `field "born:date:max=2030-01-01": date fields take no max; they accept optional, unique, indexed and default`},
		{"products", []string{"category:enum=a|b:unique"}, false, `field "category:enum=a|b:unique": enum fields take no unique; they accept optional, indexed and default`},

		// Bounds.
		{"products", []string{"title:string:max=80.5"}, false, `field "title:string:max=80.5": max=80.5 is not a whole number of characters`},
		{"products", []string{"title:string:max=0"}, false, `field "title:string:max=0": max=0 is out of range: a string length is 1 to 500`},
		{"products", []string{"title:string:max=1000"}, false, `field "title:string:max=1000": max=1000 is out of range: a string length is 1 to 500; use text for longer values`},
		{"products", []string{"title:string:min=-1"}, false, `field "title:string:min=-1": min=-1 is out of range: a string length is 0 to 500`},
		{"products", []string{"title:string:min=300"}, false, `field "title:string:min=300": min=300 is more than the default max of 255; give max too`},
		{"products", []string{"title:text:min=10:max=5"}, false, `field "title:text:min=10:max=5": min=10 is more than max=5`},
		{"products", []string{"price:number:min=10:max=5"}, false, `field "price:number:min=10:max=5": min=10 is more than max=5`},
		{"products", []string{"stock:integer:min=1.5"}, false, `field "stock:integer:min=1.5": min=1.5 is not a whole number`},
		{"products", []string{"stock:integer:max=3000000000"}, false, `field "stock:integer:max=3000000000": max=3000000000 is out of the range of an integer (-2147483648 to 2147483647)`},
		{"products", []string{"price:number:min=abc"}, false, `field "price:number:min=abc": min=abc is not a number (write it as in JSON, such as 9.99)`},
		{"products", []string{"price:number:max=1e999"}, false, `field "price:number:max=1e999": max=1e999 is too large`},

		// Defaults.
		{"products", []string{"price:number:default=cheap"}, false, `field "price:number:default=cheap": default "cheap" is not a number (write it as in JSON, such as 9.99)`},
		{"products", []string{"price:number:default=5:unique"}, false, `field "price:number:default=5:unique": default "5:unique" is not a number (write it as in JSON, such as 9.99); default= takes the rest of the spec, so it comes last`},
		{"products", []string{"stock:integer:min=0:default=-1"}, false, `field "stock:integer:min=0:default=-1": default "-1" is outside the field's min and max`},
		{"products", []string{"active:boolean:default=yes"}, false, `field "active:boolean:default=yes": default "yes" is not true or false`},
		{"products", []string{"born:date:default=2023-02-29"}, false, `field "born:date:default=2023-02-29": default "2023-02-29" is not a date such as 2024-01-31`},
		{"products", []string{"at:datetime:default=2024-01-31T09:30:00+02:00"}, false, `field "at:datetime:default=2024-01-31T09:30:00+02:00": default "2024-01-31T09:30:00+02:00" is not a date-time in UTC such as 2024-01-31T09:30:00Z`},
		{"products", []string{"key:uuid:default=1234"}, false, `field "key:uuid:default=1234": default "1234" is not a UUID`},
		{"products", []string{"mail:email:default=shop@localhost"}, false, `field "mail:email:default=shop@localhost": default "shop@localhost" is not an email address`},
		{"products", []string{"site:url:default=ftp://example.com"}, false, `field "site:url:default=ftp://example.com": default "ftp://example.com" is not an http or https URL`},
		{"products", []string{"category:enum=a|b:default=c"}, false, `field "category:enum=a|b:default=c": default "c" is not one of a, b`},
		{"products", []string{"code:string:max=3:default=abcd"}, false, `field "code:string:max=3:default=abcd": default "abcd" has 4 characters, outside the field's limits`},
		{"products", []string{"bio:text?:default=none"}, false, `field "bio:text?:default=none": a field with a default may already be left out; drop optional`},
		{"products", []string{"code:string:unique:default=x"}, false, `field "code:string:unique:default=x": a unique field cannot have a default: a second record left at the default would clash`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			r, err := ParseResource(tt.name, tt.specs, tt.owned, testKnown)
			var specErr *ResourceSpecError
			if !errors.As(err, &specErr) {
				t.Fatalf("ParseResource(%q, %q) = %+v, %v; want a *ResourceSpecError", tt.name, tt.specs, r, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error:\n got %s\nwant %s", got, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error has more than one line: %q", err)
			}
		})
	}
}

func TestParseResourceWhole(t *testing.T) {
	// The example, with the enum quoted for a shell.
	specs := []string{
		"name:string", "price:number:min=0", "sku:string:unique", "category:enum=food|tools|toys",
		"description:text?", "supplier:ref=suppliers",
	}
	got, err := ParseResource("products", specs, true, testKnown)
	if err != nil {
		t.Fatal(err)
	}
	want := &Resource{Name: "products", Owned: true, Fields: []Field{
		{Name: "name", Type: TypeString, MaxLength: ptr(255)},
		{Name: "price", Type: TypeNumber, Min: ptr(0.0)},
		{Name: "sku", Type: TypeString, Unique: true, MaxLength: ptr(255)},
		{Name: "category", Type: TypeEnum, Enum: []string{"food", "tools", "toys"}},
		{Name: "description", Type: TypeText, Optional: true},
		{Name: "supplier", Type: TypeRef, Ref: "suppliers"},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resource (-want +got):\n%s", diff)
	}
	wantSpecs := []string{
		"name:string", "price:number:min=0", "sku:string:unique", "category:enum=food|tools|toys",
		"description:text:optional", "supplier:ref=suppliers",
	}
	if diff := cmp.Diff(wantSpecs, got.Specs()); diff != "" {
		t.Errorf("Specs() (-want +got):\n%s", diff)
	}
	if got.Table() != "products" {
		t.Errorf("Table() = %q", got.Table())
	}
	var indexed []string
	for _, f := range got.Fields {
		if f.HasIndex() {
			indexed = append(indexed, f.Name)
		}
	}
	if diff := cmp.Diff([]string{"sku", "supplier"}, indexed); diff != "" {
		t.Errorf("HasIndex (-want +got):\n%s", diff)
	}

	// Resource names in kebab-case; a resource may reference itself.
	r, err := ParseResource("order-items", []string{"parent:ref=order-items?"}, false, KnownNames{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Table() != "order_items" {
		t.Errorf("Table() = %q, want order_items", r.Table())
	}
}

func TestFieldColumn(t *testing.T) {
	tests := []struct {
		field Field
		want  string
	}{
		{Field{Name: "name", Type: TypeString}, "name"},
		{Field{Name: "unitPrice", Type: TypeNumber}, "unit_price"},
		{Field{Name: "imageURL", Type: TypeURL}, "image_url"},
		{Field{Name: "imageUrl", Type: TypeURL}, "image_url"},
		{Field{Name: "line2Text", Type: TypeText}, "line2_text"},
		{Field{Name: "address2", Type: TypeString}, "address2"},
		{Field{Name: "isHTTPSOnly", Type: TypeBoolean}, "is_https_only"},
		{Field{Name: "supplier", Type: TypeRef}, "supplier_id"},
		{Field{Name: "parentCategory", Type: TypeRef}, "parent_category_id"},
	}
	for _, tt := range tests {
		if got := tt.field.Column(); got != tt.want {
			t.Errorf("Field{Name: %q, Type: %s}.Column() = %q, want %q", tt.field.Name, tt.field.Type, got, tt.want)
		}
	}
}

// TestResourceSpecsRoundTrip checks, over random valid resources, that ParseResource reads what
// Specs writes back into an equal resource, and that the order of modifiers does not matter. A
// failure is shrunk to a minimal resource.
func TestResourceSpecsRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 2024))
	known := KnownNames{Resources: []string{"suppliers", "order-items"}}
	for i := range 500 {
		r := randomResource(rng, known)
		shuffled := shuffledSpecs(rng, r.Specs())
		if problem := roundTripProblem(r, known, nil); problem != "" {
			r = shrinkResource(r, func(r Resource) bool { return roundTripProblem(r, known, nil) != "" })
			t.Fatalf("resource %d: minimal failing resource %q, owned %v, specs %q:\n%s",
				i, r.Name, r.Owned, r.Specs(), roundTripProblem(r, known, nil))
		}
		if problem := roundTripProblem(r, known, shuffled); problem != "" {
			t.Fatalf("resource %d, modifiers reordered as %q: %s", i, shuffled, problem)
		}
	}
}

// roundTripProblem parses specs (r's own when nil) and says how the result differs from r.
func roundTripProblem(r Resource, known KnownNames, specs []string) string {
	if specs == nil {
		specs = r.Specs()
	}
	got, err := ParseResource(r.Name, specs, r.Owned, known)
	if err != nil {
		return fmt.Sprintf("ParseResource(%q) failed: %v", specs, err)
	}
	if diff := cmp.Diff(r, *got); diff != "" {
		return fmt.Sprintf("ParseResource(Specs()) differs (-want +got):\n%s", diff)
	}
	return ""
}

// shrinkResource drops ownership, fields, then the options of each field, as long as failing
// still holds.
func shrinkResource(r Resource, failing func(Resource) bool) Resource {
	for changed := true; changed; {
		changed = false
		if r.Owned {
			c := r
			c.Owned = false
			if failing(c) {
				r, changed = c, true
			}
		}
		for i := 0; i < len(r.Fields) && len(r.Fields) > 1; i++ {
			c := r
			c.Fields = append(append([]Field{}, r.Fields[:i]...), r.Fields[i+1:]...)
			if failing(c) {
				r, changed = c, true
				i--
			}
		}
		for i, f := range r.Fields {
			simpler := []func(*Field){
				func(f *Field) { f.Optional = false },
				func(f *Field) { f.Unique = false },
				func(f *Field) { f.Indexed = false },
				func(f *Field) { f.Default = nil },
				func(f *Field) { f.Min = nil },
				func(f *Field) { f.Max = nil },
				func(f *Field) { f.MinLength = nil },
			}
			for _, simplify := range simpler {
				c := r
				c.Fields = append([]Field{}, r.Fields...)
				g := f
				simplify(&g)
				c.Fields[i] = g
				if !cmp.Equal(g, f) && failing(c) {
					r, f, changed = c, g, true
				}
			}
		}
	}
	return r
}

// shuffledSpecs reorders the modifiers of each spec, keeping default= last.
func shuffledSpecs(rng *rand.Rand, specs []string) []string {
	out := make([]string, len(specs))
	for i, spec := range specs {
		head, def, hasDefault := strings.Cut(spec, ":default=")
		parts := strings.Split(head, ":")
		mods := parts[2:]
		rng.Shuffle(len(mods), func(a, b int) { mods[a], mods[b] = mods[b], mods[a] })
		out[i] = strings.Join(parts, ":")
		if hasDefault {
			out[i] += ":default=" + def
		}
	}
	return out
}

var (
	randomWords     = []string{"title", "unitPrice", "imageURL", "x", "releaseDate", "isbn", "colour", "a1", "stockLevel"}
	randomEnumWords = []string{"food", "tools", "toys", "draft", "in_review", "a", "b2", "zeta"}
	randomText      = []rune("abc XYZ:=|?,-_é漢😀\\\"'")
)

// randomResource returns a valid resource, normalized as ParseResource normalizes.
func randomResource(rng *rand.Rand, known KnownNames) Resource {
	r := Resource{Name: []string{"products", "line-items", "p2"}[rng.IntN(3)], Owned: rng.IntN(2) == 0}
	for i := range 1 + rng.IntN(6) {
		f := Field{
			Name:     fmt.Sprintf("%s%d", randomWords[rng.IntN(len(randomWords))], i),
			Type:     FieldTypes[rng.IntN(len(FieldTypes))],
			Optional: rng.IntN(3) == 0,
		}
		accepts := func(mod string) bool {
			for _, m := range typeModifiers[f.Type] {
				if m == mod {
					return true
				}
			}
			return false
		}
		f.Unique = accepts(modUnique) && rng.IntN(3) == 0
		f.Indexed = accepts(modIndexed) && !f.Unique && f.Type != TypeRef && rng.IntN(3) == 0
		var value string
		switch f.Type {
		case TypeString, TypeText:
			upper := maxTextMaxLength
			if f.Type == TypeString {
				upper = maxStringMaxLength
				f.MaxLength = ptr(DefaultStringMaxLength)
			}
			if rng.IntN(2) == 0 {
				f.MaxLength = ptr(1 + rng.IntN(upper))
			}
			if rng.IntN(3) == 0 {
				f.MinLength = ptr(rng.IntN(min(upper, 20) + 1))
				if f.MaxLength != nil && *f.MinLength > *f.MaxLength {
					f.MinLength = ptr(*f.MaxLength)
				}
			}
			lo, hi := 0, 30
			if f.MinLength != nil {
				lo = *f.MinLength
			}
			if f.MaxLength != nil {
				hi = min(hi, *f.MaxLength)
			}
			hi = max(hi, lo)
			text := make([]rune, lo+rng.IntN(hi-lo+1))
			for j := range text {
				text[j] = randomText[rng.IntN(len(randomText))]
			}
			value = string(text)
		case TypeInteger, TypeNumber:
			num := func() float64 {
				if f.Type == TypeInteger {
					return float64(rng.Int32() - rng.Int32()/2)
				}
				return math.Round(rng.NormFloat64()*1e6) / math.Pow(10, float64(rng.IntN(8)))
			}
			lo, hi := num(), num()
			if lo > hi {
				lo, hi = hi, lo
			}
			if rng.IntN(2) == 0 {
				f.Min = ptr(lo)
			}
			if rng.IntN(2) == 0 {
				f.Max = ptr(hi)
			}
			v := lo + (hi-lo)/2
			if f.Type == TypeInteger {
				v = math.Floor(v)
			}
			value = formatNumber(v)
		case TypeBoolean:
			value = []string{"true", "false"}[rng.IntN(2)]
		case TypeDate:
			value = time.Unix(rng.Int64N(5e9), 0).UTC().Format(time.DateOnly)
		case TypeDatetime:
			value = time.Unix(rng.Int64N(5e9), rng.Int64N(1e9)).UTC().Format(time.RFC3339Nano)
		case TypeUUID:
			value = fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", rng.Uint32(), rng.IntN(1<<16), rng.IntN(1<<12), rng.IntN(1<<12), rng.Int64N(1<<48))
		case TypeEmail:
			value = fmt.Sprintf("user+%d@example.com", rng.IntN(100))
		case TypeURL:
			value = fmt.Sprintf("https://example.com:%d/a?b=c:d", 1+rng.IntN(65535))
		case TypeEnum:
			perm := rng.Perm(len(randomEnumWords))[:2+rng.IntN(4)]
			for _, p := range perm {
				f.Enum = append(f.Enum, randomEnumWords[p])
			}
			value = f.Enum[rng.IntN(len(f.Enum))]
		case TypeRef:
			targets := append([]string{"users", r.Name}, known.Resources...)
			f.Ref = targets[rng.IntN(len(targets))]
			f.Optional = f.Optional || f.Ref == r.Name // a required self-reference is refused
		}
		if accepts(modDefault) && !f.Optional && !f.Unique && rng.IntN(2) == 0 {
			f.Default = &value
		}
		r.Fields = append(r.Fields, f)
	}
	return r
}
