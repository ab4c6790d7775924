package sqlite

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestScaleTmp(t *testing.T) {
	if os.Getenv("SCALE") == "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 1))
	t0, c0 := time.Now(), cpuTime()
	for i := range scaleN() {
		b := testBatch(r, i)
		if _, err := db.NearDuplicates(ctx, b.Buckets); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Put(ctx, b); err != nil {
			t.Fatal(err)
		}
		if (i+1)%10000 == 0 {
			el, cpu := time.Since(t0), cpuTime()-c0
			fi, _ := os.Stat(path)
			t.Logf("%d docs: %.0f docs/s, %.0f docs/cpu-s, db %d MB", i+1, 10000/el.Seconds(), 10000/cpu.Seconds(), fi.Size()>>20)
			t0, c0 = time.Now(), cpuTime()
		}
	}
}

func scaleN() int {
	if n, err := strconv.Atoi(os.Getenv("SCALE")); err == nil && n > 1 {
		return n
	}
	return 100000
}

func TestGroupTmp(t *testing.T) {
	if os.Getenv("SCALE") == "" {
		t.Skip()
	}
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := rand.New(rand.NewPCG(1, 1))
	t0, c0 := time.Now(), cpuTime()
	const group = 256
	for i := 0; i < scaleN(); i += group {
		tx, err := db.w.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for k := i; k < i+group; k++ {
			b := testBatch(r, k)
			_, blob := encodeBuckets(b.Buckets)
			if _, _, _, err := db.putTx(ctx, tx, b, blob); err != nil {
				t.Fatal(err)
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if (i+group)%10240 == 0 {
			el, cpu := time.Since(t0), cpuTime()-c0
			fi, _ := os.Stat(path)
			t.Logf("%d docs: %.0f docs/s, %.0f docs/cpu-s, db %d MB", i+group, 10240/el.Seconds(), 10240/cpu.Seconds(), fi.Size()>>20)
			t0, c0 = time.Now(), cpuTime()
		}
	}
}
