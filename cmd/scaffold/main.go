// Command scaffold generates production-ready Express.js services. See the README.
package main

import (
	"os"

	"github.com/scaffold-cli/scaffold/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
