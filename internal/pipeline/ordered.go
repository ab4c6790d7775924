package pipeline

import (
	"context"
	"sync"

	"mitra/internal/source"
)

// ordered reads items with read, turns each into a result with work on a
// pool of workers, and calls emit with the results in input order, from
// the calling goroutine. When ctx is cancelled, reading and work stop and
// ordered returns after the results already made.
func ordered[T any](ctx context.Context, workers int, read func(func(source.Item)), work func(source.Item) T, emit func(T)) {
	type job struct {
		seq  int
		item source.Item
	}
	type done struct {
		seq int
		res T
	}
	jobs := make(chan job, workers*4)
	results := make(chan done, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				select {
				case results <- done{j.seq, work(j.item)}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer func() {
			close(jobs)
			wg.Wait()
			close(results)
		}()
		seq := 0
		read(func(it source.Item) {
			select {
			case jobs <- job{seq, it}:
				seq++
			case <-ctx.Done():
			}
		})
	}()
	// Hold results until every earlier one has been emitted.
	pending := map[int]T{}
	next := 0
	for d := range results {
		pending[d.seq] = d.res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			emit(r)
		}
	}
}
