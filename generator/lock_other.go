//go:build !unix

package generator

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// LockProject takes the project's lock. Without flock, the lock is a file created exclusively
// beside scaffold.yaml; a run that was killed leaves it behind, and the error says to remove it.
func LockProject(ctx context.Context, dir string, waiting func()) (unlock func(), err error) {
	name := filepath.Join(dir, TxnDirName+".lock")
	told := false
	for {
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(name) }, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock project: %w", err)
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("lock project: stopped waiting for the other scaffold run (remove %s if none is running): %w", name, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}
