package cli

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/zalando/go-keyring"
)

// TestMain keeps the tests off the developer's own MAST login and files: no system
// keyring (the account tests switch go-keyring's mock in), config and data directories
// of their own (no search history written to the user's), no token in the environment.
// Downloads run in the test's process (download_service off): a spawned service would be
// this test binary; the service tests start their own.
func TestMain(m *testing.M) {
	keyring.MockInitWithError(errors.New("no keyring in the tests"))
	dir, err := os.MkdirTemp("", "mastui-cli-config-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Setenv("XDG_DATA_HOME", dir+"/data")
	os.Unsetenv("MAST_API_TOKEN")
	os.Setenv("MASTUI_DOWNLOAD_SERVICE", "off")
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
