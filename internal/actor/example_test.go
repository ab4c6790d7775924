package actor_test

import (
	"fmt"
	"testing/fstest"

	"mitra/internal/actor"
	"mitra/internal/article"
	"mitra/internal/token"
)

func ExampleGazetteer_Find() {
	fsys := fstest.MapFS{
		"actors.tsv": {Data: []byte("Rusia\tRUS\tstate\nMoskow\tRUS\tcapital\nAS\tUSA\tstate\tcase\nAmerika Latin\t-\tblock\n")},
		"leaders.tsv": {Data: []byte("Mark Rutte\tNLD\tHOG\t2010-10-14\t2024-07-02\n" +
			"Mark Rutte\tNATO\tHOS\t2024-10-01\t\n")},
	}
	// A language pack says which words make a capital a place.
	words := actor.Words{Place: func(w string) bool { return w == "di" }}
	g, err := actor.Load(actor.Source{FS: fsys, Name: "actors.tsv"}, actor.Source{FS: fsys, Name: "leaders.tsv"}, words)
	if err != nil {
		fmt.Println(err)
		return
	}
	text := "Mark Rutte tiba di Moskow; AS dan Rusia, bukan Amerika Latin, as usual."
	for _, m := range g.Find(token.Tokenize(text, 0), article.Date{Year: 2025, Month: 3}) {
		fmt.Println(m.Text, m.Code, m.Kind, m.Role, m.Place)
	}
	// Output:
	// Mark Rutte NATO person HOS false
	// Moskow RUS capital  true
	// AS USA state  false
	// Rusia RUS state  false
}
