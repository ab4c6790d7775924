package sqlite

import (
	"testing"

	"mitra/internal/store"
	"mitra/internal/store/storetest"
)

// TestReview runs the corrections conformance on SQLite; openTemp checks
// integrity, the rollups, the counters and the text index against the
// clusters and events when each store has closed.
func TestReview(t *testing.T) {
	storetest.RunReview(t, func(t *testing.T) store.Store { return openTemp(t) })
}
