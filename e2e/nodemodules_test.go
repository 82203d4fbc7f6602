package e2e

import (
	"slices"
	"testing"
)

func TestUnmetDependencies(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"project/package.json": `{
  "dependencies": { "express": "5.3.0", "@scope/lib": "1.0.0", "missing": "1.0.0", "ranged": "^2.0.0" },
  "devDependencies": { "eslint": "10.15.0" }
}`,
		"superset/node_modules/express/package.json":    `{"name": "express", "version": "5.3.0"}`,
		"superset/node_modules/@scope/lib/package.json": `{"name": "@scope/lib", "version": "1.0.1"}`,
		"superset/node_modules/ranged/package.json":     `{"name": "ranged", "version": "2.4.0"}`,
		"superset/node_modules/eslint/package.json":     `{"name": "eslint", "version": "10.15.0"}`,
	})
	unmet, err := UnmetDependencies(dir+"/project/package.json", dir+"/superset/node_modules")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"@scope/lib is 1.0.1, package.json pins 1.0.0", "missing 1.0.0 is not installed"}
	if !slices.Equal(unmet, want) {
		t.Errorf("unmet = %q, want %q", unmet, want)
	}
}
