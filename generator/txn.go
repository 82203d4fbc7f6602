package generator

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// TxnDirName is the directory inside a project in which a writing command stages its files. It
// exists only while a command runs, or after one was killed outright, when the next run finds it.
const TxnDirName = ".scaffold-txn"

// Files of the staging directory. The journal lists the operations; the commit mark, created
// once everything is staged, is the point after which a run is finished rather than undone.
const (
	txnJournal  = "journal"
	txnCommit   = "committed"
	txnFinished = "finished"
	txnFiles    = "files"
)

// txnOp is one operation of a transaction: write Data (with Mode) to Path, or delete Path.
type txnOp struct {
	Path   string
	Delete bool
	Data   []byte
	Mode   fs.FileMode
}

// ErrInterrupted is wrapped by the error of a run stopped by a signal before it changed anything.
var ErrInterrupted = errors.New("interrupted")

// commitTransaction applies ops to the project in dir as one transaction. Every file is staged in
// TxnDirName first; until the commit mark is written, a cancelled ctx, an error or a killed process
// leaves the project exactly as it was. After the mark the operations are carried out in order,
// whatever ctx says, and a run killed even then is finished by the next one (RecoverTransaction).
// The caller holds the project's lock, and puts scaffold.yaml last in ops so that what it records
// is on disk when it is written.
func commitTransaction(ctx context.Context, dir string, ops []txnOp) error {
	txn := filepath.Join(dir, TxnDirName)
	if err := stage(ctx, txn, ops); err != nil {
		os.RemoveAll(txn)
		return err
	}
	// The commit point: from here on the run completes, or the next run completes it.
	if err := writeSynced(filepath.Join(txn, txnCommit), nil, 0o600); err != nil {
		os.RemoveAll(txn)
		return fmt.Errorf("stage changes: %w", err)
	}
	syncDir(txn)
	return rollForward(dir)
}

// stage writes every file of ops, and then the journal that lists the operations, into txn.
func stage(ctx context.Context, txn string, ops []txnOp) error {
	if err := os.Mkdir(txn, 0o700); err != nil {
		return fmt.Errorf("stage changes: %w", err)
	}
	if err := os.Mkdir(filepath.Join(txn, txnFiles), 0o700); err != nil {
		return fmt.Errorf("stage changes: %w", err)
	}
	var journal bytes.Buffer
	for i, op := range ops {
		if op.Delete {
			fmt.Fprintf(&journal, "delete %s\n", op.Path)
			continue
		}
		name := filepath.Join(txn, txnFiles, strconv.Itoa(i))
		if err := writeSynced(name, op.Data, op.Mode); err != nil {
			return fmt.Errorf("stage %s: %w", op.Path, err)
		}
		fmt.Fprintf(&journal, "write %d %04o %s\n", i, op.Mode.Perm(), op.Path)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("%w before anything was changed: %w", ErrInterrupted, err)
		}
	}
	if err := writeSynced(filepath.Join(txn, txnJournal), journal.Bytes(), 0o600); err != nil {
		return fmt.Errorf("stage changes: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%w before anything was changed: %w", ErrInterrupted, err)
	}
	return nil
}

// rollForward carries out a committed transaction's journal and removes the staging directory.
func rollForward(dir string) error {
	if err := carryOut(dir); err != nil {
		return err
	}
	syncDir(dir)
	return removeFinished(filepath.Join(dir, TxnDirName))
}

// carryOut carries out the journal. Each step can be repeated, so a run killed half-way is
// finished by running it again.
func carryOut(dir string) error {
	txn := filepath.Join(dir, TxnDirName)
	data, err := os.ReadFile(filepath.Join(txn, txnJournal))
	if err != nil {
		return fmt.Errorf("finish changes: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		verb, rest, _ := strings.Cut(sc.Text(), " ")
		switch verb {
		case "delete":
			if err := CheckProjectPath(rest); err != nil {
				return fmt.Errorf("finish changes: %w", err)
			}
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rest))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("delete %s: %w", rest, err)
			}
			removeEmptyParents(dir, rest)
		case "write":
			fields := strings.SplitN(rest, " ", 3)
			if len(fields) != 3 {
				return fmt.Errorf("finish changes: bad journal line %q", sc.Text())
			}
			p := fields[2]
			if err := CheckProjectPath(p); err != nil {
				return fmt.Errorf("finish changes: %w", err)
			}
			mode, err := strconv.ParseUint(fields[1], 8, 32)
			if err != nil {
				return fmt.Errorf("finish changes: bad journal line %q", sc.Text())
			}
			src := filepath.Join(txn, txnFiles, fields[0])
			dst := filepath.Join(dir, filepath.FromSlash(p))
			if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
				continue // moved into place before the run was killed
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return fmt.Errorf("create directory for %s: %w", p, err)
			}
			// Rename keeps the staged mode, which umask may have narrowed; set it as planned.
			if err := os.Chmod(src, fs.FileMode(mode)); err != nil {
				return fmt.Errorf("write %s: %w", p, err)
			}
			if err := os.Rename(src, dst); err != nil {
				return fmt.Errorf("move %s into place: %w", p, err)
			}
		default:
			return fmt.Errorf("finish changes: bad journal line %q", sc.Text())
		}
	}
	return sc.Err()
}

// removeFinished removes the staging directory of a transaction whose operations are all done, in
// an order that a kill at any point leaves recognisable: the finished mark first, so a leftover
// directory is never mistaken for one still to be carried out (with its commit mark but no
// journal) or one never committed.
func removeFinished(txn string) error {
	if err := writeSynced(filepath.Join(txn, txnFinished), nil, 0o600); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("finish changes: %w", err)
	}
	for _, name := range []string{txnCommit, txnJournal, txnFiles} {
		if err := os.RemoveAll(filepath.Join(txn, name)); err != nil {
			return fmt.Errorf("finish changes: %w", err)
		}
	}
	if err := os.Remove(filepath.Join(txn, txnFinished)); err != nil {
		return fmt.Errorf("finish changes: %w", err)
	}
	return os.Remove(txn)
}

// Recovery says what RecoverTransaction found.
type Recovery int

const (
	// NoRecovery: no earlier run was interrupted.
	NoRecovery Recovery = iota
	// Discarded: an earlier run was killed before it changed anything; its staging was removed.
	Discarded
	// Finished: an earlier run was killed while writing; its remaining changes were made.
	Finished
)

// InterruptedRun reports whether a killed run left its staging directory in dir.
func InterruptedRun(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, TxnDirName))
	return err == nil
}

// RecoverTransaction deals with a run that was killed outright (SIGKILL, power loss): one killed
// before its commit point changed nothing, and its staging is discarded; one killed after it is
// finished from its journal. The caller holds the project's lock.
func RecoverTransaction(dir string) (Recovery, error) {
	txn := filepath.Join(dir, TxnDirName)
	info, err := os.Lstat(txn)
	if errors.Is(err, fs.ErrNotExist) {
		return NoRecovery, nil
	}
	if err != nil {
		return NoRecovery, fmt.Errorf("check for an interrupted run: %w", err)
	}
	if !info.IsDir() {
		return NoRecovery, fmt.Errorf("check for an interrupted run: %s is not a directory; remove it", txn)
	}
	if _, err := os.Stat(filepath.Join(txn, txnFinished)); err == nil {
		// Killed while removing the staging of a run that had made all its changes.
		if err := removeFinished(txn); err != nil {
			return NoRecovery, err
		}
		return NoRecovery, nil
	}
	if _, err := os.Stat(filepath.Join(txn, txnCommit)); err != nil {
		if err := os.RemoveAll(txn); err != nil {
			return NoRecovery, fmt.Errorf("discard an interrupted run: %w", err)
		}
		return Discarded, nil
	}
	if err := rollForward(dir); err != nil {
		return NoRecovery, fmt.Errorf("finish an interrupted run: %w", err)
	}
	return Finished, nil
}

func writeSynced(name string, data []byte, mode fs.FileMode) error {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode.Perm()|0o200)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	return errors.Join(werr, serr, cerr)
}

// syncDir flushes a directory's entries, so renames survive a power loss; where a system cannot,
// nothing is lost but that guarantee.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
