package commands

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// FeaturesOptions are the switches of `scaffold features`.
type FeaturesOptions struct {
	Factory *Factory
}

// NewCmdFeatures returns `scaffold features`, the catalog.
func NewCmdFeatures(f *Factory, runF func(*FeaturesOptions) error) *cobra.Command {
	opts := &FeaturesOptions{Factory: f}
	return &cobra.Command{
		Use:   "features",
		Short: "List the features scaffold can add, with what each requires",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runFeatures(opts)
		},
	}
}

func runFeatures(opts *FeaturesOptions) error {
	cat, err := opts.Factory.Catalog()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(opts.Factory.IOStreams.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "FEATURE\tREQUIRES\tSUMMARY")
	for _, m := range cat.Features() {
		requires := strings.Join(publicRequires(cat, m), ", ")
		if requires == "" {
			requires = "-"
		}
		summary := m.Summary
		if m.Planned {
			summary += " (planned)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", m.Name, requires, summary)
	}
	return tw.Flush()
}

// publicRequires returns the features m requires directly, without the internal building blocks
// users never name.
func publicRequires(cat *generator.Catalog, m *generator.Manifest) []string {
	var reqs []string
	for _, r := range m.Requires {
		if !cat.Lookup(r.Feature).Internal {
			reqs = append(reqs, r.Feature)
		}
	}
	return reqs
}
