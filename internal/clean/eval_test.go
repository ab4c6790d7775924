package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"mitra/internal/article"
)

// evalDocs is the shared development set, outside the module; its pages
// are read at test time and never copied into the repository.
const evalDocs = "../../../shared/eval/dev/docs"

// TestEvalSeed004 cleans a real scraped page with three related-article
// links between its paragraphs, a caption and site furniture.
func TestEvalSeed004(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(evalDocs, "seed-004.txt"))
	if err != nil {
		t.Skipf("eval set absent (%v); skipping", err)
	}
	d := &article.Doc{Raw: b}
	Text(d)
	checkMap(t, d)

	// Every "Baca juga" line is gone, and with it the headline it links.
	for _, line := range strings.Split(string(b), "\n") {
		_, headline, ok := strings.Cut(line, "Baca juga :")
		if !ok {
			continue
		}
		headline = strings.TrimSpace(headline)
		if strings.Contains(d.Text, headline) {
			t.Errorf("related headline %q kept", headline)
		}
	}
	if strings.Contains(strings.ToLower(d.Text), "baca juga") {
		t.Error(`"Baca juga" kept`)
	}
	// The news sentences stay: every line of the page that is a long
	// sentence and not a link or caption.
	kept := 0
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if len(strings.Fields(line)) < 8 || strings.Contains(line, "Baca juga") || strings.HasPrefix(line, "Ilustrasi") || strings.HasPrefix(line, "Cek berita") {
			continue
		}
		if !strings.Contains(d.Text, line) {
			t.Errorf("news line dropped: %q", line)
		}
		kept++
	}
	if kept < 10 {
		t.Errorf("only %d news lines found in the page; has it changed?", kept)
	}
	for _, junk := range []string{"visitaaponce.com", "Editor :", "Terkini Lainnya", "Tautan Sahabat", "WhatsApp", "Ilustrasi"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("boilerplate %q kept", junk)
		}
	}
	if d.Title == "" || strings.Count(d.Text, d.Title) != 1 {
		t.Errorf("title %q should be found once in the text", d.Title)
	}
}

// TestEvalDocsInvariants runs Text over every dev page and checks the
// offset map; it catches pages that crash or lose all their text.
func TestEvalDocsInvariants(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join(evalDocs, "*.txt"))
	if len(paths) == 0 {
		t.Skip("eval set absent; skipping")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := &article.Doc{Raw: b}
		Text(d)
		checkMap(t, d)
		if len(strings.TrimSpace(string(b))) > 200 && len(d.Text) < len(b)/4 {
			t.Errorf("%s: kept %d of %d bytes", filepath.Base(p), len(d.Text), len(b))
		}
	}
}
