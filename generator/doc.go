// Package generator turns a project's answers into the files of an Express service.
//
// Data flows one way: a Spec is resolved against the feature Catalog, the Resolution becomes a
// Model (middleware by phase, env vars, npm packages, ...), the Model is rendered into a Plan
// (path -> bytes, sorted), and only Apply touches the disk.
//
// The package does not prompt, print or run processes (npm, git): those are the CLI's concerns.
// It reads templates only through the fs.FS it is given.
package generator
