package syntax_test

import (
	"fmt"

	"mitra/internal/lang/id"
	"mitra/internal/syntax"
	"mitra/internal/token"
)

func ExampleModel_Parse() {
	m, err := syntax.LoadFile(id.Data(), "data/syntax.model") // once per process
	if err != nil {
		panic(err)
	}
	var t syntax.Tree // one per goroutine, reused for every sentence
	var words []string
	for _, s := range token.Sentences("Duta Besar China dipanggil oleh Kementerian Luar Negeri Filipina.", nil) {
		words = words[:0]
		for _, tk := range s.Tokens {
			words = append(words, tk.Text)
		}
		m.Parse(&t, words)
		root := t.Root()
		fmt.Println("predicate:", t.Words[root], t.Tag[root])
		for _, c := range t.Children(root) {
			switch t.Rel[c] {
			case syntax.NsubjPass, syntax.OblAgent:
				start, end := t.Span(c)
				fmt.Printf("%s: %v\n", t.Rel[c], t.Words[start:end])
			}
		}
	}
	// Output:
	// predicate: dipanggil VERB
	// nsubj:pass: [Duta Besar China]
	// obl:agent: [oleh Kementerian Luar Negeri Filipina]
}
