package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"mitra/internal/store"
)

// TestVisibleAfterNearDuplicates: a document that NearDuplicates returns
// can be read with Document, whatever the group commit is doing (a commit
// once hid documents from readers that started while it ran).
func TestVisibleAfterNearDuplicates(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	miss := 0
	for i := 0; i < 1500; i++ {
		h := fmt.Sprintf("%064d", i)
		b := &store.Batch{Doc: store.Document{Hash: h, ID: fmt.Sprint(i), Text: "x"}, Buckets: []uint64{uint64(i % 7)}}
		if _, err := store.Put(ctx, db, b); err != nil {
			t.Fatal(err)
		}
		cands, err := db.NearDuplicates(ctx, []uint64{uint64((i + 1) % 7)})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cands {
			if _, err := db.Document(ctx, c.Hash); err != nil {
				miss++
				if miss < 3 {
					t.Logf("after %d puts: %v", i, err)
				}
			}
		}
	}
	if miss > 0 {
		t.Errorf("%d documents returned by NearDuplicates were not found", miss)
	}
}
