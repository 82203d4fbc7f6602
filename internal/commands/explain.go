package commands

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// ExplainOptions are the answers of `scaffold explain`.
type ExplainOptions struct {
	Factory  *Factory
	Features []string
}

// NewCmdExplain returns `scaffold explain`, which prints the middleware pipeline of src/app.js
// for a feature set, phase by phase.
func NewCmdExplain(f *Factory, runF func(*ExplainOptions) error) *cobra.Command {
	opts := &ExplainOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "explain",
		Short: "Show the middleware pipeline a feature set generates, in order",
		Long: `Show the request pipeline of src/app.js for a feature set: every middleware and router in
the order Express runs them, grouped by phase, each with the file that implements it.`,
		Example: "  scaffold explain --features jwt,redis",
		Args:    cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runExplain(opts)
		},
	}
	cmd.Flags().StringSliceVar(&opts.Features, "features", nil, "features to include, comma-separated")
	_ = cmd.RegisterFlagCompletionFunc("features", featureCompletion(f))
	return cmd
}

func runExplain(opts *ExplainOptions) error {
	cat, err := opts.Factory.Catalog()
	if err != nil {
		return err
	}
	res, err := cat.Resolve(opts.Features)
	if err != nil {
		return asUsage(err)
	}
	model, err := cat.BuildModel("explain", res)
	if err != nil {
		return err
	}
	w := opts.Factory.IOStreams.Out
	features := strings.Join(res.FeatureNames(), ", ")
	if features == "" {
		features = "none (core service only)"
	}
	fmt.Fprintf(w, "Request pipeline of src/app.js, in order. Features: %s\n\n", features)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PHASE\tMIDDLEWARE\tFILE\tFROM")
	for i, group := range model.Pipeline() {
		phase := fmt.Sprintf("%d. %s", i+1, group.Phase)
		if len(group.Entries) == 0 {
			fmt.Fprintf(tw, "%s\t(none)\t-\t-\n", phase)
		}
		for _, mw := range group.Entries {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", phase, strings.ReplaceAll(mw.Name, "`", ""), mw.Source, mw.Feature)
			phase = ""
		}
	}
	return tw.Flush()
}
