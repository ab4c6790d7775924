package clean

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/markusmobius/go-trafilatura"

	"mitra/internal/article"
)

const newsPara1 = "Pemerintah Indonesia dan Selandia Baru menandatangani perjanjian kerja sama penanggulangan bencana di Wellington pada Kamis (6/6), kata Kementerian Luar Negeri."
const newsPara2 = "Perjanjian itu mencakup pelatihan bersama tim SAR, pertukaran data cuaca, serta pengiriman bantuan logistik dalam 48 jam setelah bencana besar terjadi."

func cleanHTML(s string) *article.Doc {
	d := &article.Doc{Raw: []byte(s), Format: "html"}
	HTML(d)
	return d
}

func TestHTMLFallbackLarge(t *testing.T) {
	// Above the trafilatura limit: the visible text outside nav, header,
	// footer and aside is kept, then the line rules apply.
	page := "<html><body><header><nav><a>Beranda</a> <a>Nasional Dan Internasional Hari Ini</a></nav></header>" +
		"<h1>Indonesia dan Selandia Baru Teken Kerja Sama Bencana</h1>" +
		"<p>" + newsPara1 + "</p><p>Baca juga: Harga Cabai Naik Jelang Lebaran</p><p>" + newsPara2 + "</p>" +
		"<script>var pad = '" + strings.Repeat("x", trafilaturaMax) + "';</script>" +
		"<aside><p>Berita Populer Minggu Ini Dari Redaksi Kami</p></aside>" +
		"<footer><p>Tentang Kami Kontak Redaksi Pedoman Siber</p></footer></body></html>"
	start := time.Now()
	d := cleanHTML(page)
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v", el)
	}
	checkMap(t, d)
	want := "Indonesia dan Selandia Baru Teken Kerja Sama Bencana\n\n" + newsPara1 + "\n\n" + newsPara2
	if d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
	if d.Title != "Indonesia dan Selandia Baru Teken Kerja Sama Bencana" {
		t.Errorf("title %q", d.Title)
	}
}

func TestHTMLDeep(t *testing.T) {
	page := strings.Repeat("<div>", 5000) + "<p>" + newsPara1 + "</p>" + strings.Repeat("</div>", 10) + "<p>" + newsPara2
	d := cleanHTML(page)
	checkMap(t, d)
	if want := newsPara1 + "\n\n" + newsPara2; d.Text != want {
		t.Errorf("got:\n%s\nwant:\n%s", d.Text, want)
	}
}

func TestHTMLBroken(t *testing.T) {
	for _, page := range []string{
		"<p>" + newsPara1 + "<p>" + newsPara2 + "</div></span></p></p>",
		"<p>" + newsPara1 + " <b>tebal <i>miring <p>" + newsPara2,
		"<!-- komentar --><p>" + newsPara1 + "<!-- belum ditutup",
		"<p>" + newsPara1 + "</p><script>document.write('<p>bukan berita</p>')",
		"<p>" + newsPara1 + "</p><textarea>",
		"<p>" + newsPara1 + "</p><video><p>" + newsPara2 + "</p>",
	} {
		d := cleanHTML(page)
		checkMap(t, d)
		if !strings.Contains(d.Text, newsPara1) || strings.Contains(d.Text, "bukan berita") {
			t.Errorf("page %.60q:\ngot %q", page, d.Text)
		}
	}
}

func TestHTMLEntities(t *testing.T) {
	page := "<html><head><title>x</title></head><body><article>" +
		"<p>RI &amp; Selandia&nbsp;Baru menandatangani perjanjian kerja sama penanggulangan bencana di Wellington pada Kamis, kata &quot;Kemlu&quot; &#8211; juru bicara.</p>" +
		"<p>" + newsPara2 + "</p></article></body></html>"
	d := cleanHTML(page)
	checkMap(t, d)
	want := "RI & Selandia Baru menandatangani perjanjian kerja sama penanggulangan bencana di Wellington pada Kamis, kata \"Kemlu\" – juru bicara."
	if !strings.HasPrefix(d.Text, want) {
		t.Fatalf("got %q", d.Text)
	}
	inexact := 0
	for _, s := range d.Map.Segs {
		if !s.Exact {
			inexact++
		}
	}
	if inexact < 4 { // &amp; &nbsp; &quot; ×2 &#8211;
		t.Errorf("%d inexact segments, want at least 4: %+v", inexact, d.Map.Segs)
	}
	// Words after the entities map back to the same words in the markup.
	for _, w := range []string{"Baru menandatangani", "Wellington", "juru bicara", "pelatihan bersama"} {
		at := strings.Index(d.Text, w)
		sp := d.Map.RawSpan(article.Span{Start: at, End: at + len(w)})
		if got := string(d.Raw[sp.Start:sp.End]); got != w {
			t.Errorf("RawSpan(%q) gives %q", w, got)
		}
	}
	// A decoded entity maps to where the entity starts.
	at := strings.Index(d.Text, "&")
	if r := d.Map.Raw(at); !strings.HasPrefix(string(d.Raw[r:]), "&amp;") {
		t.Errorf("Raw(&) = %d, at %.10q", r, d.Raw[r:])
	}
}

func TestHTMLMeta(t *testing.T) {
	body := "<body><article><h1>Indonesia dan Selandia Baru Teken Kerja Sama Bencana</h1><p>" + newsPara1 + "</p><p>" + newsPara2 + "</p></article></body>"
	tests := []struct {
		name, head string
		pre        article.Date
		date, src  string
		url        string
	}{
		{"published_time", `<meta property="article:published_time" content="2024-06-06T23:30:00+12:00">`, article.Date{}, "2024-06-06", "html-meta", ""},
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished": "2024-06-07T08:00:00+07:00"}</script>`, article.Date{}, "2024-06-07", "html-meta", ""},
		{"itemprop", `<meta itemprop="datePublished" content="2024-06-08">`, article.Date{}, "2024-06-08", "html-meta", ""},
		{"priority", `<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2024-06-09T10:00:00Z">`, article.Date{}, "2024-06-09", "html-meta", ""},
		{"bad date ignored", `<meta property="article:published_time" content="2024-13-45">`, article.Date{}, "", "", ""},
		{"metadata wins", `<meta property="article:published_time" content="2024-06-06">`, article.Date{Year: 2024, Month: 6, Day: 1}, "2024-06-01", "metadata", ""},
		{"canonical", `<link rel="canonical" href="https://contoh.example.id/berita/1">`, article.Date{}, "", "", "https://contoh.example.id/berita/1"},
		{"relative canonical ignored", `<link rel="canonical" href="/berita/1">`, article.Date{}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &article.Doc{Raw: []byte("<html><head>" + tt.head + "</head>" + body + "</html>"), Format: "html"}
			if !tt.pre.IsZero() {
				d.PubDate, d.PubDateSource = tt.pre, "metadata"
			}
			HTML(d)
			if d.PubDate.String() != tt.date || d.PubDateSource != tt.src && tt.src != "" {
				t.Errorf("pub date %q (%s), want %q (%s)", d.PubDate, d.PubDateSource, tt.date, tt.src)
			}
			if tt.url != "" && d.URL != tt.url || tt.url == "" && strings.Contains(d.URL, "berita/1") {
				t.Errorf("url %q, want %q", d.URL, tt.url)
			}
			if d.Title != "Indonesia dan Selandia Baru Teken Kerja Sama Bencana" {
				t.Errorf("title %q", d.Title)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-06-06", "2024-06-06"},
		{"2024-06-06T23:30:00+12:00", "2024-06-06"},
		{" 2024/06/06 10:00 ", "2024-06-06"},
		{"Thu, 06 Jun 2024 10:00:00 +0700", "2024-06-06"},
		{"2024-02-30", ""},
		{"20240606", ""},
		{"kemarin", ""},
		{"1850-01-01", ""},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in)
		if got := d.String(); got != tt.want || ok != (tt.want != "") {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestHTMLConcurrent(t *testing.T) {
	b, err := os.ReadFile("testdata/halaman.txtar")
	if err != nil {
		t.Fatal(err)
	}
	a := parseArchive(b)
	in, _ := a.get("input.html")
	want := cleanHTML(string(in)).Text
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := cleanHTML(string(in)).Text; got != want {
				errs <- fmt.Errorf("concurrent run differs:\n%s", got)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestHTMLDateModeFast: go-htmldate runs without its extensive search, the
// only caller of go-dateparser, which mitra does not link (see
// internal/nodateparser and go.mod).
func TestHTMLDateModeFast(t *testing.T) {
	opts := trafilaturaOptions("https://example.com/a")
	if opts.HtmlDateMode != trafilatura.Fast || opts.HtmlDateOptions != nil || opts.HtmlDateOverride != nil {
		t.Errorf("trafilatura's date mode is %v with options %v: go-htmldate would call go-dateparser, which is not linked",
			opts.HtmlDateMode, opts.HtmlDateOptions)
	}
}
