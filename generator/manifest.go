package generator

// Manifest is a catalog entry's manifest.yaml: what the entry is, what it needs, and what it
// contributes to the files other entries render. The entry's own files live beside it in files/.
type Manifest struct {
	Name      string        `yaml:"name"`
	Summary   string        `yaml:"summary"`
	Requires  []Requirement `yaml:"requires"`
	Conflicts []Requirement `yaml:"conflicts"`
	// Planned marks a catalog entry whose name and rules are known but whose files are not written
	// yet. Resolving it is an error, so a project never claims a feature it does not have.
	Planned bool `yaml:"planned"`
	// Internal marks a building block that features share (the auth routes both jwt and sessions
	// need): users cannot name it, and it comes in only as a requirement, without being announced.
	Internal bool `yaml:"internal"`

	Packages    []Package    `yaml:"packages"`
	DevPackages []Package    `yaml:"devPackages"`
	Scripts     []Script     `yaml:"scripts"`
	Env         []EnvVar     `yaml:"env"`
	Imports     []Import     `yaml:"imports"`
	Middleware  []Middleware `yaml:"middleware"`
	Resources   []Snippet    `yaml:"resources"`
	Checks      []Snippet    `yaml:"checks"`
	Shutdown    []Snippet    `yaml:"shutdown"`
	Lines       []Line       `yaml:"lines"`
	Services    []Service    `yaml:"services"`
	Files       []FileRule   `yaml:"files"`
	Docs        []Doc        `yaml:"docs"`

	dir   string
	files []string
}

// Requirement names another feature, with the reason users are told.
type Requirement struct {
	Feature string `yaml:"feature"`
	Reason  string `yaml:"reason"`
}

// Condition makes a contribution depend on the other features present. A contribution applies
// when every feature in When is resolved and none in Unless is. This is how two features meet
// without an if in either one's templates.
type Condition struct {
	When   []string `yaml:"when"`
	Unless []string `yaml:"unless"`
}

func (c Condition) holds(r *Resolution) bool {
	for _, f := range c.When {
		if !r.Has(f) {
			return false
		}
	}
	for _, f := range c.Unless {
		if r.Has(f) {
			return false
		}
	}
	return true
}

// Package is an npm package; its version comes from catalog.yaml.
type Package struct {
	Name      string `yaml:"name"`
	Condition `yaml:",inline"`
}

// Script is an npm script in package.json.
type Script struct {
	Name        string `yaml:"name"`
	Command     string `yaml:"command"`
	Description string `yaml:"description"`
}

// EnvVar is one environment variable: a line in config.js's schema, a line in the config object,
// an entry in .env.example and a row in the README.
type EnvVar struct {
	Name string `yaml:"name"`
	// Key is the camelCase property of the config object.
	Key string `yaml:"key"`
	// Schema is the zod expression that validates and converts the raw value.
	Schema  string `yaml:"schema"`
	Example string `yaml:"example"`
	// Default is how the README shows the default value.
	Default     string `yaml:"default"`
	Description string `yaml:"description"`
	// Secret marks a value that must be random: .env.example ships it empty, config.js refuses a
	// placeholder or weak one in production, and `new` prints how to make one.
	Secret    bool `yaml:"secret"`
	Condition `yaml:",inline"`
	// Feature is the catalog entry it comes from, which a model sets as it gathers it (see
	// EnvEntry); a manifest never gives it.
	Feature string `yaml:"-"`
}

// Import is an ES module import a contribution needs in the file it goes into.
type Import struct {
	// File is the generated file the import goes into; contributions imply it.
	File      string   `yaml:"file"`
	From      string   `yaml:"from"`
	Default   string   `yaml:"default"`
	Names     []string `yaml:"names"`
	Condition `yaml:",inline"`
}

// Middleware is one registration in src/app.js.
type Middleware struct {
	Phase MiddlewarePhase `yaml:"phase"`
	// Name is what `scaffold explain` calls the entry.
	Name string `yaml:"name"`
	// Source is the generated file that implements it.
	Source    string   `yaml:"source"`
	Code      string   `yaml:"code"`
	Imports   []Import `yaml:"imports"`
	Condition `yaml:",inline"`
}

// Snippet is code a feature adds to a shared function: a resource created in createDependencies,
// a readiness check, or a step of shutdown.
type Snippet struct {
	Name      string   `yaml:"name"`
	Code      string   `yaml:"code"`
	Imports   []Import `yaml:"imports"`
	Condition `yaml:",inline"`
	// Feature is the catalog entry it comes from, which a model sets as it gathers it (see
	// SnippetEntry); a manifest never gives it.
	Feature string `yaml:"-"`
}

// Line is a line of code a feature adds at a named point of a shared template that is not
// app.js or dependencies.js: a guard in a router, a hook in server.js, a value in the tests' env.
// The template asks for its lines with `lines "<file>" "<point>"`; the line's imports go to File.
type Line struct {
	File      string   `yaml:"file"`
	Point     string   `yaml:"point"`
	Code      string   `yaml:"code"`
	Imports   []Import `yaml:"imports"`
	Condition `yaml:",inline"`
}

// Service is a container the feature needs at run time: a compose.yaml service, and a service
// container of the generated CI workflow.
type Service struct {
	Name  string `yaml:"name"`
	Image string `yaml:"image"`
	// Compose is the YAML of the compose service below its image, indented as in compose.yaml.
	Compose string `yaml:"compose"`
	// AppEnv are "KEY: value" lines of the app service's environment that reach this service.
	AppEnv []string `yaml:"appEnv"`
	// Volume is a named volume the service keeps its data in.
	Volume string `yaml:"volume"`
	// CI is the YAML of the workflow's service container below its image.
	CI string `yaml:"ci"`
	// CIEnv are "KEY: value" lines of the test step's environment that reach this service.
	CIEnv     []string `yaml:"ciEnv"`
	Condition `yaml:",inline"`
	// Feature is the catalog entry it comes from, which a model sets as it gathers it (see
	// ComposeService); a manifest never gives it.
	Feature string `yaml:"-"`
}

// FileRule limits one of the entry's own files to some combinations of features. In a
// resource's manifest (resource/each) it also names the template that renders to Path.
type FileRule struct {
	Path      string `yaml:"path"`
	Template  string `yaml:"template"`
	Condition `yaml:",inline"`
}

// Doc is a README section a feature contributes.
type Doc struct {
	Title     string `yaml:"title"`
	Body      string `yaml:"body"`
	Condition `yaml:",inline"`
	// Feature is the catalog entry it comes from, which a model sets as it gathers it (see
	// DocEntry); a manifest never gives it.
	Feature string `yaml:"-"`
}

// conditionNames returns every feature name the manifest's conditions mention.
func (m *Manifest) conditionNames() []string {
	var names []string
	// Every catalog load asks every entry: no list is copied to be walked.
	add := func(c Condition) { names = append(append(names, c.When...), c.Unless...) }
	for _, pkgs := range [][]Package{m.Packages, m.DevPackages} {
		for _, p := range pkgs {
			add(p.Condition)
		}
	}
	for _, e := range m.Env {
		add(e.Condition)
	}
	for _, i := range m.Imports {
		add(i.Condition)
	}
	for _, mw := range m.Middleware {
		add(mw.Condition)
	}
	for _, snippets := range [][]Snippet{m.Resources, m.Checks, m.Shutdown} {
		for _, s := range snippets {
			add(s.Condition)
		}
	}
	for _, l := range m.Lines {
		add(l.Condition)
		for _, i := range l.Imports {
			add(i.Condition)
		}
	}
	for _, s := range m.Services {
		add(s.Condition)
	}
	for _, f := range m.Files {
		add(f.Condition)
	}
	for _, d := range m.Docs {
		add(d.Condition)
	}
	return names
}
