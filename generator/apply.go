package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// NotEmptyError is returned when a new project would be written into a directory that already
// has files in it.
type NotEmptyError struct {
	Dir string
}

func (e *NotEmptyError) Error() string {
	return fmt.Sprintf("target directory %s is not empty", e.Dir)
}

// WriteNew writes plan as a new project at dir. Unless force is set, dir must not exist or be
// empty. The files are first written into a temporary sibling of dir, which is then renamed into
// place, so a failure part-way leaves nothing behind.
func WriteNew(plan *Plan, dir string, force bool) error {
	dir = filepath.Clean(dir)
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		// Renaming the staging directory over a link would replace the link, and a dangling one
		// would silently become a directory; write where the link leads, or refuse.
		resolved, err := filepath.EvalSymlinks(dir)
		if err != nil {
			target, _ := os.Readlink(dir)
			return fmt.Errorf("target %s is a symbolic link to %s, which does not exist: create that directory or remove the link", dir, target)
		}
		dir = resolved
	}
	empty, err := IsEmptyDir(dir)
	if err != nil {
		return fmt.Errorf("check target directory: %w", err)
	}
	if !empty && !force {
		return &NotEmptyError{Dir: dir}
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create parent directory: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".scaffold-*")
	if err != nil {
		return fmt.Errorf("create staging directory: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := writeFiles(plan, tmp); err != nil {
		return err
	}
	if empty {
		// A leftover empty directory would make the rename fail; it holds nothing to keep.
		if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("replace empty directory: %w", err)
		}
		if err := os.Chmod(tmp, 0o755); err != nil {
			return fmt.Errorf("set project directory mode: %w", err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("move project into place: %w", err)
		}
		return nil
	}
	// With force the directory has other files in it, so files are moved in one by one; they were
	// all written successfully first, so what can still fail here is only the final renames.
	for _, f := range plan.Files {
		dst := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("create directory for %s: %w", f.Path, err)
		}
		if err := os.Rename(filepath.Join(tmp, filepath.FromSlash(f.Path)), dst); err != nil {
			return fmt.Errorf("move %s into place: %w", f.Path, err)
		}
	}
	return nil
}

// writeFiles writes the plan into root, an empty directory: the directories first, each once,
// then the files, on as many threads as there are cores, since writing is most of what `scaffold
// new` costs.
func writeFiles(plan *Plan, root string) error {
	dirs := map[string]bool{}
	for _, f := range plan.Files {
		for d := path.Dir(f.Path); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Sorted, a directory comes before those inside it.
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create directory %s: %w", d, err)
		}
	}
	errs := make([]error, len(plan.Files))
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(plan.Files); i = int(next.Add(1) - 1) {
			f := plan.Files[i]
			mode := f.Mode
			if mode == 0 {
				mode = 0o644
			}
			if err := writeFile(filepath.Join(root, filepath.FromSlash(f.Path)), f.Data, mode); err != nil {
				errs[i] = fmt.Errorf("write %s: %w", f.Path, err)
			}
		}
	}
	// This goroutine writes too, rather than waiting for the others to finish.
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(plan.Files)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	return errors.Join(errs...)
}

// IsEmptyDir reports whether dir is missing or an empty directory.
func IsEmptyDir(dir string) (bool, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return len(entries) == 0, nil
}
