package commands

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExplainProject(t *testing.T) {
	f, out, _ := testFactory(t, false, nil, &fakeRunner{})
	if err := runNew(context.Background(), &NewOptions{Factory: f, Name: "shop", NameSet: true, Features: []string{"sessions"}, FeaturesSet: true, NoInstall: true, NoGit: true}); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join("shop", "src", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		cwd  string
		opts ExplainOptions
		want string
	}{
		{"in the project", "shop", ExplainOptions{Dir: "."}, "Features of shop (scaffold.yaml): redis, sessions\n"},
		{"below it", filepath.Join("shop", "src", "x"), ExplainOptions{Dir: "."}, "Features of shop (" + filepath.Join("..", "..", "scaffold.yaml") + "): redis, sessions\n"},
		{"with --dir", ".", ExplainOptions{Dir: filepath.Join("shop", "src"), DirSet: true}, "Features of shop (" + filepath.Join("shop", "scaffold.yaml") + "): redis, sessions\n"},
		{"--features wins", "shop", ExplainOptions{Dir: ".", Features: []string{"jwt"}, FeaturesSet: true}, "Features: jwt\n"},
		{"outside", ".", ExplainOptions{Dir: "."}, "Features: none (core service only)\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wd, err := os.Getwd()
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = os.Chdir(wd) }()
			if err := os.Chdir(tt.cwd); err != nil {
				t.Fatal(err)
			}
			out.Reset()
			opts := tt.opts
			opts.Factory = f
			if err := runExplain(&opts); err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(out.String(), "\n")
			if want := "Request pipeline of src/app.js, in order. " + tt.want; first+"\n" != want {
				t.Errorf("first line = %q, want %q", first, want)
			}
		})
	}
}
