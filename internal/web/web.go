// Package web holds mitra's web page: the network of states for a period,
// a pair's timeline and events, a map of one country's relations, the
// event list with filters, each event's source page with its evidence
// highlighted, and a box that extracts events from a pasted page. It is
// built from src/ with npm packages (cytoscape, echarts, world-atlas,
// topojson-client) by esbuild into dist/, which is committed, so `go build`
// needs no Node.js. After changing src/:
//
//	cd internal/web && npm ci && npm run build   # or: go generate ./internal/web
//
// TestDistFresh fails when dist/ was not rebuilt from the current sources.
package web

import (
	"embed"
	"io/fs"
)

//go:generate npm run build

//go:embed dist
var dist embed.FS

// FS returns the built page: index.html, app.js, app.css, world.json (and
// gzip copies of the last three), THIRD_PARTY.txt and BUILD.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path; fs.Sub cannot fail on it
	}
	return sub
}
