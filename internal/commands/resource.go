package commands

import (
	"context"
	"fmt"
	"slices"

	"github.com/scaffold-cli/scaffold/generator"
	"github.com/spf13/cobra"
)

// ResourceOptions are the answers and switches of `scaffold resource`.
type ResourceOptions struct {
	Factory *Factory
	UpdateOptions

	Name   string
	Fields []string
	Owned  bool
}

// NewCmdResource returns `scaffold resource`. runF replaces the run function in tests of flag
// parsing.
func NewCmdResource(f *Factory, runF func(context.Context, *ResourceOptions) error) *cobra.Command {
	opts := &ResourceOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "resource <plural-name> <field:type>...",
		Short: "Add a resource (routes, schemas, storage, tests) to a project scaffold generated",
		Long: `Add a resource to a project scaffold generated: a REST API at /api/v1/<plural-name> with
list, get, create, change and delete, validated by zod schemas, described in the OpenAPI
document, stored the way the project stores users (in memory, or in Postgres with a migration),
cached and protected as users are when the project has those features, and tested.

A field is name:type[:modifier]..., where type is one of string, text, integer, number,
boolean, date, datetime, uuid, email, url, enum=a|b|c and ref=<resource> (a reference to
another resource or to users), and a modifier is optional (or ? after the name or type),
unique, indexed, min=N, max=N or default=VALUE (last, as it takes the rest of the spec).

With --owned, each record belongs to the user who created it, and only they or an admin may
change or delete it (once the project has jwt or sessions).

scaffold.yaml records the resource, so that scaffold add and scaffold sync bring it along:
adding postgres later gives it a migration and a Postgres repository. Files are written with the
same rules as scaffold add.`,
		Example: `  scaffold resource suppliers name:string:unique
  scaffold resource products name:string price:number:min=0 sku:string:unique \
    category:enum=food|tools|toys description:text? supplier:ref=suppliers --owned
  scaffold resource tags label:string --dry-run`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch len(args) {
			case 0:
				return flagErrorf("missing resource: give a plural name and its fields, e.g. scaffold resource products name:string")
			case 1:
				return flagErrorf("missing fields: give %s at least one field, e.g. scaffold resource %s name:string", args[0], args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name, opts.Fields = args[0], args[1:]
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runResource(cmd.Context(), opts)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().BoolVar(&opts.Owned, "owned", false, "each record belongs to the user who created it")
	return cmd
}

func runResource(ctx context.Context, opts *ResourceOptions) error {
	p, err := opts.openProject(ctx, opts.Factory, !opts.DryRun)
	if err != nil {
		return err
	}
	defer p.close()
	var known generator.KnownNames
	number := 0
	for _, r := range p.resources {
		known.Resources = append(known.Resources, r.Name)
		number = max(number, r.Number)
	}
	r, err := generator.ParseResource(opts.Name, opts.Fields, opts.Owned, known)
	if err != nil {
		return asUsage(err)
	}
	r.Number = number + 1
	base, before, err := p.renderRecorded()
	if err != nil {
		return err
	}
	res, err := p.catalog.Resolve(p.recorded.Features)
	if err != nil {
		return recordedError(err)
	}
	target, err := p.catalog.Generate(p.recorded.Name, res, append(slices.Clip(p.resources), *r))
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.Factory.IOStreams.ErrOut, "adding resource %s at /api/v1/%s\n", r.Name, r.Name)
	return applyUpdate(ctx, opts.Factory, &opts.UpdateOptions, p, &renders{p.recorded, base, before, target}, "resource")
}
