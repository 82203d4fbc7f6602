package commands

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// RemoveOptions are the answers and switches of `scaffold remove`.
type RemoveOptions struct {
	Factory *Factory
	UpdateOptions

	Names []string
}

// NewCmdRemove returns `scaffold remove`. runF replaces the run function in tests of flag parsing.
func NewCmdRemove(f *Factory, runF func(context.Context, *RemoveOptions) error) *cobra.Command {
	opts := &RemoveOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "remove <feature|resource>...",
		Short: "Remove features or resources from a project scaffold generated",
		Long: `Remove features or resources from a project scaffold generated: the inverse of scaffold add
and scaffold resource, with the same rules. Files you never touched that nothing else needs are
deleted, files you edited get the change merged, and a file you edited that would be deleted
is a conflict, left alone. A feature another feature requires, or a resource another resource
references, stays until that one goes too (name both).

With Postgres, removing a resource deletes its migration file but not its table: roll the
migration back first (npm run migrate -- down) if the database should lose it too.`,
		Example: `  scaffold remove websockets
  scaffold remove products suppliers
  scaffold remove oauth2 sessions --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return flagErrorf("missing name: give the features or resources to remove, e.g. scaffold remove websockets")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Names = args
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRemove(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	return cmd
}

func runRemove(ctx context.Context, opts *RemoveOptions) error {
	p, err := opts.openProject(ctx, opts.Factory, !opts.DryRun)
	if err != nil {
		return err
	}
	defer p.close()
	features, resources, err := p.withoutNames(opts.Names)
	if err != nil {
		return err
	}
	res, err := p.catalog.Resolve(features)
	if err != nil {
		return recordedError(err)
	}
	for _, a := range res.Added {
		if !slices.Contains(features, a.Feature) && slices.Contains(p.recorded.Features, a.Feature) {
			return flagErrorf("cannot remove %s: %s requires it (%s); remove %s too", a.Feature, a.RequiredBy, a.Reason, a.RequiredBy)
		}
	}
	base, before, err := p.renderRecorded()
	if err != nil {
		return err
	}
	target, err := p.catalog.Generate(p.recorded.Name, res, resources)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Factory.IOStreams.ErrOut, "removing %s\n", strings.Join(opts.Names, ", "))
	return applyUpdate(ctx, opts.Factory, &opts.UpdateOptions, p, &renders{p.recorded, base, before, target}, "remove")
}

// withoutNames returns the project's features and resources without the named ones, refusing a
// name the project does not have and a resource that a remaining one references.
func (p *project) withoutNames(names []string) ([]string, []generator.Resource, error) {
	features := slices.Clone(p.recorded.Features)
	resources := slices.Clone(p.resources)
	seen := map[string]bool{}
	for _, raw := range names {
		name := strings.ToLower(strings.TrimSpace(raw))
		if seen[name] {
			return nil, nil, flagErrorf("%s is named twice", name)
		}
		seen[name] = true
		if i := slices.IndexFunc(resources, func(r generator.Resource) bool { return r.Name == name }); i >= 0 {
			resources = slices.Delete(resources, i, i+1)
			continue
		}
		if i := slices.Index(features, name); i >= 0 {
			features = slices.Delete(features, i, i+1)
			continue
		}
		if m := p.catalog.Lookup(name); m != nil && !m.Internal && name != generator.CoreName {
			return nil, nil, flagErrorf("cannot remove %s: the project does not have it", name)
		}
		return nil, nil, flagErrorf("cannot remove %q: it is neither a feature nor a resource of the project (features: %s; resources: %s)",
			raw, orNone(p.recorded.Features), orNone(resourceNames(p.resources)))
	}
	for _, r := range resources {
		for _, f := range r.Fields {
			if f.Type == generator.TypeRef && f.Ref != r.Name && f.Ref != "users" &&
				!slices.ContainsFunc(resources, func(o generator.Resource) bool { return o.Name == f.Ref }) {
				return nil, nil, flagErrorf("cannot remove %s: %s references it (field %s); remove %s too", f.Ref, r.Name, f.Name, r.Name)
			}
		}
	}
	return features, resources, nil
}

func resourceNames(resources []generator.Resource) []string {
	var names []string
	for _, r := range resources {
		names = append(names, r.Name)
	}
	return names
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
