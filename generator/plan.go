package generator

import (
	"io/fs"
	"sort"
)

// File is one file of a Plan: a slash-separated path relative to the project root.
type File struct {
	Path string
	// Data may be shared with other plans (a file copied as it is can be the catalog's own
	// bytes): replace it rather than write into it.
	Data []byte
	Mode fs.FileMode
}

// Plan is the complete tree of a project, rendered in memory and sorted by path. Nothing about it
// depends on the clock, the network or the machine, so equal answers give equal plans.
type Plan struct {
	Files []File
}

func (p *Plan) add(f File) {
	p.Files = append(p.Files, f)
}

func (p *Plan) sort() {
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
}

// Size is the total number of bytes in the plan.
func (p *Plan) Size() int {
	n := 0
	for _, f := range p.Files {
		n += len(f.Data)
	}
	return n
}
