// A run lasts milliseconds, so the runtime need not name its memory mappings for debuggers, nor
// watch for a change in the CPUs it may use: each costs a part of every start.
//
//go:debug decoratemappings=0
//go:debug updatemaxprocs=0

// Command scaffold generates production-ready Express.js services. See the README.
package main

import (
	"os"

	"github.com/scaffold-cli/scaffold/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
