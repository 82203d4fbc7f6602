package cli

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// interruptContext is a context that SIGINT and SIGTERM cancel, whose handler is installed on
// another thread while the command starts. os/signal starts an OS thread of its own to install
// one, which costs about a third of a millisecond, a fifteenth of a whole `scaffold new`, and
// would otherwise come first.
//
// Every method waits until the handler is in place. Until then the two signals end the process as
// they do by default, which loses nothing: `new` asks its context whether it was cancelled before
// it writes its first file, and the other writing commands write through transactions that a
// killed run leaves recoverable.
type interruptContext struct {
	installed chan struct{}
	ctx       context.Context // set before installed is closed
}

// notifyOnInterrupt returns a context that SIGINT and SIGTERM cancel. The handler stays until the
// process exits (it is never stopped): restoring the default any earlier would let a signal that
// arrives after the work is done kill the process and report a finished run as failed.
func notifyOnInterrupt() context.Context {
	c := &interruptContext{installed: make(chan struct{})}
	go func() {
		c.ctx, _ = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		close(c.installed)
	}()
	return c
}

func (c *interruptContext) Deadline() (time.Time, bool) {
	<-c.installed
	return c.ctx.Deadline()
}

func (c *interruptContext) Done() <-chan struct{} {
	<-c.installed
	return c.ctx.Done()
}

func (c *interruptContext) Err() error {
	<-c.installed
	return c.ctx.Err()
}

func (c *interruptContext) Value(key any) any {
	<-c.installed
	return c.ctx.Value(key)
}
