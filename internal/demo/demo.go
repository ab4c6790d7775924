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
package demo

import "embed"

//go:embed pages
var Pages embed.FS
