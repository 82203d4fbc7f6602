// Package commands holds scaffold's cobra commands, one verb a file. Each command has an options
// struct and a run function; streams, the prompter, the templates and the process runner come in
// through a Factory, so every command is tested without a terminal, npm or git.
package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/internal/prompt"
)

// Factory carries what commands need from the outside world.
type Factory struct {
	IOStreams *iostreams.IOStreams
	Prompter  prompt.Prompter
	Templates fs.FS
	// ReleaseArchive holds the templates of earlier releases (templates.Releases); nil knows only
	// this release's.
	ReleaseArchive fs.FS
	Runner         Runner
	// BuiltinCatalog, when set, returns the catalog of Templates without reading its YAML
	// (internal/builtin.Catalog); without it the catalog is read from Templates.
	BuiltinCatalog func() (*generator.Catalog, error)
}

// Catalog loads the feature catalog of the templates.
func (f *Factory) Catalog() (*generator.Catalog, error) {
	if f.BuiltinCatalog != nil {
		return f.BuiltinCatalog()
	}
	return generator.LoadCatalog(f.Templates)
}

// Releases loads the release archive, which gives the templates of any earlier release.
func (f *Factory) Releases() (*generator.Releases, error) {
	return generator.LoadReleases(f.Templates, f.ReleaseArchive)
}

// Runner runs the external programs a command uses after writing files (npm, git).
type Runner interface {
	// LookPath reports whether the program can be run at all.
	LookPath(name string) error
	Run(ctx context.Context, dir string, stdout, stderr io.Writer, name string, args ...string) error
}

// ExecRunner runs programs with os/exec.
type ExecRunner struct{}

// LookPath implements Runner.
func (ExecRunner) LookPath(name string) error {
	_, err := exec.LookPath(name)
	return err
}

// Run implements Runner.
func (ExecRunner) Run(ctx context.Context, dir string, stdout, stderr io.Writer, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// FlagError is a usage error: the command line itself is wrong. The CLI exits 2 for it.
type FlagError struct {
	Err error
}

func (e *FlagError) Error() string { return e.Err.Error() }
func (e *FlagError) Unwrap() error { return e.Err }

// flagErrorf returns a FlagError with a formatted message.
func flagErrorf(format string, args ...any) error {
	return &FlagError{Err: fmt.Errorf(format, args...)}
}

// asUsage marks errors that come from what the user typed (names, features) as usage errors.
func asUsage(err error) error {
	var (
		nameErr     *generator.NameError
		unknownErr  *generator.UnknownFeatureError
		conflictErr *generator.ConflictError
		plannedErr  *generator.PlannedFeatureError
		specErr     *generator.ResourceSpecError
	)
	if errors.As(err, &nameErr) || errors.As(err, &unknownErr) || errors.As(err, &conflictErr) || errors.As(err, &plannedErr) ||
		errors.As(err, &specErr) {
		return &FlagError{Err: err}
	}
	return err
}
