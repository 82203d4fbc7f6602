package commands

import (
	"github.com/spf13/cobra"
)

// NewCmdRoot returns the scaffold command with every subcommand attached.
func NewCmdRoot(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scaffold",
		Short: "Generate production-ready Express.js services and grow them feature by feature",
		Long: `scaffold writes Express 5 services (ESM, Node 24+) with validated config, structured
logging, security headers, rate limits, central error handling, graceful shutdown and tests,
plus the features you choose: jwt, sessions, oauth2, redis, postgres, graphql, websockets.

Every prompt is also a flag, so scaffold runs the same from a terminal, a script or CI.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       Version(),
	}
	cmd.SetIn(f.IOStreams.In)
	cmd.SetOut(f.IOStreams.Out)
	cmd.SetErr(f.IOStreams.ErrOut)
	cmd.SetVersionTemplate("scaffold {{.Version}}\n")
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &FlagError{Err: err}
	})
	cmd.AddCommand(
		NewCmdNew(f, nil),
		NewCmdAdd(f, nil),
		NewCmdSync(f, nil),
		NewCmdFeatures(f, nil),
		NewCmdExplain(f, nil),
		NewCmdVersion(f),
	)
	return cmd
}

// featureCompletion completes a comma-separated list of feature names, offering only the names
// not already in the list.
func featureCompletion(f *Factory) func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat, err := f.Catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return completeList(toComplete, cat.FeatureNames()), cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}
}
