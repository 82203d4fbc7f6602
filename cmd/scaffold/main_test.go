package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/cli"
)

var update = flag.Bool("update", false, "rewrite expected output in testdata/script from what the scripts print")

func TestMain(m *testing.M) {
	testscript.Main(removeReleases{m}, map[string]func(){
		"scaffold": func() { os.Exit(cli.Main()) },
	})
}

// removeReleases runs the tests, then removes the scaffold builds the lifecycle tests made.
type removeReleases struct{ m *testing.M }

func (r removeReleases) Run() int {
	code := r.m.Run()
	if twoReleases.bin != "" {
		os.RemoveAll(twoReleases.bin)
	}
	return code
}

// TestScripts runs the CLI scripts in testdata/script. The scaffold binary there is this test
// binary, so scripts exercise exactly the code under test, with no terminal attached.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode": cmdExitCode,
			"emptydir": cmdEmptyDir,
			"rehash":   cmdRehash,
		},
		Setup: func(env *testscript.Env) error {
			// go generate in a script needs a cache of its own, since testscript hides HOME.
			env.Setenv("GOCACHE", env.WorkDir+"/.gocache")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("GOTOOLCHAIN", "local")
			return nil
		},
	})
}

// cmdExitCode runs a program and checks its exit status: `exitcode 2 scaffold new ”`. Its
// output is kept for the stdout and stderr commands that follow, as with exec.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exitErr.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// cmdEmptyDir checks that a directory has no entries at all, hidden ones included: the proof
// that a failed command wrote nothing.
func cmdEmptyDir(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: emptydir DIR")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	if empty := len(entries) == 0; empty == neg {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		ts.Fatalf("%s has entries %v", args[0], names)
	}
}

// cmdRehash records the current content of files in the scaffold.yaml of the current directory,
// as if an earlier version of scaffold had rendered them that way: `rehash README.md`.
func cmdRehash(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: rehash FILE...")
	}
	project, err := generator.ParseProjectFile([]byte(ts.ReadFile(generator.ProjectFileName)))
	ts.Check(err)
	for _, name := range args {
		project.Files[name] = generator.HashContent([]byte(ts.ReadFile(name)))
	}
	data, err := project.Marshal()
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(generator.ProjectFileName), data, 0o644))
}
