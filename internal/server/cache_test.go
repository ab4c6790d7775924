package server

import "testing"

func TestVersioned(t *testing.T) {
	c := versioned[int]{max: 2}
	c.put("a", "1", 10)
	if v, ok := c.get("a", "1"); !ok || v != 10 {
		t.Fatalf("get(a, 1) = %d, %v; want 10, true", v, ok)
	}
	if _, ok := c.get("a", "2"); ok {
		t.Error("an answer read at another version was served")
	}
	c.put("b", "1", 20)
	c.put("a", "2", 11) // a known key: replaced, nothing evicted
	c.put("c", "2", 30) // the oldest key (a) goes
	if _, ok := c.get("a", "2"); ok {
		t.Error("the oldest key was kept past max")
	}
	for key, want := range map[string]int{"b": 20, "c": 30} {
		v := "1"
		if key == "c" {
			v = "2"
		}
		if got, ok := c.get(key, v); !ok || got != want {
			t.Errorf("get(%s) = %d, %v; want %d", key, got, ok, want)
		}
	}
	var none versioned[int]
	none.put("a", "1", 1)
	if _, ok := none.get("a", "1"); ok {
		t.Error("a cache of max 0 kept an answer")
	}
}
