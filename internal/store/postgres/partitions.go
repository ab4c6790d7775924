package postgres

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Events and their party index are partitioned by month of day: a query
// over a period reads only its months, and a month's indexes stay small
// enough to keep in memory while it is written. Days before partitionFrom
// share one partition (background dates, rare), undated events another
// (made by the first migration). A month's partitions are made by the
// first write that needs them, in a transaction of their own before the
// write's (creating a partition locks the parent table against readers, so
// not for the length of a write), under an advisory lock so that two
// processes never race to make one.

// partitionFrom is the first month with partitions of its own.
var partitionFrom = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// partitioned are the tables partitioned by month.
var partitioned = []string{"events", "event_parties"}

// partitions remembers the months that have partitions.
type partitions struct {
	mu     sync.Mutex
	months map[time.Time]bool
}

// monthOf returns the first day of t's month, or false when t has no
// partition of its own (before partitionFrom, or undated).
func monthOf(t time.Time) (time.Time, bool) {
	if t.Before(partitionFrom) {
		return time.Time{}, false
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC), true
}

func partitionName(table string, m time.Time) string {
	return fmt.Sprintf("%s_%04d_%02d", table, m.Year(), int(m.Month()))
}

// load reads the months that have partitions.
func (p *partitions) load(ctx context.Context, pool *pgxpool.Pool) error {
	rows, err := pool.Query(ctx, `SELECT c.relname FROM pg_inherits i
		JOIN pg_class c ON c.oid = i.inhrelid
		JOIN pg_class parent ON parent.oid = i.inhparent
		WHERE parent.relname = 'events' AND parent.relnamespace = current_schema()::regnamespace`)
	if err != nil {
		return fmt.Errorf("read partitions: %w", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("read partitions: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.months = map[time.Time]bool{}
	for _, n := range names {
		var y, m int
		if _, err := fmt.Sscanf(n, "events_%04d_%02d", &y, &m); err == nil {
			p.months[time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)] = true
		}
	}
	return nil
}

// ensure makes the partitions of the months of days that lack them.
func (p *partitions) ensure(ctx context.Context, pool *pgxpool.Pool, days []time.Time) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	var missing []time.Time
	for _, d := range days {
		if m, ok := monthOf(d); ok && !p.months[m] && !slices.Contains(missing, m) {
			missing = append(missing, m)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	slices.SortFunc(missing, time.Time.Compare)
	err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", lockPartition); err != nil {
			return err
		}
		for _, m := range missing {
			for _, table := range partitioned {
				q := fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s PARTITION OF %s FOR VALUES FROM ('%s') TO ('%s')`,
					partitionName(table, m), table, m.Format(time.DateOnly), m.AddDate(0, 1, 0).Format(time.DateOnly))
				if _, err := tx.Exec(ctx, q); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("make partitions: %w", err)
	}
	for _, m := range missing {
		p.months[m] = true
	}
	return nil
}
