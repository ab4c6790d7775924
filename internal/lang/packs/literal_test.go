package packs

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"mitra/internal/lang"
)

// engineDirs are the packages that must hold no word of any language: the
// packs are the only place that knows one.
var engineDirs = []string{"../../event", "../../actor", "../../token"}

// TestNoLanguageWords fails when a Go string literal in the engine's
// packages contains a word that some pack's data lists (a form of
// words.tsv, triggers.tsv, refs.tsv, dates.tsv, actors.tsv or the shared
// leaders.tsv). Such a literal is language knowledge hidden in code — a
// preposition compared with a token, a list of weekdays — and belongs in a
// pack's data.
//
// Left out, as they are not matched against text: constant declarations
// (format keywords such as actor kinds, note texts), import paths, struct
// tags, messages (arguments of fmt and errors functions and of panic), the
// value of a keyed field "name" (a rule's name), transliterations keyed by a
// character ('þ': "th"), and words of one letter.
func TestNoLanguageWords(t *testing.T) {
	vocab := packVocabulary(t)
	if len(vocab) < 1000 {
		t.Fatalf("vocabulary of %d words: the packs did not load", len(vocab))
	}
	found := 0
	for _, dir := range engineDirs {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, pkg := range pkgs {
			for _, f := range pkg.Files {
				for _, lit := range checkedLiterals(f) {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						continue
					}
					for _, w := range letterWords(s) {
						if vocab[w] {
							t.Errorf("%s: literal %s holds %q, a word of a language pack's data: move it to the pack", fset.Position(lit.Pos()), lit.Value, w)
							found++
						}
					}
				}
			}
		}
	}
	t.Logf("checked %d packages; %d language words found", len(engineDirs), found)
}

// TestLiteralCheckFinds makes sure the check sees what it must.
func TestLiteralCheckFinds(t *testing.T) {
	src := `package p
const kind = "tidak"
var prefixes = []string{"me", "di"}
var m = map[string]bool{"jika": true}
var rules = []rule{{name: "jika"}}
func f(w string) bool {
	if w == "yang" { return true }
	switch w { case "dan": }
	_ = fmt.Sprintf("tidak %s", w)
	return strings.HasPrefix(w, "ber")
}`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, lit := range checkedLiterals(f) {
		s, _ := strconv.Unquote(lit.Value)
		got = append(got, s)
	}
	want := "me di jika yang dan ber"
	if strings.Join(got, " ") != want {
		t.Fatalf("checked %q, want %q", got, want)
	}
}

// checkedLiterals returns the string literals of f the check applies to.
func checkedLiterals(f *ast.File) []*ast.BasicLit {
	skip := map[*ast.BasicLit]bool{}
	mark := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if l, ok := n.(*ast.BasicLit); ok {
				skip[l] = true
			}
			return true
		})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			mark(n)
		case *ast.GenDecl:
			if n.Tok == token.CONST {
				mark(n)
			}
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == "name" {
				mark(n.Value)
			}
			if l, ok := n.Key.(*ast.BasicLit); ok && l.Kind == token.CHAR {
				mark(n.Value) // a table of characters and their transliterations
			}
		case *ast.CallExpr:
			if isMessage(n.Fun) {
				for _, a := range n.Args {
					mark(a)
				}
			}
		}
		return true
	})
	var out []*ast.BasicLit
	ast.Inspect(f, func(n ast.Node) bool {
		if l, ok := n.(*ast.BasicLit); ok && l.Kind == token.STRING && !skip[l] {
			out = append(out, l)
		}
		return true
	})
	return out
}

// isMessage reports whether fun formats a message rather than matching
// text: fmt's and errors' functions, panic, and functions or methods named
// like formatters (errorf, Errorf, Logf, …).
func isMessage(fun ast.Expr) bool {
	name := ""
	switch fn := fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		if pkg, ok := fn.X.(*ast.Ident); ok && (pkg.Name == "fmt" || pkg.Name == "errors") {
			return true
		}
		name = fn.Sel.Name
	}
	return name == "panic" || strings.HasSuffix(strings.ToLower(name), "f") && strings.Contains(strings.ToLower(name), "rror")
}

// letterWords returns the lower-case runs of letters of s, two letters or
// longer.
func letterWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if utf8.RuneCountInString(w) > 1 {
			out = append(out, strings.ToLower(w))
		}
	}
	return out
}

// packVocabulary returns every word of the first column of every data file
// of every pack, and of the shared data.
func packVocabulary(t *testing.T) map[string]bool {
	t.Helper()
	ps, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	vocab := map[string]bool{}
	read := func(fsys fs.FS, name string) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "#") {
				continue
			}
			form, _, _ := strings.Cut(line, "\t")
			for _, w := range letterWords(form) {
				vocab[w] = true
			}
		}
	}
	for _, p := range ps {
		for _, name := range lang.Files {
			read(p.Data, name)
		}
		read(p.Shared, filepath.ToSlash(lang.LeadersFile))
	}
	return vocab
}
