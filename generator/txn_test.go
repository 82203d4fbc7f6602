package generator

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRecoverTransaction leaves a transaction's staging in each state a kill can leave it in, and
// checks what the next run makes of it: discarded before the commit mark, carried out after it,
// and merely removed once its operations were all done.
func TestRecoverTransaction(t *testing.T) {
	ops := []txnOp{
		{Path: "src/a.js", Data: []byte("a2\n"), Mode: 0o644},
		{Path: "old.js", Delete: true},
		{Path: "src/new/b.js", Data: []byte("b\n"), Mode: 0o600},
		{Path: ProjectFileName, Data: []byte("scaffold: x\n"), Mode: 0o644},
	}
	before := map[string]string{"src/a.js": "a1\n", "old.js": "old\n", ProjectFileName: "scaffold: w\n"}
	after := map[string]string{"src/a.js": "a2\n", "src/new/b.js": "b\n", ProjectFileName: "scaffold: x\n"}
	for _, tc := range []struct {
		name string
		// kill turns a complete, committed staging directory into what a kill at some point left.
		kill func(t *testing.T, dir string)
		want Recovery
		tree map[string]string
	}{
		{"before the commit mark", func(t *testing.T, dir string) {
			remove(t, filepath.Join(dir, TxnDirName, txnCommit))
		}, Discarded, before},
		{"right after the commit mark", func(*testing.T, string) {}, Finished, after},
		{"half-way through the moves", func(t *testing.T, dir string) {
			// The first write moved into place already.
			if err := os.Rename(filepath.Join(dir, TxnDirName, txnFiles, "0"), filepath.Join(dir, "src/a.js")); err != nil {
				t.Fatal(err)
			}
		}, Finished, after},
		{"while removing the staging", func(t *testing.T, dir string) {
			if err := carryOut(dir); err != nil {
				t.Fatal(err)
			}
			writeTree(t, filepath.Join(dir, TxnDirName), map[string]string{txnFinished: ""})
			remove(t, filepath.Join(dir, TxnDirName, txnCommit))
			remove(t, filepath.Join(dir, TxnDirName, txnJournal))
		}, NoRecovery, after},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, before)
			stageCommitted(t, dir, ops)
			tc.kill(t, dir)
			got, err := RecoverTransaction(dir)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("RecoverTransaction = %v, want %v", got, tc.want)
			}
			if diff := cmp.Diff(tc.tree, readTree(t, dir)); diff != "" {
				t.Errorf("tree after recovery (-want +got):\n%s", diff)
			}
			if InterruptedRun(dir) {
				t.Error("the staging directory is still there")
			}
		})
	}
}

// TestCommitTransactionCancelled checks that a cancelled run changes nothing and leaves no staging.
func TestCommitTransactionCancelled(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a.js": "a\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := commitTransaction(ctx, dir, []txnOp{{Path: "a.js", Data: []byte("b\n"), Mode: 0o644}})
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("commitTransaction = %v, want ErrInterrupted", err)
	}
	if diff := cmp.Diff(map[string]string{"a.js": "a\n"}, readTree(t, dir)); diff != "" {
		t.Errorf("tree (-want +got):\n%s", diff)
	}
}

// stageCommitted stages ops as commitTransaction does, up to and including the commit mark.
func stageCommitted(t *testing.T, dir string, ops []txnOp) {
	t.Helper()
	txn := filepath.Join(dir, TxnDirName)
	if err := stage(context.Background(), txn, ops); err != nil {
		t.Fatal(err)
	}
	if err := writeSynced(filepath.Join(txn, txnCommit), nil, 0o600); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, name string) {
	t.Helper()
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
}
