package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FindProjectRoot returns the directory of the scaffold project that dir is in: dir itself or the
// nearest ancestor holding scaffold.yaml, the way git finds .git. The search stops at the root of
// the git repository enclosing dir, when there is one, because a scaffold.yaml above a repository
// belongs to some other project; otherwise it goes up to the filesystem root. The result is an
// absolute path with symbolic links resolved. When no project is found the error is a
// *NotProjectError naming dir as given.
func FindProjectRoot(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find project root: %w", err)
	}
	abs, err = filepath.EvalSymlinks(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return "", &NotProjectError{Dir: dir}
	}
	if err != nil {
		return "", fmt.Errorf("find project root: %w", err)
	}
	if info, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("find project root: %w", err)
	} else if !info.IsDir() {
		return "", &NotProjectError{Dir: dir}
	}
	for d := abs; ; {
		found, err := hasRootEntry(filepath.Join(d, ProjectFileName), false)
		if err != nil {
			return "", fmt.Errorf("find project root: %w", err)
		}
		if found {
			return d, nil
		}
		// .git is a directory in a clone and a file in a worktree or a submodule.
		repoRoot, err := hasRootEntry(filepath.Join(d, ".git"), true)
		if err != nil {
			return "", fmt.Errorf("find project root: %w", err)
		}
		parent := filepath.Dir(d)
		if repoRoot || parent == d {
			return "", &NotProjectError{Dir: dir}
		}
		d = parent
	}
}

// hasRootEntry reports whether path exists; a directory counts only when dirOK is set.
func hasRootEntry(path string, dirOK bool) (bool, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return dirOK || !info.IsDir(), nil
}
