package e2e

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
)

var exactVersion = regexp.MustCompile(`^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$`)

// UnmetDependencies lists what a node_modules directory lacks to serve the project whose
// package.json is given: every package in dependencies and devDependencies must be installed at
// its top level, at exactly the pinned version when package.json pins one. An empty result means
// the project can use that node_modules as its own.
func UnmetDependencies(packageJSONFile, nodeModules string) ([]string, error) {
	pkg, err := readPackageJSON(packageJSONFile)
	if err != nil {
		return nil, err
	}
	wanted := map[string]string{}
	for name, version := range pkg.DevDependencies {
		wanted[name] = version
	}
	for name, version := range pkg.Dependencies {
		wanted[name] = version
	}
	var unmet []string
	for name, version := range wanted {
		installed, err := readPackageJSON(filepath.Join(nodeModules, filepath.FromSlash(name), "package.json"))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			unmet = append(unmet, fmt.Sprintf("%s %s is not installed", name, version))
		case err != nil:
			return nil, err
		case exactVersion.MatchString(version) && installed.Version != version:
			unmet = append(unmet, fmt.Sprintf("%s is %s, package.json pins %s", name, installed.Version, version))
		}
	}
	sort.Strings(unmet)
	return unmet, nil
}
