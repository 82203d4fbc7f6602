package commands

import (
	"fmt"
	"runtime/debug"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// Version is the tool's version: the templates' version, which scaffold.yaml records, plus the
// module version when the binary was built with go install.
func Version() string {
	v := generator.Version
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v += " (module " + info.Main.Version + ")"
	}
	return v
}

// NewCmdVersion returns `scaffold version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print scaffold's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(f.IOStreams.Out, "scaffold %s\n", Version())
			return err
		},
	}
}
