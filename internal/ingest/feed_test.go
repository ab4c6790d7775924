package ingest_test

import (
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/ingest"
	"mitra/internal/ingest/ingesttest"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Vessa Courier</title>
  <link>https://courier.example/</link>
  <description>News from Vessa</description>
  <item>
    <title>Norland and Estmark reopen the railway</title>
    <link>https://courier.example/2026/03/rail</link>
    <guid isPermaLink="false">courier-4411</guid>
    <pubDate>Wed, 04 Mar 2026 01:30:00 +0700</pubDate>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>` + "P0" + `</p><p>` + "P1" + `</p>]]></content:encoded>
  </item>
  <item>
    <title>Farmers welcome the deal</title>
    <link>https://courier.example/2026/03/farmers</link>
    <pubDate>Tue, 03 Mar 2026 18:00:00 GMT</pubDate>
    <description>` + "P3" + `

` + "P2" + `</description>
  </item>
  <item>
    <title>Headline only</title>
    <link>https://courier.example/2026/03/only</link>
  </item>
  <item>
    <guid>https://courier.example/2026/03/guid-link</guid>
    <description>&lt;p&gt;` + "P0" + `&lt;/p&gt;</description>
  </item>
</channel>
</rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Vessa Courier</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-03-05T10:00:00Z</updated>
  <entry>
    <title>Joint commission meets</title>
    <link href="https://courier.example/2026/03/commission"/>
    <id>tag:courier.example,2026:commission</id>
    <updated>2026-03-05T23:30:00-05:00</updated>
    <content type="html">&lt;p&gt;P1&lt;/p&gt;&lt;p&gt;P2&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Summary only</title>
    <link href="https://courier.example/2026/03/summary"/>
    <id>tag:courier.example,2026:summary</id>
    <published>2026-03-06T08:00:00+01:00</published>
    <summary>P3</summary>
  </entry>
</feed>`

func withParas(s string) string {
	for i, p := range ingesttest.Paragraphs {
		s = strings.ReplaceAll(s, "P"+string(rune('0'+i)), p)
	}
	return s
}

func TestFeeds(t *testing.T) {
	dir := t.TempDir()
	p := write(t, filepath.Join(dir, "courier.rss"), []byte(withParas(rss)))
	items := read(t, []string{p}, ingest.Options{})
	expect(t, items,
		"DOC id=courier-4411 source="+p+"#1 url=https://courier.example/2026/03/rail pub=2026-03-04(feed)",
		"DOC id=https://courier.example/2026/03/farmers source="+p+"#2 url=https://courier.example/2026/03/farmers pub=2026-03-03(feed)",
		"ERR "+p+"#3: item has no content",
		"DOC id=https://courier.example/2026/03/guid-link source="+p+"#4 url=https://courier.example/2026/03/guid-link",
	)
	if len(items) == 4 {
		d := items[0].Doc
		if d.Title != "Norland and Estmark reopen the railway" || !strings.Contains(d.Text, ingesttest.Paragraphs[1]) || strings.Contains(d.Text, "teaser") {
			t.Errorf("item 1: title %q text %q", d.Title, d.Text)
		}
		if d := items[1].Doc; !strings.Contains(d.Text, ingesttest.Paragraphs[3]+"\n\n"+ingesttest.Paragraphs[2]) {
			t.Errorf("item 2: plain-text paragraphs lost: %q", d.Text)
		}
	}

	p = write(t, filepath.Join(dir, "courier.atom"), []byte(withParas(atom)))
	expect(t, read(t, []string{p}, ingest.Options{}),
		"DOC id=tag:courier.example,2026:commission source="+p+"#1 url=https://courier.example/2026/03/commission pub=2026-03-05(feed)",
		"DOC id=tag:courier.example,2026:summary source="+p+"#2 url=https://courier.example/2026/03/summary pub=2026-03-06(feed)",
	)
}

func TestFeedsBroken(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, data, want string }{
		{"empty.rss", "", "empty file"},
		{"no-items.rss", `<rss version="2.0"><channel><title>x</title></channel></rss>`, "feed has no items"},
		{"no-items.atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, "feed has no items"},
		{"malformed.rss", `<rss version="2.0"><channel><item><title>Rail`, "malformed feed (XML syntax error on line 1: unexpected EOF)"},
		{"text.rss", "just some words", "not an RSS or Atom feed"},
		{"page.atom", ingesttest.Page("A page, not a feed"), "not an RSS or Atom feed"},
		{"other.xml", `<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>`, "not an RSS or Atom feed"},
	}
	for _, tt := range tests {
		p := write(t, filepath.Join(dir, tt.name), []byte(tt.data))
		got := summaries(read(t, []string{p}, ingest.Options{}))
		if want := "ERR " + p + ": " + tt.want; len(got) != 1 || got[0] != want {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.name, got, want)
		}
	}
}
