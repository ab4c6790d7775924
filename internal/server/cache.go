package server

import "sync"

// versioned keeps the answers of recent requests, each with the record's
// version it was read at (see Server.version): an answer is served again
// only while the version is unchanged. The oldest key goes first once
// max keys are kept; with max 0 nothing is kept.
type versioned[T any] struct {
	max   int
	mu    sync.Mutex
	order []string // keys, oldest first
	m     map[string]versionedEntry[T]
}

type versionedEntry[T any] struct {
	version string
	val     T
}

// get returns the answer kept for key at version v.
func (c *versioned[T]) get(key, v string) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.version != v {
		var zero T
		return zero, false
	}
	return e.val, true
}

// put keeps val as the answer for key at version v.
func (c *versioned[T]) put(key, v string, val T) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]versionedEntry[T]{}
	}
	if _, ok := c.m[key]; !ok {
		if len(c.order) >= c.max {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, key)
	}
	c.m[key] = versionedEntry[T]{v, val}
}
