//go:build e2e

package e2e

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file gives each generated project its own PostgreSQL database and Redis logical database
// on the servers DATABASE_URL and REDIS_URL name (.ci/run starts both on 127.0.0.1).

// The URLs .ci/run exports, used when the environment does not name other servers.
const (
	defaultDatabaseURL = "postgres://scaffold:scaffold@127.0.0.1:5432/scaffold"
	defaultRedisURL    = "redis://127.0.0.1:6379"
)

// services are the PostgreSQL and Redis servers the generated projects' tests use.
type services struct {
	databaseURL string // a database the role can connect to and create databases from
	redisURL    string
	// redisDatabases is how many logical databases the Redis server has (its databases setting).
	redisDatabases int
	// runID keeps the databases of two runs on one machine apart.
	runID string
}

// requireServices finds psql and redis-cli and checks that both servers answer.
func requireServices(t *testing.T) *services {
	t.Helper()
	s := &services{
		databaseURL: envOr("DATABASE_URL", defaultDatabaseURL),
		redisURL:    envOr("REDIS_URL", defaultRedisURL),
		runID:       strconv.Itoa(os.Getpid()),
	}
	for _, tool := range []string{"psql", "redis-cli"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not found: the feature matrix needs PostgreSQL and Redis (.ci/run installs and starts them)", tool)
		}
	}
	if r := s.psql("SELECT 1"); r.Err != nil {
		t.Fatalf("PostgreSQL at DATABASE_URL does not answer (.ci/run starts it): %v\n%s", r.Err, r.Output)
	}
	if r := s.redisCLI(s.redisURL, "PING"); r.Err != nil || strings.TrimSpace(r.Output) != "PONG" {
		t.Fatalf("Redis at REDIS_URL does not answer (.ci/run starts it): %v\n%s", r.Err, r.Output)
	}
	// CONFIG may be disabled on a managed server; 16 is Redis's default.
	s.redisDatabases = 16
	if r := s.redisCLI(s.redisURL, "CONFIG", "GET", "databases"); r.Err == nil {
		if f := strings.Fields(r.Output); len(f) == 2 && f[0] == "databases" {
			if n, err := strconv.Atoi(f[1]); err == nil {
				s.redisDatabases = n
			}
		}
	}
	return s
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func (s *services) psql(statements ...string) commandResult {
	args := []string{"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", s.databaseURL}
	for _, stmt := range statements {
		args = append(args, "-c", stmt)
	}
	// Notices such as "database ... does not exist, skipping" are noise in the logs.
	return runBounded("", []string{"PGOPTIONS=-c client_min_messages=warning"}, time.Minute, "psql", args...)
}

func (s *services) redisCLI(redisURL string, args ...string) commandResult {
	return runBounded("", nil, 30*time.Second, "redis-cli", append([]string{"-u", redisURL, "--no-auth-warning"}, args...)...)
}

// databaseName is the PostgreSQL database of the project with that index in this run.
func (s *services) databaseName(index int) string {
	return fmt.Sprintf("scaffold_e2e_%s_%02d", s.runID, index)
}

// createDatabase creates the project's database afresh and returns its URL.
func (s *services) createDatabase(index int) (string, commandResult) {
	name := s.databaseName(index)
	r := s.psql("DROP DATABASE IF EXISTS "+name+" WITH (FORCE)", "DROP DATABASE IF EXISTS "+name+"_test WITH (FORCE)", "CREATE DATABASE "+name)
	if r.Err != nil {
		return "", r
	}
	u, err := withPath(s.databaseURL, name)
	if err != nil {
		r.Err = err
	}
	return u, r
}

// dropDatabase removes the project's database, and the one beside it that its npm test creates.
func (s *services) dropDatabase(index int) commandResult {
	name := s.databaseName(index)
	return s.psql("DROP DATABASE IF EXISTS "+name+" WITH (FORCE)", "DROP DATABASE IF EXISTS "+name+"_test WITH (FORCE)")
}

// projectRedisURL gives the project with that index a logical database of its own, so that keys
// of projects running side by side (rate-limit counters, sessions) never meet. Database 0 is left
// to whoever else uses the server. With fewer logical databases than projects, projects far apart
// in the run share one; they never run at the same time, and the generated tests tolerate a shared
// Redis anyway.
func (s *services) projectRedisURL(index int) (string, error) {
	if s.redisDatabases < 2 {
		return s.redisURL, nil
	}
	return withPath(s.redisURL, strconv.Itoa(1+index%(s.redisDatabases-1)))
}

// withPath returns rawURL with its path replaced.
func withPath(rawURL, path string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("parse %q: %w", rawURL, err)
	}
	u.Path, u.RawPath = "/"+path, ""
	return u.String(), nil
}
