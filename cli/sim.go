package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"mastui/services/sim"
)

// simCommand is `mastui sim`: the simulator in the foreground. Its flags are its own
// (sim.Main parses them), so cobra passes the command line through untouched.
func (e *cliEnv) simCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sim",
		Short: `run the MAST simulator (prints "listening on URL")`,
		Example: "  mastui sim --listen 127.0.0.1:8765 --seed 1 --latency 50ms\n" +
			"  mastui sim --drop-after 100000 --error-every 5 --error-status 429 --html-errors",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			for _, a := range args {
				if a == "--" {
					break
				}
				if a == "-h" || a == "--h" || a == "-help" || a == "--help" {
					return c.Help()
				}
			}
			return sim.Main(e.ctx, args, e.stdout, e.stderr)
		},
	}
	cmd.SetHelpFunc(func(c *cobra.Command, _ []string) {
		fmt.Fprint(c.OutOrStdout(), helpText(c)+"\nFlags:\n"+simFlags(e))
	})
	return cmd
}

// simFlags lists the simulator's flags, as sim.Main describes them (on its error
// stream, after a "Usage of sim:" line).
func simFlags(e *cliEnv) string {
	var b strings.Builder
	_ = sim.Main(e.ctx, []string{"-h"}, io.Discard, &b)
	_, list, _ := strings.Cut(b.String(), "\n")
	return list
}

// versionCommand is `mastui version`, the same as --version.
func (e *cliEnv) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(e.stdout, "mastui", e.version)
			return err
		},
	}
}
