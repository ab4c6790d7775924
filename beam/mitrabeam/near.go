package mitrabeam

import (
	"cmp"
	"context"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"mitra/internal/dedup"
	"mitra/internal/pipeline"
)

func init() {
	register.Function2x0(bucketRefs)
	register.Emitter2[int64, ref]()
	register.Function3x0(earlierInBucket)
	register.Iter1[ref]()
	register.Emitter2[string, ref]()
	register.Function3x0(topCandidates)
	register.Emitter2[string, query]()
	register.Function1x2(textOf)
	register.Function4x0(sendText)
	register.Iter1[text]()
	register.Iter1[query]()
	register.Emitter2[string, candText]()
	register.Function5x0(chooseOriginal)
	register.Iter1[candText]()
	register.Emitter1[link]()
	register.Function3x0(resolveRoots)
	register.Iter1[link]()
	register.Emitter2[string, root]()
	register.Function1x2(byHash)
	register.Function4x0(setCanonical)
	register.Iter1[root]()
}

var copiesFound = beam.NewCounter("mitra", "near_duplicates")

// nearDuplicates sets the canonical document of every copy among docs
// (see the package comment) and returns them.
func nearDuplicates(s beam.Scope, docs beam.PCollection) beam.PCollection {
	cands := beam.ParDo(s, earlierInBucket, beam.GroupByKey(s, beam.ParDo(s, bucketRefs, docs)))
	queries := beam.ParDo(s, topCandidates, beam.GroupByKey(s, cands))
	texts := beam.ParDo(s, textOf, docs)
	candTexts := beam.ParDo(s, sendText, beam.CoGroupByKey(s, texts, queries))
	links := beam.ParDo(s, chooseOriginal, beam.CoGroupByKey(s, texts, candTexts))
	roots := beam.ParDo(s, resolveRoots, beam.GroupByKey(s, beam.AddFixedKey(s, links)))
	return beam.ParDo(s, setCanonical, beam.CoGroupByKey(s, beam.ParDo(s, byHash, docs), roots))
}

// bucketRefs emits a document under each of its distinct buckets.
func bucketRefs(c coded, emit func(int64, ref)) {
	bs := slices.Clone(c.Batch.Buckets)
	slices.Sort(bs)
	for _, b := range slices.Compact(bs) {
		emit(int64(b), ref{Order: c.Order, Hash: c.Batch.Doc.Hash})
	}
}

// earlierInBucket emits, for each document of a bucket, every earlier one:
// the pairs that share the bucket.
func earlierInBucket(_ int64, refs func(*ref) bool, emit func(string, ref)) {
	var rs []ref
	var r ref
	for refs(&r) {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b ref) int { return cmp.Compare(a.Order, b.Order) })
	for k := 1; k < len(rs); k++ {
		for j := range k {
			emit(rs[k].Hash, rs[j])
		}
	}
}

// topCandidates counts the buckets a document shares with each earlier
// one and asks the first pipeline.NearCandidates of them, most shared
// first, then earliest, as ingest's writer orders them.
func topCandidates(hash string, refs func(*ref) bool, emit func(string, query)) {
	type cand struct {
		ref
		shared int
	}
	at := map[string]int{}
	var cs []cand
	var r ref
	for refs(&r) {
		i, ok := at[r.Hash]
		if !ok {
			i = len(cs)
			at[r.Hash] = i
			cs = append(cs, cand{ref: r})
		}
		cs[i].shared++
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.Order, b.Order)) })
	for rank, c := range cs[:min(len(cs), pipeline.NearCandidates)] {
		emit(c.Hash, query{Hash: hash, Rank: rank})
	}
}

func textOf(c coded) (string, text) { return c.Batch.Doc.Hash, text{Order: c.Order, Text: c.Text} }

// sendText answers each question to a candidate with its text.
func sendText(hash string, texts func(*text) bool, queries func(*query) bool, emit func(string, candText)) {
	var t text
	if !texts(&t) {
		return
	}
	var q query
	for queries(&q) {
		emit(q.Hash, candText{Rank: q.Rank, Hash: hash, Order: t.Order, Text: t.Text})
	}
}

// chooseOriginal links a document to its first candidate whose text it
// nearly duplicates.
func chooseOriginal(ctx context.Context, hash string, texts func(*text) bool, cands func(*candText) bool, emit func(link)) {
	var t text
	if !texts(&t) {
		return
	}
	var cs []candText
	var c candText
	for cands(&c) {
		cs = append(cs, c)
	}
	slices.SortFunc(cs, func(a, b candText) int { return cmp.Compare(a.Rank, b.Rank) })
	for _, c := range cs {
		if dedup.Jaccard(t.Text, c.Text) >= dedup.Threshold {
			copiesFound.Inc(ctx, 1)
			emit(link{Hash: hash, Parent: c.Hash, ParentOrder: c.Order})
			return
		}
	}
}

// resolveRoots follows each copy's chain of originals to its canonical
// document: the original's canonical document, or the original. The
// links are few (copies only), so they are resolved in one place.
func resolveRoots(_ int, links func(*link) bool, emit func(string, root)) {
	parent := map[string]link{}
	var l link
	for links(&l) {
		parent[l.Hash] = l
	}
	memo := map[string]root{}
	var find func(h string) root
	find = func(h string) root {
		if r, ok := memo[h]; ok {
			return r
		}
		l := parent[h]
		r := root{Hash: l.Parent, Order: l.ParentOrder}
		if _, ok := parent[l.Parent]; ok {
			r = find(l.Parent) // an original is earlier: the chain ends
		}
		memo[h] = r
		return r
	}
	for h := range parent {
		emit(h, find(h))
	}
}

func byHash(c coded) (string, coded) { return c.Batch.Doc.Hash, c }

// setCanonical sets a copy's canonical document, and the document its
// mentions count for.
func setCanonical(_ string, docs func(*coded) bool, roots func(*root) bool, emit func(coded)) {
	var c coded
	if !docs(&c) {
		return
	}
	var r root
	if roots(&r) {
		c.Batch.Doc.Canonical = r.Hash
		c.Source = r.Order
	}
	emit(c)
}
