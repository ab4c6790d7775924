package clean

import (
	"bytes"
	nurl "net/url"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"mitra/internal/article"
)

const (
	// trafilaturaMax is the largest page given to trafilatura; larger pages
	// (and deeper ones) use the plain visible-text fallback, as trafilatura
	// builds several DOM copies and runs many regular expressions.
	trafilaturaMax = 5 << 20
	depthMax       = 500
	// elementsMax and visibleMax bound trafilatura's work further: its
	// cost grows with the number of elements (about 15 µs and 700 bytes
	// allocated for each, several DOM copies), so a 5 MB page of tiny
	// elements cost 15 CPU-seconds and a gigabyte and more. News pages
	// hold a few thousand elements and well under a megabyte of visible
	// text; a page over either limit is cleaned by the visible-text
	// fallback, whose cost is linear and small.
	elementsMax = 20000
	visibleMax  = 1 << 20
)

// HTML is like the package-level HTML with the rules rs.
func (rs *Rules) HTML(d *article.Doc) {
	p := scanHTML(d.Raw)

	var paras []vrange
	var md trafilatura.Metadata
	if len(d.Raw) <= trafilaturaMax && p.maxDepth <= depthMax && p.elements <= elementsMax && len(p.v) <= visibleMax {
		if res := extract(d.Raw, d.URL); res != nil {
			md = res.Metadata
			var found, total int
			paras, found, total = p.locate(paragraphs(res.ContentNode))
			if found*2 < total {
				// Most of trafilatura's text is not in the page as we
				// see it: trust the visible text and the line rules.
				paras = nil
			}
		}
	}

	var info []lineInfo
	var spans []vrange
	// Every block of the page is a paragraph of its own.
	addLines := func(r vrange) {
		for a := r.a; a < r.b; {
			b := a + strings.IndexByte(p.v[a:r.b], '\n')
			if b < a {
				b = r.b
			}
			x, y := trimSpaceRange(p.v, a, b)
			if x < y {
				info = append(info, lineInfo{text: p.v[x:y], blankBefore: len(info) > 0})
				spans = append(spans, vrange{x, y})
			}
			a = b + 1
		}
	}
	if len(paras) > 0 {
		// The headline is often outside trafilatura's main text.
		if h := p.h1; h.b > h.a && h.b <= paras[0].a {
			addLines(h)
		}
		for _, r := range paras {
			addLines(r)
		}
	} else {
		for _, l := range p.lines {
			if !l.excluded {
				addLines(l.vrange)
			}
		}
	}

	sc := getScratch()
	defer sc.put()
	v := rs.decide(info, sc)
	var out strings.Builder
	var m article.OffsetMap
	prev := -1
	for i, k := range v.keep {
		if !k {
			continue
		}
		if prev >= 0 {
			if info[i].blankBefore || i > prev+1 {
				out.WriteString("\n\n")
			} else {
				out.WriteByte('\n')
			}
		}
		c := v.cut[i]
		p.copyMap(&m, vrange{spans[i].a + c, spans[i].b}, out.Len())
		out.WriteString(info[i].text[c:])
		prev = i
	}
	d.Text = out.String()
	d.Map = m

	switch {
	case strings.TrimSpace(md.Title) != "":
		d.Title = oneLine(md.Title)
	case p.h1.b > p.h1.a:
		d.Title = oneLine(p.v[p.h1.a:p.h1.b])
	case v.title >= 0:
		d.Title = titleText(info[v.title].text)
	default:
		d.Title = oneLine(p.title)
	}
	if d.PubDate.IsZero() {
		switch {
		case !p.pubDate.IsZero():
			d.PubDate, d.PubDateSource = p.pubDate, "html-meta"
		case !md.Date.IsZero():
			if dt := article.DateOf(md.Date); dt.Valid() {
				d.PubDate, d.PubDateSource = dt, "htmldate"
			}
		}
	}
	if d.URL == "" {
		switch {
		case p.canonical != "":
			d.URL = p.canonical
		case md.URL != "":
			d.URL = md.URL
		}
	}
}

func oneLine(s string) string {
	return validString(strings.Join(strings.Fields(s), " "))
}

// trafilaturaOptions are the options extract runs trafilatura with. The
// date mode must stay Fast: go-htmldate's extensive search is the only
// caller of go-dateparser, which mitra does not link (see
// internal/nodateparser).
func trafilaturaOptions(url string) trafilatura.Options {
	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := nurl.ParseRequestURI(url); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	return opts
}

// extract runs trafilatura, turning its failures (errors and panics) into nil.
func extract(raw []byte, url string) (res *trafilatura.ExtractResult) {
	defer func() {
		if recover() != nil {
			res = nil
		}
	}()
	opts := trafilaturaOptions(url)
	// Parse here rather than with trafilatura.Extract, whose parser guesses
	// the encoding with a charset detector: the input is UTF-8 already
	// (package source decodes declared charsets), and the guess is not
	// deterministic on odd bytes.
	doc, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil
	}
	res, err = trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil || res.ContentNode == nil {
		return nil
	}
	return res
}

// paragraphs returns the text of each block of trafilatura's content tree.
func paragraphs(root *html.Node) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > 2*depthMax {
			return
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipTags[n.Data] {
				return
			}
		}
		block := n.Type == html.ElementNode && (blockTags[n.Data] || trafilaturaBlocks[n.Data])
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if block {
			flush()
		}
	}
	walk(root, 0)
	flush()
	return out
}

// trafilaturaBlocks are the block elements of trafilatura's output tree.
var trafilaturaBlocks = setOf("head", "list", "item", "quote", "lb", "row", "cell", "code", "graphic")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	blockTags = setOf("address", "article", "aside", "blockquote", "body", "br", "caption", "center",
		"dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
		"form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend",
		"li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
		"tfoot", "th", "thead", "title", "tr", "ul")
	// skipTags hold no visible text. Most are raw-text elements that the
	// tokenizer ends only at their end tag; elements often left unclosed
	// (video, object, …) are not skipped, lest they hide the rest of a page.
	skipTags = setOf("script", "style", "noscript", "template", "svg", "math", "iframe",
		"textarea", "title", "xmp", "noembed", "noframes")
	// excludedTags hold page furniture: the fallback drops their text.
	excludedTags = setOf("nav", "header", "footer", "aside", "figcaption", "form", "menu", "dialog")
	voidTags     = setOf("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
		"param", "source", "track", "wbr", "keygen")
)

// vrange is a byte range [a, b) of the visible text.
type vrange struct{ a, b int }

// vline is one block of visible text.
type vline struct {
	vrange
	excluded bool // inside nav, header, footer, aside, …
}

// page is the visible text of an HTML page with a map back to the raw bytes.
type page struct {
	v     string // visible text: blocks separated by "\n", spaces folded
	segs  []article.Segment
	lines []vline
	h1    vrange // the first <h1>

	title     string // <title>
	canonical string
	pubDate   article.Date
	maxDepth  int
	elements  int // start tags, void and self-closing ones included
}

// builder accumulates the visible text of a page.
type builder struct {
	buf  []byte
	segs []article.Segment

	spaceOn          bool
	spaceRaw, spaceN int
	spaceSingle      bool
	breakOn          bool
	breakRaw         int

	lines    []vline
	lineOpen bool
	excluded bool // current context, for the next line opened
	inH1     bool
	h1       vrange
	h1Open   bool
}

func (b *builder) seg(s string, raw, rawLen int, exact bool) {
	c := len(b.buf)
	b.buf = append(b.buf, s...)
	if exact {
		if k := len(b.segs); k > 0 {
			l := &b.segs[k-1]
			if l.Exact && l.Clean+l.Len == c && l.Raw+l.RawLen == raw {
				l.Len += len(s)
				l.RawLen += len(s)
				return
			}
		}
		b.segs = append(b.segs, article.Segment{Clean: c, Raw: raw, Len: len(s), RawLen: len(s), Exact: true})
		return
	}
	b.segs = append(b.segs, article.Segment{Clean: c, Raw: raw, Len: len(s), RawLen: rawLen})
}

func (b *builder) space(raw, n int, single bool) {
	if b.spaceOn {
		b.spaceN = raw + n - b.spaceRaw
		b.spaceSingle = false
		return
	}
	b.spaceOn, b.spaceRaw, b.spaceN, b.spaceSingle = true, raw, n, single
}

func (b *builder) brk(raw int) {
	if !b.breakOn {
		b.breakOn, b.breakRaw = true, raw
	}
	b.spaceOn = false
	if b.h1Open && !b.inH1 {
		b.h1Open = false
		b.h1.b = len(b.buf)
	}
}

// flush writes the pending separator before new text.
func (b *builder) flush() {
	if len(b.buf) > 0 && b.lineOpen {
		switch {
		case b.breakOn:
			b.closeLine()
			b.seg("\n", b.breakRaw, 0, false)
		case b.spaceOn && b.spaceSingle:
			b.seg(" ", b.spaceRaw, 1, true)
		case b.spaceOn:
			b.seg(" ", b.spaceRaw, b.spaceN, false)
		}
	}
	b.breakOn, b.spaceOn = false, false
	if !b.lineOpen {
		b.lineOpen = true
		b.lines = append(b.lines, vline{vrange: vrange{len(b.buf), len(b.buf)}, excluded: b.excluded})
		if b.inH1 && b.h1.a == 0 && b.h1.b == 0 && !b.h1Open {
			b.h1Open = true
			b.h1.a = len(b.buf)
		}
	}
}

func (b *builder) closeLine() {
	if b.lineOpen {
		b.lines[len(b.lines)-1].b = len(b.buf)
		b.lineOpen = false
	}
}

func (b *builder) text(s string, raw int, exact bool, rawLen int) {
	b.flush()
	b.seg(s, raw, rawLen, exact)
}

// addText adds the raw bytes t of a text node found at raw offset off.
func (b *builder) addText(t []byte, off int) {
	for i := 0; i < len(t); {
		c := t[i]
		switch {
		case c == '&':
			j := i + 1
			for j < len(t) && j-i <= 32 && (isAlnumByte(t[j]) && t[j] < 0x80 || t[j] == '#') {
				j++
			}
			if j < len(t) && t[j] == ';' {
				j++
			}
			chunk := string(t[i:j])
			dec := html.UnescapeString(chunk)
			switch {
			case dec == chunk:
				b.text("&", off+i, true, 1)
				i++
				continue
			case strings.TrimFunc(dec, isSpaceRune) == "":
				b.space(off+i, j-i, false)
			default:
				b.text(sanitize(dec), off+i, false, j-i)
			}
			i = j
		case c < 0x20 || c == 0x7f || c == ' ':
			b.space(off+i, 1, c == ' ')
			i++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(t[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				b.text("\uFFFD", off+i, false, 1)
			case r == '\u00ad' || r == '\u200c' || r == '\u200d' || r == '\u2060':
				// soft hyphen, zero-width (non-)joiner, word joiner: invisible
			case isSpaceRune(r):
				b.space(off+i, n, false)
			default:
				j := plainRun(t, i)
				b.text(string(t[i:j]), off+i, true, j-i)
				n = j - i
			}
			i += n
		default:
			j := plainRun(t, i)
			b.text(string(t[i:j]), off+i, true, j-i)
			i = j
		}
	}
}

// plainRun returns the end of the run of ordinary characters at t[i:].
func plainRun(t []byte, i int) int {
	for i < len(t) {
		c := t[i]
		if c < utf8.RuneSelf {
			if c <= ' ' || c == '&' || c == 0x7f {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(t[i:])
		if r == utf8.RuneError && n == 1 || isSpaceRune(r) || r == '\u00ad' || r == '\u200c' || r == '\u200d' || r == '\u2060' {
			return i
		}
		i += n
	}
	return i
}

// sanitize makes decoded entity text safe for the output: valid UTF-8 and
// no control characters.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// scanHTML tokenises raw and returns its visible text, metadata and depth.
func scanHTML(raw []byte) *page {
	p := &page{}
	var b builder
	z := html.NewTokenizer(bytes.NewReader(raw))
	pos := 0
	skip, skipDepth := "", 0
	excl := 0
	depth := 0
	inTitle, inLD := false, false
	var dates dateCands
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		// The raw bytes of consecutive tokens tile the input; clamp anyway
		// so that a surprise can never put an offset out of bounds.
		start := min(pos, len(raw))
		pos = min(pos+len(z.Raw()), len(raw))
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			nameB, hasAttr := z.TagName()
			name := string(nameB)
			selfClosing := tt == html.SelfClosingTagToken || voidTags[name]
			p.elements++
			if !selfClosing {
				depth++
				p.maxDepth = max(p.maxDepth, depth)
			}
			var attrs map[string]string
			if hasAttr && (name == "meta" || name == "link" || name == "script" || name == "time") {
				attrs = readAttrs(z)
			}
			switch name {
			case "meta":
				dates.meta(attrs)
			case "link":
				if strings.EqualFold(attrs["rel"], "canonical") && p.canonical == "" {
					p.canonical = absURL(attrs["href"])
				}
			case "time":
				if strings.EqualFold(attrs["itemprop"], "datePublished") {
					dates.add(1, attrs["datetime"])
				}
			}
			if skip != "" {
				if name == skip && !selfClosing {
					skipDepth++
				}
				continue
			}
			if selfClosing {
				// <title/> and <script/> hold no text
			} else if name == "title" {
				inTitle = true
			} else if name == "script" && strings.Contains(strings.ToLower(attrs["type"]), "ld+json") {
				inLD = true
			}
			if skipTags[name] {
				if !selfClosing {
					skip, skipDepth = name, 1
				}
				continue
			}
			if blockTags[name] {
				b.brk(start)
			}
			if excludedTags[name] && !selfClosing {
				excl++
				b.excluded = true
			}
			if name == "h1" && !selfClosing {
				b.inH1 = true
			}
		case html.EndTagToken:
			nameB, _ := z.TagName()
			name := string(nameB)
			if depth > 0 {
				depth--
			}
			if skip != "" {
				if name == skip {
					skipDepth--
					if skipDepth == 0 {
						skip = ""
						inTitle, inLD = false, false
					}
				}
				continue
			}
			if blockTags[name] {
				b.brk(start)
			}
			if excludedTags[name] && excl > 0 {
				excl--
				b.excluded = excl > 0
			}
			if name == "h1" && b.inH1 {
				b.inH1 = false
				b.brk(start)
			}
		case html.TextToken:
			t := raw[start:pos]
			switch {
			case inTitle && p.title == "":
				p.title = html.UnescapeString(string(t))
			case inLD:
				dates.jsonLD(t)
			case skip == "":
				b.addText(t, start)
			}
		}
	}
	b.brk(pos)
	b.closeLine()
	p.v = string(b.buf)
	p.segs = b.segs
	p.lines = b.lines
	if b.h1.b > b.h1.a {
		p.h1 = b.h1
	}
	p.pubDate = dates.best()
	return p
}

func readAttrs(z *html.Tokenizer) map[string]string {
	m := map[string]string{}
	for {
		k, v, more := z.TagAttr()
		key := strings.ToLower(string(k))
		if _, dup := m[key]; !dup {
			m[key] = string(v)
		}
		if !more {
			return m
		}
	}
}

func absURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := nurl.Parse(s)
	if err != nil || u.Host == "" || !utf8.ValidString(s) || !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
		return "" // only http(s): a canonical link becomes the page's link
	}
	return s
}

// locate finds each paragraph of the extracted text in the visible text.
// Matching compares skeleton keys (see appendKey), so it survives
// differences in how the two tokenisers join inline elements and normalise
// Unicode.
//
// It also returns the bytes of skeleton key found and in all paragraphs.
func (p *page) locate(paras []string) (out []vrange, found, total int) {
	if len(paras) == 0 {
		return nil, 0, 0
	}
	// key is the skeleton of p.v; pos[i] is the offset in p.v of the rune
	// that key[i] comes from.
	key := make([]byte, 0, len(p.v))
	pos := make([]int32, 0, len(p.v))
	for i := 0; i < len(p.v); {
		r, n := utf8.DecodeRuneInString(p.v[i:])
		k := len(key)
		key = appendKey(key, r)
		for ; k < len(key); k++ {
			pos = append(pos, int32(i))
		}
		i += n
	}
	ks := string(key)
	var pk []byte
	cursor := 0
	for _, para := range paras {
		pk = pk[:0]
		for _, r := range para {
			pk = appendKey(pk, r)
		}
		if len(pk) == 0 {
			continue
		}
		total += len(pk)
		// Search forward only: the output then maps to the raw page in
		// order, which RawSpan relies on. A paragraph not found after the
		// previous one is dropped.
		at := strings.Index(ks[cursor:], string(pk))
		if at < 0 {
			continue
		}
		at += cursor
		cursor = at + len(pk)
		found += len(pk)
		a := int(pos[at])
		last := int(pos[at+len(pk)-1])
		_, n := utf8.DecodeRuneInString(p.v[last:])
		out = append(out, vrange{a, last + n})
	}
	return out, found, total
}

// appendKey appends the matching skeleton of r to key: nothing for spaces,
// controls and format characters (soft hyphens, zero-width spaces), and
// the base letters of r without combining marks, so that "für" written
// with U+00FC or with "u" and U+0308 gives the same key.
func appendKey(key []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if r <= ' ' || r == 0x7f {
			return key
		}
		return append(key, byte(r))
	}
	if unicode.IsSpace(r) || unicode.In(r, unicode.Cc, unicode.Cf, unicode.Mn) {
		return key
	}
	if r < 0xC0 || r == utf8.RuneError {
		return utf8.AppendRune(key, r)
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Bytes(buf[:utf8.EncodeRune(buf[:], r)])
	for len(d) > 0 {
		q, n := utf8.DecodeRune(d)
		if !unicode.Is(unicode.Mn, q) {
			key = utf8.AppendRune(key, q)
		}
		d = d[n:]
	}
	return key
}

// copyMap records in m that the output bytes starting at clean come from
// the visible-text range r.
func (p *page) copyMap(m *article.OffsetMap, r vrange, clean int) {
	i := sort.Search(len(p.segs), func(i int) bool { return p.segs[i].Clean+p.segs[i].Len > r.a })
	for ; i < len(p.segs) && p.segs[i].Clean < r.b; i++ {
		s := p.segs[i]
		x, y := max(s.Clean, r.a), min(s.Clean+s.Len, r.b)
		if x >= y {
			continue
		}
		if s.Exact {
			m.Add(clean+x-r.a, s.Raw+x-s.Clean, y-x)
		} else {
			m.AddInexact(clean+x-r.a, y-x, s.Raw, s.RawLen)
		}
	}
}
