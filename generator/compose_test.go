package generator_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/templates"
	"go.yaml.in/yaml/v3"
)

// composeFile is what the tests below read of a generated compose.yaml.
type composeFile struct {
	Services map[string]struct {
		Build       string            `yaml:"build"`
		Restart     string            `yaml:"restart"`
		Command     []string          `yaml:"command"`
		Ports       []string          `yaml:"ports"`
		Environment map[string]string `yaml:"environment"`
		DependsOn   map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
}

// fileOf returns the generated file at path, failing the test when there is none.
func fileOf(t *testing.T, plan *generator.Plan, path string) string {
	t.Helper()
	i := slices.IndexFunc(plan.Files, func(f generator.File) bool { return f.Path == path })
	if i < 0 {
		t.Fatalf("no %s generated", path)
	}
	return string(plan.Files[i].Data)
}

// TestComposeRunsTheAppAsDeployed checks what `docker compose up` does with the app: it publishes
// PORT, restarts the app when it exits, checks its liveness (and the README says why not its
// readiness), and with PostgreSQL starts it only once a one-shot service has run the migrations.
func TestComposeRunsTheAppAsDeployed(t *testing.T) {
	cat, err := generator.LoadCatalog(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, features := range [][]string{nil, {"redis"}, {"postgres"}, {"postgres", "redis", "sessions"}} {
		t.Run(strings.Join(append([]string{"core"}, features...), "+"), func(t *testing.T) {
			plan := generate(t, cat, "demo", features)
			var compose composeFile
			if err := yaml.Unmarshal([]byte(fileOf(t, plan, "compose.yaml")), &compose); err != nil {
				t.Fatalf("compose.yaml: %v", err)
			}
			app, ok := compose.Services["app"]
			if !ok {
				t.Fatal("compose.yaml has no app service")
			}
			if app.Restart != "unless-stopped" {
				t.Errorf("app restart policy = %q, want unless-stopped", app.Restart)
			}
			if want := []string{"${PORT:-3000}:${PORT:-3000}"}; !slices.Equal(app.Ports, want) {
				t.Errorf("app ports = %q, want %q", app.Ports, want)
			}
			if got := app.Environment["PORT"]; got != "${PORT:-3000}" {
				t.Errorf("app PORT = %q, want the published port", got)
			}
			if check := strings.Join(app.Healthcheck.Test, " "); !strings.Contains(check, "/health'") {
				t.Errorf("app health check %q does not ask /health", check)
			}
			readme := fileOf(t, plan, "README.md")
			if !strings.Contains(readme, "### Health checks") || !strings.Contains(readme, "restart loop") {
				t.Error("README does not say why the health check asks /health rather than /ready")
			}
			if got := fileOf(t, plan, ".npmrc"); !strings.Contains(got, "\nengine-strict=true\n") {
				t.Errorf(".npmrc does not set engine-strict:\n%s", got)
			}

			migrate, hasMigrate := compose.Services["migrate"]
			if !slices.Contains(features, "postgres") {
				if hasMigrate {
					t.Error("a migrate service without PostgreSQL")
				}
				return
			}
			if !hasMigrate {
				t.Fatal("no migrate service with PostgreSQL")
			}
			if app.DependsOn["migrate"].Condition != "service_completed_successfully" {
				t.Errorf("app depends on migrate with %+v, want service_completed_successfully", app.DependsOn["migrate"])
			}
			if migrate.Build != "." || !slices.Equal(migrate.Command, []string{"node", "src/db/migrate.js"}) {
				t.Errorf("migrate builds %q and runs %q, want the app's image running src/db/migrate.js", migrate.Build, migrate.Command)
			}
			if migrate.Restart != "" {
				t.Errorf("migrate restart policy = %q, want none: it runs once", migrate.Restart)
			}
			if migrate.DependsOn["postgres"].Condition != "service_healthy" {
				t.Error("migrate does not wait for PostgreSQL to be healthy")
			}
			if migrate.Environment["DATABASE_URL"] != app.Environment["DATABASE_URL"] {
				t.Errorf("migrate migrates %q, the app uses %q", migrate.Environment["DATABASE_URL"], app.Environment["DATABASE_URL"])
			}
		})
	}
}
