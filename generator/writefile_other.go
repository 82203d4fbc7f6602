//go:build !unix

package generator

import (
	"io/fs"
	"os"
)

// writeFile writes data to the file name, creating it with perm or truncating it.
func writeFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}
