package clean_test

import (
	"fmt"

	"mitra/internal/article"
	"mitra/internal/clean"
)

func ExampleText() {
	d := &article.Doc{Raw: []byte(`beritakita.example.id
Internasional

RI dan Uzbekistan Sepakati Kerja Sama Pendidikan

RI dan Uzbekistan Sepakati Kerja Sama Pendidikan
JAKARTA - Indonesia dan Uzbekistan menandatangani nota kesepahaman kerja sama pendidikan tinggi di Jakarta, Selasa (4/6).

Baca juga: Harga Bawang Merah Turun di Pasar Induk
Editor: Rina
`)}
	clean.Text(d)
	fmt.Println(d.Title)
	fmt.Println("--")
	fmt.Println(d.Text)
	// The lead sentence maps back to where it sits in the raw page.
	sp := d.Map.RawSpan(article.Span{Start: 50, End: 58})
	fmt.Printf("%q %q\n", d.Text[50:58], d.Raw[sp.Start:sp.End])
	// Output:
	// RI dan Uzbekistan Sepakati Kerja Sama Pendidikan
	// --
	// RI dan Uzbekistan Sepakati Kerja Sama Pendidikan
	//
	// JAKARTA - Indonesia dan Uzbekistan menandatangani nota kesepahaman kerja sama pendidikan tinggi di Jakarta, Selasa (4/6).
	// "JAKARTA " "JAKARTA "
}

func ExampleHTML() {
	d := &article.Doc{Raw: []byte(`<html><head><meta property="article:published_time" content="2024-06-04T10:00:00+07:00"></head>
<body><nav>Beranda | Nasional</nav><article><h1>RI &amp; Uzbekistan Teken MoU Pendidikan</h1>
<p>Indonesia dan Uzbekistan menandatangani nota kesepahaman kerja sama pendidikan tinggi di Jakarta,&nbsp;Selasa (4/6).</p>
<p>Baca juga: Harga Bawang Merah Turun</p></article></body></html>`)}
	clean.HTML(d)
	fmt.Println(d.Title)
	fmt.Println(d.PubDate, d.PubDateSource)
	fmt.Println(d.Text)
	// Output:
	// RI & Uzbekistan Teken MoU Pendidikan
	// 2024-06-04 html-meta
	// RI & Uzbekistan Teken MoU Pendidikan
	//
	// Indonesia dan Uzbekistan menandatangani nota kesepahaman kerja sama pendidikan tinggi di Jakarta, Selasa (4/6).
}
