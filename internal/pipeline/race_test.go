//go:build race

package pipeline

// raceEnabled: the race detector slows SQLite (compiled Go) tenfold, so
// long tests take less input.
const raceEnabled = true
