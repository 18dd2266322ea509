package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// program is the mastui binary, built once (without the race detector) for the tests
// that run the real program as a user would: in a pseudo-terminal, killed with -9, or
// measured. Under -race a child would cost ten times the CPU and prove nothing more
// about signals or the journal.
var program struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

func programPath(t *testing.T) string {
	t.Helper()
	program.once.Do(func() {
		if program.dir, program.err = os.MkdirTemp("", "mastui-test-bin-"); program.err != nil {
			return
		}
		program.path = filepath.Join(program.dir, "mastui")
		program.out, program.err = exec.Command("go", "build", "-o", program.path, "..").CombinedOutput()
	})
	if program.err != nil {
		t.Fatalf("build: %v\n%s", program.err, program.out)
	}
	return program.path
}

// removeProgram deletes the built binary once the tests are done.
func removeProgram() {
	if program.dir != "" {
		os.RemoveAll(program.dir)
	}
}
