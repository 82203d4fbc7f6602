package generator

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// encoderMarshal is the YAML encoder's output, which Marshal must match byte for byte.
func encoderMarshal(t *testing.T, p ProjectFile) []byte {
	t.Helper()
	out, err := p.encode()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestMarshalIsTheEncoders compares Marshal with the YAML encoder on projects made of strings that
// need every kind of care: numbers, booleans, YAML indicators, spaces, quotes, colons, Unicode.
func TestMarshalIsTheEncoders(t *testing.T) {
	words := []string{"", "a", "demo", "0.3.0", "1", "08", "0x1F", "1e3", "1_000", "-1", "+1", ".5", "yes", "No",
		"ON", "y", "N", "true", "False", "null", "Null", "~", ".inf", "-.inf", ".NaN", "sha256:ab12", "a:b", "a: b",
		"a #b", "#a", "- a", "-a", "a-", "[a]", "{a}", "a,b", "'a'", "\"a\"", "a'b", "*a", "&a", "!a", "%a", "@a",
		"`a`", "|a", "a|b", ">a", "a>b", "?a", "a?", "a=b", "default=hello world", "x:string:default=a: b",
		"src/app.js", ".env.example", "migrations/1800000001000_create-x.js", "é", "a\tb", "a\nb", " a", "a ",
		"2024-01-31", "2024-01-31T09:30:00Z", "12:30", "1:2", "0o17", "0b1", "<<", "=", "a b", "A", "Z9",
		"1.2.3", "10.0.12.4", "1..2", "1.2.", ".1.2", "1.2.3e4", "01.02.03",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		w := words[rng.IntN(len(words))]
		if rng.IntN(4) == 0 {
			w += words[rng.IntN(len(words))]
		}
		return w
	}
	for trial := range 2000 {
		p := ProjectFile{Version: pick(), Name: pick(), Files: map[string]string{}}
		for range rng.IntN(4) {
			p.Features = append(p.Features, pick())
		}
		for i := range rng.IntN(3) {
			r := ResourceAnswer{Name: pick(), Number: i + rng.IntN(5), Owned: rng.IntN(2) == 0}
			for range rng.IntN(4) {
				r.Fields = append(r.Fields, pick())
			}
			p.Resources = append(p.Resources, r)
		}
		for range rng.IntN(5) {
			p.Files[pick()] = pick()
		}
		got, err := p.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		if want := encoderMarshal(t, p); !bytes.Equal(got, want) {
			t.Fatalf("trial %d: Marshal differs from the encoder\nwant:\n%s\ngot:\n%s", trial, want, got)
		}
		back, err := ParseProjectFile(got)
		if err != nil && !strings.Contains(err.Error(), "file") {
			t.Fatalf("trial %d: does not read back: %v\n%s", trial, err, got)
		}
		_ = back
	}
}

// TestPlainScalarIsThePattern holds plainScalar to the pattern it writes out by hand, on every
// string of up to four characters from an alphabet of each kind of character it treats apart.
func TestPlainScalarIsThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_./=|+-]*(:[A-Za-z0-9_./=|+-]+)*$`)
	alphabet := []string{"a", "Z", "0", "_", ".", "/", "=", "|", "+", "-", ":", " ", "#", "é", "\n"}
	eachString(alphabet, 4, func(s string) {
		if got, want := plainScalar(s), pattern.MatchString(s); got != want {
			t.Errorf("plainScalar(%q) = %v, the pattern says %v", s, got, want)
		}
	})
}

// TestWriteScalarIsTheEncoders compares writeScalar with the YAML encoder on every string of up
// to four characters from an alphabet of each kind of character it treats apart, and on words
// YAML reads as something else.
func TestWriteScalarIsTheEncoders(t *testing.T) {
	alphabet := []string{".", "a", "i", "n", "f", "Y", "0", "_", "/", "-", ":", " ", "#", "é"}
	check := func(s string) {
		want, err := yaml.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		writeScalar(&b, s)
		if got := b.String(); got != strings.TrimSuffix(string(want), "\n") {
			t.Errorf("writeScalar(%q) = %s, the encoder writes %s", s, got, want)
		}
	}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		check(prefix)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			all(prefix+c, n-1)
		}
	}
	all("", 4)
	for _, s := range []string{".inf", ".Inf", ".INF", ".iNf", ".nan", ".NaN", ".NAN", ".nAn", ".yes", ".true", ".null",
		".env.example", ".github/workflows/ci.yml", ".e5", ".5", ".infinity", ".a:b", ".a::b", ".a:"} {
		check(s)
	}
}
