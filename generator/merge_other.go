//go:build !unix

package generator

import "os/exec"

// ownProcessGroup does nothing where there are no process groups to keep git out of the
// terminal's; cancelling still kills git, as exec.CommandContext does by default.
func ownProcessGroup(cmd *exec.Cmd) {}
