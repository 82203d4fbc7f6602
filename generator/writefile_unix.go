//go:build unix

package generator

import (
	"io"
	"io/fs"
	"syscall"
)

// writeFile writes data to the file name, creating it with perm (less the umask) or truncating
// it, as os.WriteFile does, in three system calls: open, write, close. os.WriteFile also offers
// every file to the runtime's poller, which refuses regular files, and sets and clears
// non-blocking mode around that: five more calls a file, 730 of the 1,850 system calls of a
// `scaffold new` with every feature.
func writeFile(name string, data []byte, perm fs.FileMode) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
