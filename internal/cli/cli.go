// Package cli runs scaffold's root command against the process's streams and turns the outcome
// into an exit code. It does not define commands; package commands does.
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/scaffold-cli/scaffold/internal/builtin"
	"github.com/scaffold-cli/scaffold/internal/commands"
	"github.com/scaffold-cli/scaffold/internal/iostreams"
	"github.com/scaffold-cli/scaffold/internal/prompt"
	"github.com/scaffold-cli/scaffold/templates"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// Main runs scaffold with os.Args and returns the process exit code.
func Main() int {
	// SIGINT and SIGTERM cancel ctx instead of killing the process: a writing command stops before
	// its commit point with the project as it was, or finishes after it.
	ctx := notifyOnInterrupt()
	ios := iostreams.System()
	f := &commands.Factory{
		IOStreams:      ios,
		Prompter:       &prompt.Terminal{In: ios.In, Out: ios.ErrOut, Accessible: os.Getenv("ACCESSIBLE") != "", Width: ios.TerminalWidth()},
		Templates:      templates.FS,
		ReleaseArchive: templates.Releases(),
		Runner:         commands.ExecRunner{},
		BuiltinCatalog: builtin.Catalog,
	}
	return Run(ctx, f, os.Args[1:])
}

// Run executes args against the factory and returns the exit code; errors are printed as one line
// on the factory's stderr, never with a stack trace.
func Run(ctx context.Context, f *commands.Factory, args []string) int {
	root := commands.NewCmdRoot(f, args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, prompt.ErrAborted) {
		fmt.Fprintln(f.IOStreams.ErrOut, "scaffold: cancelled; nothing was written")
		return exitError
	}
	fmt.Fprintf(f.IOStreams.ErrOut, "scaffold: %s\n", oneLine(err.Error()))
	var flagErr *commands.FlagError
	if errors.As(err, &flagErr) || isCobraUsageError(err) {
		return exitUsage
	}
	return exitError
}
