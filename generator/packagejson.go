package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// renderPackageJSON writes package.json the way npm itself formats it (two-space indentation,
// dependencies sorted), so that `npm install` leaves it byte for byte as generated.
func renderPackageJSON(m *Model) ([]byte, error) {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	str := jsonString
	w("{\n")
	w("  \"name\": %s,\n", str(m.Name))
	w("  \"version\": \"0.1.0\",\n")
	w("  \"private\": true,\n")
	w("  \"type\": \"module\",\n")
	w("  \"engines\": {\n    \"node\": \">=24\"\n  },\n")
	if len(m.RefusedInstallScripts) > 0 {
		w("  \"allowScripts\": {")
		for i, name := range m.RefusedInstallScripts {
			sep := ","
			if i == len(m.RefusedInstallScripts)-1 {
				sep = ""
			}
			w("\n    %s: false%s", str(name), sep)
		}
		w("\n  },\n")
	}
	section := func(name string, keys, values []string, last bool) {
		w("  %s: {", str(name))
		for i := range keys {
			sep := ","
			if i == len(keys)-1 {
				sep = ""
			}
			w("\n    %s: %s%s", str(keys[i]), str(values[i]), sep)
		}
		if len(keys) > 0 {
			w("\n  ")
		}
		w("}")
		if !last {
			w(",")
		}
		w("\n")
	}
	var keys, values []string
	for _, s := range m.Scripts {
		keys, values = append(keys, s.Name), append(values, s.Command)
	}
	section("scripts", keys, values, false)
	keys, values = nil, nil
	for _, p := range m.Packages {
		keys, values = append(keys, p.Name), append(values, p.Version)
	}
	section("dependencies", keys, values, false)
	keys, values = nil, nil
	for _, p := range m.DevPackages {
		keys, values = append(keys, p.Name), append(values, p.Version)
	}
	section("devDependencies", keys, values, true)
	w("}\n")
	if !json.Valid(b.Bytes()) {
		return nil, fmt.Errorf("render package.json: produced invalid JSON")
	}
	return b.Bytes(), nil
}

// jsonString is s as a JSON string, as an encoder that does not escape HTML writes it. Names,
// versions and commands need no escapes: they are quoted as they are, without an encoder each.
func jsonString(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(s)
			return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		}
	}
	return `"` + s + `"`
}
