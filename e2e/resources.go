package e2e

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
