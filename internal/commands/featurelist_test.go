package commands

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeFeatures(t *testing.T) {
	for _, tt := range []struct {
		in   []string
		want []string
	}{
		{nil, nil},
		{[]string{""}, nil},
		{[]string{"jwt", " redis"}, []string{"jwt", "redis"}},
		{[]string{"JWT"}, []string{"jwt"}},
		{[]string{"jwt, Redis ,", " ,postgres"}, []string{"jwt", "redis", "postgres"}},
		{[]string{"jwt", "JWT", " jwt "}, []string{"jwt"}},
		{[]string{"\tsessions\n"}, []string{"sessions"}},
	} {
		if diff := cmp.Diff(tt.want, normalizeFeatures(tt.in)); diff != "" {
			t.Errorf("normalizeFeatures(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

// add takes feature names as arguments the way new takes --features, and accepts --yes.
func TestAddArgsNormalizeFeatures(t *testing.T) {
	for _, args := range [][]string{
		{"JWT", " redis"},
		{"jwt, redis", "--yes"},
		{"-y", "jwt,", "REDIS"},
	} {
		var got *AddOptions
		cmd := NewCmdAdd(&Factory{}, func(_ context.Context, o *AddOptions) error { got = o; return nil })
		cmd.SetArgs(args)
		if err := cmd.Execute(); err != nil {
			t.Fatalf("%q: %v", args, err)
		}
		if diff := cmp.Diff([]string{"jwt", "redis"}, got.Features); diff != "" {
			t.Errorf("%q: features (-want +got):\n%s", args, diff)
		}
	}
	cmd := NewCmdAdd(&Factory{}, func(context.Context, *AddOptions) error { return nil })
	cmd.SetArgs([]string{" , "})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	var flagErr *FlagError
	if err := cmd.Execute(); !errors.As(err, &flagErr) {
		t.Errorf("add ' , ': err = %v, want a usage error", err)
	}
}

func TestExplainFlagsNormalizeFeatures(t *testing.T) {
	var got *ExplainOptions
	cmd := NewCmdExplain(&Factory{}, func(o *ExplainOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--features", "Sessions, JWT"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"sessions", "jwt"}, got.Features); diff != "" || !got.FeaturesSet {
		t.Errorf("features (-want +got):\n%s", diff)
	}
}
