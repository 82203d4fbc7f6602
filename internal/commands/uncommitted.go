package commands

import (
	"bytes"
	"context"
	"io"
	"path"
	"slices"
	"strings"
)

// uncommittedPaths returns those of paths (relative to the project directory dir, with forward
// slashes) that have changes git has not committed: modified or deleted in the work tree, staged,
// or untracked. A path names a file or a directory (which counts when anything under it does).
// The result keeps the order of paths. Without git, or when dir is not in a git work tree, it
// returns nil: there is nothing to warn about that git could tell.
func uncommittedPaths(ctx context.Context, f *Factory, dir string, paths []string) []string {
	if len(paths) == 0 || f.Runner == nil || f.Runner.LookPath("git") != nil {
		return nil
	}
	// git status names paths from the top of the work tree, and the project may be a directory
	// inside it: the prefix is the project's place in the repository ("services/api/" or "").
	var prefix bytes.Buffer
	if err := f.Runner.Run(ctx, dir, &prefix, io.Discard, "git", "rev-parse", "--show-prefix"); err != nil {
		return nil
	}
	top := strings.TrimSpace(prefix.String())
	// Pathspecs are relative to the working directory, dir; literal, so a name holding * or ?
	// means only itself.
	args := []string{"--literal-pathspecs", "status", "--porcelain=v1", "-z", "--untracked-files=all", "--"}
	args = append(args, paths...)
	var status bytes.Buffer
	if err := f.Runner.Run(ctx, dir, &status, io.Discard, "git", args...); err != nil {
		return nil
	}
	changed := parsePorcelainZ(status.Bytes())
	var out []string
	for _, p := range paths {
		want := path.Join(top, path.Clean(p))
		hit := slices.ContainsFunc(changed, func(c string) bool {
			return c == want || strings.HasPrefix(c, want+"/")
		})
		if hit && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// parsePorcelainZ returns every path in `git status --porcelain=v1 -z` output, relative to the top
// of the work tree: entries are "XY path", and a rename or copy is followed by its original path.
func parsePorcelainZ(data []byte) []string {
	var paths []string
	fields := strings.Split(string(data), "\x00")
	for i := 0; i < len(fields); i++ {
		entry := fields[i]
		if len(entry) < 4 {
			continue // the empty field after the last NUL
		}
		paths = append(paths, entry[3:])
		if x := entry[0]; (x == 'R' || x == 'C') && i+1 < len(fields) {
			i++
			paths = append(paths, fields[i])
		}
	}
	return paths
}
