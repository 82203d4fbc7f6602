package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// gitMergeFile runs `git merge-file --diff3` on the three versions and returns what it printed,
// with conflict markers markerSize characters long, and the number of conflicts it reported.
//
// Anything short of git finishing on its own and printing the merge is an error, never a result:
// writing a merge that git did not finish would replace the user's file with whatever it had
// printed so far, which for a merge interrupted by Ctrl-C was nothing at all.
func gitMergeFile(ctx context.Context, base, theirs, target []byte, markerSize int) ([]byte, int, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, 0, errors.New("merge: git is needed to merge files you edited; install git and retry")
	}
	dir, err := os.MkdirTemp("", "scaffold-merge-")
	if err != nil {
		return nil, 0, fmt.Errorf("merge: %w", err)
	}
	defer os.RemoveAll(dir)
	paths := make([]string, 3)
	for i, data := range [][]byte{theirs, base, target} {
		paths[i] = filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(paths[i], data, 0o600); err != nil {
			return nil, 0, fmt.Errorf("merge: %w", err)
		}
	}
	cmd := exec.CommandContext(ctx, git, "merge-file", "-p", "--diff3", fmt.Sprintf("--marker-size=%d", markerSize),
		"-L", labelYours, "-L", labelBase, "-L", labelTemplate, paths[0], paths[1], paths[2])
	ownProcessGroup(cmd)
	// Should a cancelled git leave a child holding its output open, stop waiting for it.
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, 0, fmt.Errorf("merge: git merge-file stopped: %w", ctx.Err())
	}
	conflicts := 0
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit) && exit.ExitCode() >= 0 && exit.ExitCode() <= 127:
		// merge-file exits with the number of conflicts, up to 127.
		conflicts = exit.ExitCode()
	case errors.As(err, &exit) && exit.ExitCode() == -1:
		// Killed by a signal: what it printed, if anything, is not a merge.
		return nil, 0, fmt.Errorf("merge: git merge-file did not finish (%s); nothing was merged", exit)
	default:
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			return nil, 0, fmt.Errorf("merge: git merge-file: %w", err)
		}
		return nil, 0, fmt.Errorf("merge: git merge-file: %w: %s", err, msg)
	}
	out := stdout.Bytes()
	if len(out) == 0 && (conflicts > 0 || addsLines(base, theirs) || addsLines(base, target)) {
		// A merge keeps every line either side added, or shows it in a conflict; printing nothing
		// then means git failed without saying so.
		return nil, 0, errors.New("merge: git merge-file printed nothing for files that are not empty; nothing was merged")
	}
	return out, conflicts, nil
}

// addsLines reports whether changed has a line that base does not.
func addsLines(base, changed []byte) bool {
	have := map[string]bool{}
	for _, l := range splitLines(string(base)) {
		have[strings.TrimRight(l, "\r\n")] = true
	}
	for _, l := range splitLines(string(changed)) {
		if !have[strings.TrimRight(l, "\r\n")] {
			return true
		}
	}
	return false
}
