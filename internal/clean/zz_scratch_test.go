package clean

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"mitra/internal/article"
)

func TestScratch(t *testing.T) {
	f := os.Getenv("SCRATCH")
	if f == "" {
		t.Skip()
	}
	for _, name := range strings.Fields(f) {
		b, _ := os.ReadFile(name)
		d := &article.Doc{Raw: b}
		if strings.HasSuffix(name, ".html") || strings.HasSuffix(name, ".htm") {
			HTML(d)
		} else {
			Text(d)
		}
		fmt.Printf("=== %s\nTITLE: %q DATE: %v URL: %s\n%s\n", name, d.Title, d.PubDate, d.URL, d.Text)
	}
}

func TestScratchDropped(t *testing.T) {
	f := os.Getenv("DROPPED")
	if f == "" {
		t.Skip()
	}
	for _, name := range strings.Fields(f) {
		b, _ := os.ReadFile(name)
		d := &article.Doc{Raw: b}
		Text(d)
		fmt.Printf("=== %s TITLE=%q\n", name, d.Title)
		for _, l := range strings.Split(string(b), "\n") {
			l = strings.TrimSpace(l)
			if l != "" && !strings.Contains(d.Text, l) {
				if len(l) > 140 {
					l = l[:140]
				}
				fmt.Printf("  - %s\n", l)
			}
		}
	}
}

func TestScratchCorpus(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	ents, _ := os.ReadDir(dir)
	var nPara, nFound, nDocs, nFallback, nEmpty int
	var missing []string
	for _, e := range ents {
		b, err := os.ReadFile(dir + "/" + e.Name())
		if err != nil {
			continue
		}
		if !utf8.Valid(b) {
			continue
		}
		nDocs++
		p := scanHTML(b)
		res := extract(b, "")
		if res == nil {
			nFallback++
		} else {
			ps := paragraphs(res.ContentNode)
			for _, para := range ps {
				nPara++
				if len(p.locate([]string{para})) == 1 {
					nFound++
				} else if len(missing) < 40 && (len(missing) == 0 || !strings.HasPrefix(missing[len(missing)-1], e.Name())) {
					missing = append(missing, e.Name()+": "+para)
				}
			}
		}
		d := &article.Doc{Raw: b}
		HTML(d)
		if d.Text == "" {
			nEmpty++
		}
		for _, s := range d.Map.Segs {
			if s.Raw < 0 || s.Raw+s.RawLen > len(b) || s.Clean+s.Len > len(d.Text) {
				t.Errorf("%s: bad seg %+v", e.Name(), s)
			}
			if s.Exact && string(b[s.Raw:s.Raw+s.Len]) != d.Text[s.Clean:s.Clean+s.Len] {
				t.Errorf("%s: inexact exact seg %+v", e.Name(), s)
			}
		}
	}
	fmt.Printf("docs %d fallback %d empty %d paras %d found %d\n", nDocs, nFallback, nEmpty, nPara, nFound)
	for _, m := range missing {
		if len(m) > 300 {
			m = m[:300]
		}
		fmt.Println("MISSING", m)
	}
}

func TestScratchOne(t *testing.T) {
	f := os.Getenv("ONE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	p := scanHTML(b)
	needle := os.Getenv("NEEDLE")
	i := strings.Index(p.v, needle)
	fmt.Println("index in V:", i, "len V", len(p.v))
	j := strings.Index(string(b), needle)
	fmt.Println("index in raw:", j)
	if j > 0 {
		// find the last skip-ish tag before j
		z := string(b[:j])
		for _, tag := range []string{"<script", "<style", "<noscript", "<template", "<svg", "<math", "<iframe", "<object", "<canvas", "<textarea", "<title", "<video", "<audio"} {
			fmt.Println(tag, strings.Count(z, tag), strings.Count(z, "</"+tag[1:]))
		}
	}
}

func TestScratchDiverge(t *testing.T) {
	f := os.Getenv("DIV")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	p := scanHTML(b)
	res := extract(b, "")
	for _, para := range paragraphs(res.ContentNode) {
		if len(p.locate([]string{para})) == 1 {
			continue
		}
		// find the longest prefix of para found in V (space-insensitive compare by words)
		words := strings.Fields(para)
		lo := 0
		for k := 1; k <= len(words); k++ {
			if len(p.locate([]string{strings.Join(words[:k], " ")})) == 1 {
				lo = k
			} else {
				break
			}
		}
		fmt.Printf("PARA: %.200q\nmatched %d/%d words; next: %q\n", para, lo, len(words), strings.Join(words[lo:min(len(words), lo+5)], " "))
		if lo > 0 {
			key := strings.Join(words[max(0, lo-3):lo], " ")
			i := strings.Index(p.v, words[lo-1])
			_ = key
			if i >= 0 {
				fmt.Printf("V near: %q\n", p.v[i:min(len(p.v), i+120)])
			}
		}
	}
}
