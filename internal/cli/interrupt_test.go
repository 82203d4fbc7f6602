//go:build unix

package cli

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

// A signal that arrives once the context has been asked anything cancels it: asking waits for the
// handler, which is installed on another thread.
func TestInterruptCancelsContext(t *testing.T) {
	ctx := notifyOnInterrupt()
	if err := ctx.Err(); err != nil {
		t.Fatalf("Err before any signal = %v", err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
	if err := ctx.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("Err after SIGINT = %v, want context.Canceled", err)
	}
}
