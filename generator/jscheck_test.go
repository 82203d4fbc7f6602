package generator

import (
	"strings"
	"testing"
)

// TestCheckJavaScript checks what counts as a broken module: the parser's own errors, and the
// duplicate top-level names the parser lets through (import bindings, functions).
func TestCheckJavaScript(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		module  bool
		wantErr string // "" when the source is valid
	}{
		{"valid module", "import express from 'express';\nconst app = express();\nexport default app;\n", true, ""},
		{"top-level await", "const db = await connect();\nexport { db };\n", true, ""},
		{"syntax error", "app.use(cors(;\n", true, "unexpected"},
		{"same import twice", "import { a } from './a.js';\nimport { a } from './a.js';\n", true, "identifier a has already been declared"},
		{"import alias clash", "import { a } from './a.js';\nimport { b as a } from './b.js';\n", true, "identifier a has already been declared"},
		{"default import twice", "import a from './a.js';\nimport a from './b.js';\n", true, "identifier a has already been declared"},
		{"namespace and const", "import * as a from './a.js';\nconst a = 1;\n", true, "identifier a has already been declared"},
		{"import and function", "import { a } from './a.js';\nfunction a() {}\n", true, "identifier a has already been declared"},
		{"import and exported class", "import { a } from './a.js';\nexport class a {}\n", true, "identifier a has already been declared"},
		{"const twice", "const a = 1;\nconst a = 2;\n", true, "identifier a has already been declared"},
		{"destructured", "const { a, b: [c] } = x;\nlet c;\n", true, "identifier c has already been declared"},
		{"function twice in a module", "function a() {}\nfunction a() {}\n", true, "identifier a has already been declared"},
		{"function twice in a script", "function a() {}\nfunction a() {}\n", false, ""},
		{"var twice", "var a = 1;\nvar a = 2;\n", true, ""},
		{"var and function in a script", "var a;\nfunction a() {}\n", false, ""},
		{"shadowing in a function is fine", "import { a } from './a.js';\nfunction f() { const a = 1; return a; }\n", true, ""},
		{"export twice", "const a = 1;\nexport { a };\nexport { a };\n", true, "duplicate export a"},
		{"two default exports", "export default 1;\nexport default function () {}\n", true, "duplicate export default"},
		{"export star", "export * from './a.js';\nexport * from './b.js';\n", true, ""},
		{"conflict markers", "<<<<<<< yours\nconst a = 1;\n=======\nconst a = 2;\n>>>>>>> scaffold (now)\n", true, "unexpected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkJavaScript([]byte(tt.src), tt.module)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("checkJavaScript(%q) = %v, want nil", tt.src, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("checkJavaScript(%q) = %v, want an error containing %q", tt.src, err, tt.wantErr)
			case err != nil && strings.ContainsAny(err.Error(), "\n"):
				t.Errorf("checkJavaScript(%q) = %q, want one line", tt.src, err)
			}
		})
	}
}
