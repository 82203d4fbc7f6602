package e2e

import "strings"

// MatrixResources are the `scaffold resource` arguments the feature matrix gives every project
// after `scaffold new`: together they use every field type and modifier, references to another
// resource and to users, and --owned.
var MatrixResources = [][]string{
	{"suppliers", "name:string:unique"},
	{"products", "name:string", "sku:string:unique", "description:text?", "quantity:integer:min=0:default=0",
		"price:number:min=0", "active:boolean:default=true", "releasedOn:date?", "availableAt:datetime?",
		"externalId:uuid?", "contact:email?", "homepage:url?", "category:enum=food|tools|toys:indexed",
		"supplier:ref=suppliers", "reviewer:ref=users?", "--owned"},
}

// LongestNamesResources are added, after MatrixResources, to the matrix's project with every
// feature: resource and field names as long as scaffold accepts, of every type, so that its lint
// and format check prove the templates write Prettier's lines for any name, not only for the
// short ones above.
var LongestNamesResources = [][]string{
	{longest("aaaa-bbbb", resourceName), longest("name", fieldName) + ":string:unique"},
	{longest("cccc-dddd", resourceName),
		longest("string", fieldName) + ":string:unique",
		longest("text", fieldName) + ":text?",
		longest("integer", fieldName) + ":integer:min=0:max=1000000:default=5",
		longest("number", fieldName) + ":number:indexed",
		longest("boolean", fieldName) + ":boolean:default=false",
		longest("date", fieldName) + ":date?",
		longest("datetime", fieldName) + ":datetime?:indexed",
		longest("uuid", fieldName) + ":uuid?:unique",
		longest("email", fieldName) + ":email?",
		longest("url", fieldName) + ":url?",
		longest("enum", fieldName) + ":enum=" + longest("first", 30) + "|" + longest("second", 30) + ":indexed",
		longest("reference", fieldName) + ":ref=" + longest("aaaa-bbbb", resourceName),
		longest("self", fieldName) + ":ref=" + longest("cccc-dddd", resourceName) + "?",
		longest("user", fieldName) + ":ref=users?",
		"--owned"},
}

// The longest names scaffold accepts (generator.MaxResourceNameLength, MaxFieldNameLength).
const (
	resourceName = 24
	fieldName    = 40
)

// longest pads a name with its last letter to n characters.
func longest(name string, n int) string {
	return name + strings.Repeat(name[len(name)-1:], n-len(name))
}
