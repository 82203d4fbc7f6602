//go:build unix

package generator

import (
	"os/exec"
	"syscall"
)

// ownProcessGroup starts cmd in a process group of its own. A Ctrl-C at the terminal signals the
// whole foreground group; git in it would die mid-merge while this process, which handles the
// signal by cancelling its context, was still deciding what to do. Cancelling then kills git's
// group, so nothing it started outlives it.
func ownProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		// With Setpgid the group's id is git's pid; a negative pid signals the group.
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
