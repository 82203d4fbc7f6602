package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckProjectPath returns an error unless p is a path scaffold may write: clean, relative,
// slash-separated, inside the project, and not in .git or scaffold's own staging directory. Paths
// come from scaffold.yaml, which a cloned repository controls, so none is trusted.
func CheckProjectPath(p string) error {
	switch {
	case !fs.ValidPath(p) || p == ".":
		return fmt.Errorf("%q is not a clean relative path inside the project", p)
	case strings.ContainsAny(p, "\\\x00") || filepath.IsAbs(filepath.FromSlash(p)):
		return fmt.Errorf("%q is not a clean relative path inside the project", p)
	}
	first, _, _ := strings.Cut(p, "/")
	if first == ".git" || first == TxnDirName {
		return fmt.Errorf("%q is inside %s, which scaffold never writes", p, first)
	}
	return nil
}

// symlinkOnPath returns the first path on the way from root to p, p included, that is a symbolic
// link, or "" when there is none. scaffold never writes through a link: it could lead out of the
// project.
func symlinkOnPath(root, p string) (string, error) {
	parts := strings.Split(p, "/")
	for i := range parts {
		rel := strings.Join(parts[:i+1], "/")
		info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrNotExist) {
			return "", nil
		}
		if err != nil {
			return "", err
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return rel, nil
		}
	}
	return "", nil
}
