// Command mastui is a keyboard-driven terminal browser for MAST, the Mikulski Archive
// for Space Telescopes, with a scriptable CLI on the same engine and a MAST simulator.
// The commands are in package cli.
package main

import (
	"os"

	"mastui/cli"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() { os.Exit(cli.Main(version)) }
