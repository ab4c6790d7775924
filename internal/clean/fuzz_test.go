package clean

import (
	"os"
	"path/filepath"
	"testing"

	"mitra/internal/article"
)

// seedFixtures adds the inputs of the txtar fixtures to a fuzz corpus.
func seedFixtures(f *testing.F, section string) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		a := parseArchive(b)
		if in, ok := a.get(section); ok {
			f.Add(in)
		}
	}
}

func FuzzText(f *testing.F) {
	seedFixtures(f, "input.txt")
	for _, s := range []string{
		"", "\n\n", "Baca juga:\n", "Judul Berita Hari Ini\r\nBaca juga: x\r\n", "\xff\xfe\n(\n[]\n- \n",
		"Terkini Lainnya\nA\n", "BACA JUGA: Judul LainKalimat berita yang cukup panjang untuk dipertahankan oleh aturan ini.",
		"\u00a0\u00a0MEMBACA\u00a0\n", "Senin, 13 Nov 2017 14:27 WIB\n\u2028\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d := &article.Doc{Raw: raw}
		Text(d)
		if err := mapErr(d); err != nil {
			t.Fatalf("%v\ninput: %q", err, raw)
		}
	})
}

func FuzzHTML(f *testing.F) {
	seedFixtures(f, "input.html")
	for _, s := range []string{
		"", "<p>Menlu&nbsp;RI</p>", "<b>RI</b> &amp; RRT", "<p>a<p>b</div></span>", "<h1>Judul</h1><p>&#xFFFF;&#0;&#1234567;</p>",
		"<title>x</title><svg><title>y</title></svg><p>z</p>", "<script>/*", "<p>\x00\xff &ampx &#x; &", "<meta charset=x><p>\u00ad\u200b</p>",
		"<nav><p>Beranda</p></nav><article><h1>Judul Berita</h1><p>Isi berita yang cukup panjang.</p></article>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d := &article.Doc{Raw: raw, Format: "html"}
		HTML(d)
		if err := mapErr(d); err != nil {
			t.Fatalf("%v\ninput: %q", err, raw)
		}
	})
}
