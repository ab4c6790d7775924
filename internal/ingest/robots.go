package ingest

import (
	"bytes"
	"strconv"
	"strings"
	"time"
)

// This file reads robots.txt files (RFC 9309).

const (
	// maxRobots is the part of a robots.txt file that is read.
	maxRobots = 500 << 10
	// maxPattern is the longest path pattern kept; longer rules are ignored.
	maxPattern = 2048
	// maxCrawlDelay caps a Crawl-delay.
	maxCrawlDelay = time.Minute
)

// robots holds the rules of one robots.txt file for one user agent. The
// nil *robots allows everything.
type robots struct {
	rules []robotsRule
	delay time.Duration // Crawl-delay, 0 when absent
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots reads the rules of robots.txt b that apply to the crawler
// whose product token is agent: those of every group naming agent (case
// insensitively), or else those of the "*" groups.
func parseRobots(b []byte, agent string) *robots {
	if len(b) > maxRobots {
		b = b[:maxRobots]
	}
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false // the last line read was a user-agent line
	for len(b) > 0 {
		var line []byte
		if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			line, b = b, nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			continue
		}
		key := strings.ToLower(strings.TrimSpace(string(k)))
		val := strings.TrimSpace(string(v))
		switch key {
		case "user-agent", "useragent", "user agent":
			if !inAgents {
				cur = &group{}
				groups = append(groups, cur)
			}
			inAgents = true
			// The product token is the name before any version or comment.
			tok := strings.ToLower(val)
			if i := strings.IndexAny(tok, "/ \t"); i >= 0 {
				tok = tok[:i]
			}
			cur.agents = append(cur.agents, tok)
		case "allow", "disallow":
			inAgents = false
			if cur == nil || val == "" || len(val) > maxPattern {
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: normPattern(val)})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if s, err := strconv.ParseFloat(val, 64); err == nil && s > 0 {
				cur.delay = min(time.Duration(s*float64(time.Second)), maxCrawlDelay)
			}
		default:
			// Sitemap and unknown lines neither start nor end a group.
		}
	}
	pick := func(match func(string) bool) *robots {
		var out *robots
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					if out == nil {
						out = &robots{}
					}
					out.rules = append(out.rules, g.rules...)
					out.delay = max(out.delay, g.delay)
					break
				}
			}
		}
		return out
	}
	if r := pick(func(a string) bool { return a == agent }); r != nil {
		return r
	}
	return pick(func(a string) bool { return a == "*" })
}

// normPattern makes a rule's path comparable with escaped URL paths: it
// starts with "/" (or "*"), non-ASCII bytes and spaces are percent-encoded
// and escapes are upper case.
func normPattern(p string) string {
	if p[0] != '/' && p[0] != '*' {
		p = "/" + p
	}
	return normEscapes(p)
}

// normEscapes percent-encodes bytes that are not printable ASCII and
// upper-cases existing escapes.
func normEscapes(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
			b.WriteByte('%')
			b.WriteByte(upper(p[i+1]))
			b.WriteByte(upper(p[i+2]))
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// allowed reports whether the robots rules let the crawler fetch path (the
// escaped path and query of a URL). The longest matching rule wins; an
// allow rule wins a tie; /robots.txt is always allowed.
func (r *robots) allowed(path string) bool {
	if r == nil || path == "/robots.txt" {
		return true
	}
	path = normEscapes(path)
	best, allow := -1, true
	for _, rule := range r.rules {
		if n := len(rule.pattern); n >= best && matchPattern(rule.pattern, path) {
			if n > best || rule.allow {
				allow = rule.allow
			}
			best = n
		}
	}
	return allow
}

// matchPattern reports whether the rule pattern p (with * for any run of
// bytes and a final $ for the end of the path) matches a prefix of path,
// or all of it when p ends in $.
func matchPattern(p, path string) bool {
	anchored := strings.HasSuffix(p, "$")
	if anchored {
		p = p[:len(p)-1]
	}
	parts := strings.Split(p, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	if len(parts) == 1 {
		return !anchored || pos == len(path)
	}
	// Matching each middle part at its leftmost place leaves the most room
	// for the rest.
	for _, part := range parts[1 : len(parts)-1] {
		i := strings.Index(path[pos:], part)
		if i < 0 {
			return false
		}
		pos += i + len(part)
	}
	last := parts[len(parts)-1]
	if anchored {
		return len(path)-pos >= len(last) && strings.HasSuffix(path, last)
	}
	return strings.Contains(path[pos:], last)
}
