//go:build unix

package generator

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// LockProject takes the project's lock: an advisory lock on its directory, which the system
// releases when the process ends however it ends, so a killed run never leaves a stale lock.
// While another scaffold holds it, waiting is called once and LockProject waits until the lock is
// free or ctx is done.
func LockProject(ctx context.Context, dir string, waiting func()) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock project: %w", err)
	}
	told := false
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock project: %w", err)
		}
		if !told && waiting != nil {
			waiting()
			told = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock project: stopped waiting for the other scaffold run: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}
