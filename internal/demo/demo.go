// Package demo embeds the demo corpus: pages written for mitra that tell a year of relations among several pairs of states, for `mitra demo`.
//
// Pages holds the directory "pages". Every page p.txt is a scraped-looking
// Indonesian news page (headline, byline, date line, dateline, "Baca juga:"
// links, captions, editor line, "Terkini Lainnya" block, footer) dated between
// June 2023 and June 2024. The outlets, reporters, quotes and many details are
// invented: the pages follow the broad course of real relations (Mali and
// Niger turning from France and the United States to Russia, Russia and China,
// Indonesia and its neighbours, China and the Philippines) but are not a
// record of it. Some acts are told by several outlets, and two pages (the
// files ending in "-salinan") are syndicated copies of another page under a
// different outlet's header and footer, so that clustering and near-duplicate
// detection have something to show. Two explainers published in August 2023
// look back over a decade of Mali–France and Niger–United States relations,
// so that the record holds the cooperation those pairs broke off (and the
// relation shifts have a before). Three pages are domestic news with no
// event between states.
//
// Next to every page sits p.events, the events a coder following
// eval/GUIDELINE.md would list, in the format of mitra/internal/sample
// (parse it with sample.ParseEvents):
//
//	TYPE ACTORS -> RECIPIENTS | main|bg | evidence
//
// The embed pattern is the whole directory, so a caller walking Pages for
// extraction input must keep only the .txt files.
//
// urls.tsv gives each page the address it "was published" at, on an
// invented outlet under .example, so that the demo's exports and page show
// what real data shows: an outlet, a title and a link for every report.
package demo

import (
	"bufio"
	"embed"
	"fmt"
	"net/url"
	"strings"
)

//go:embed pages
var Pages embed.FS

//go:embed urls.tsv
var urlsTSV string

// URLs returns each page's URL by its name (the file name without .txt).
func URLs() (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(urlsTSV))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, u, ok := strings.Cut(line, "\t")
		pu, err := url.Parse(u)
		if !ok || name == "" || err != nil || pu.Scheme != "https" || !strings.HasSuffix(pu.Host, ".example") {
			return nil, fmt.Errorf("urls.tsv:%d: want page<TAB>https://….example/…", n)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("urls.tsv:%d: %s given twice", n, name)
		}
		out[name] = u
	}
	return out, sc.Err()
}
