// Package store declares mitra's persistent record: documents, the events
// coded in them (each with its evidence), and event clusters that join the
// reports of one act across documents. Implementations (store/sqlite, and
// later PostgreSQL) must pass storetest.Run.
package store

import (
	"context"
	"errors"
	"mitra/internal/record"
	"slices"
	"strings"
	"time"
)

// Sentinel errors callers branch on.
var (
	ErrNotFound = errors.New("not found")
	ErrClosed   = errors.New("store is closed")
)

// Document is one stored page.
type Document struct {
	Hash    string // hex SHA-256 of Raw: the key that makes ingest idempotent
	ID      string // the input's id: file name, JSONL "id", WARC-Record-ID
	Source  string // where it was read: a path, "path:LINE", a URL, "file.warc.gz#N"
	URL     string
	Outlet  string // the site: URL host, or the JSONL "outlet"
	Lang    string
	PubDate string // YYYY-MM-DD, YYYY-MM, YYYY or ""
	Title   string
	Raw     []byte
	Text    string
	// Canonical is the Hash of the earlier document this one nearly
	// duplicates (a syndicated copy); "" when it is canonical itself.
	Canonical  string
	IngestedAt time.Time
	// Build is the mitra build that coded the page (see internal/buildinfo)
	// and Codebook the ontology version; "" for pages stored before they
	// were recorded.
	Build, Codebook string
}

// Event is one coded act as found in one document: the extractor's record
// plus the document and the cluster it belongs to. Its evidence (sentence,
// span, trigger) is the mention.
type Event struct {
	record.Event
	DocHash   string
	ClusterID int64 // 0 until stored
}

// Cluster is one act as reported by any number of documents: the unit that
// counts measure, so that ten articles about one summit count once.
type Cluster struct {
	ID         int64
	Type       record.Type
	Mode       record.Mode
	Actors     []string // codes, from the first mention
	Recipients []string
	Contexts   []string // union over mentions
	// Date is the act's date as precise as the best mention fixes it;
	// First and Last bound the dates (or publication dates) of its mentions.
	Date        string
	First, Last string
	Mentions    int // events (mentions) in the cluster
	Sources     int // distinct canonical documents reporting it
	Outlets     int // distinct outlets reporting it
}

// Link is a group of clusters with one type, mode and set of parties.
type Link struct {
	Type        record.Type
	Mode        record.Mode
	Parties     []string // sorted distinct codes of actors and recipients
	Clusters    int
	First, Last string // the least First and greatest Last of the clusters ("" when none has one)
}

// LinksOf groups clusters into Links, ordered by type, mode, then parties:
// the reference for Store.Links.
func LinksOf(cs []Cluster) []Link {
	type key struct {
		typ     record.Type
		mode    record.Mode
		parties string
	}
	at := map[key]int{}
	var out []Link
	for i := range cs {
		c := &cs[i]
		k := key{c.Type, c.Mode, PartyKey(c.Actors, c.Recipients)}
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			var ps []string
			if k.parties != "" {
				ps = strings.Split(k.parties, ",")
			}
			out = append(out, Link{Type: c.Type, Mode: c.Mode, Parties: ps})
		}
		l := &out[j]
		l.Clusters++
		if c.First != "" && (l.First == "" || c.First < l.First) {
			l.First = c.First
		}
		if c.Last > l.Last {
			l.Last = c.Last
		}
	}
	slices.SortFunc(out, func(a, b Link) int {
		if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.Mode), string(b.Mode)); c != 0 {
			return c
		}
		return strings.Compare(strings.Join(a.Parties, ","), strings.Join(b.Parties, ","))
	})
	return out
}

// Batch is one document to store: the document, its events and its
// near-duplicate signature buckets.
type Batch struct {
	Doc     Document
	Events  []Event
	Buckets []uint64 // LSH band hashes of the document's MinHash signature
}

// Outcome is what Write did with one batch.
type Outcome struct {
	// Added: the document is stored now. False when a document with its
	// Hash was stored already (before, or earlier in the same Write), or
	// when Err is set.
	Added bool
	// Err: the batch cannot be stored (see Write); nothing of it is, and
	// the other batches of the call are not affected.
	Err error
}

// Near is a stored document sharing buckets with a signature.
type Near struct {
	Hash   string
	Shared int // buckets in common
}

// Tally counts the clusters of one type and mode placed on one day (see
// PlaceDay), for a pair's series.
type Tally struct {
	Day      string // YYYY-MM-DD
	Type     record.Type
	Mode     record.Mode
	Clusters int
}

// Filter selects events or clusters. Zero fields select everything.
type Filter struct {
	Party    string    // involving this party (actor or recipient)
	Pair     [2]string // involving both
	Types    []record.Type
	Quad     record.Quad // 1–4
	Context  string
	From, To string // inclusive dates YYYY-MM-DD on the event date, else the publication date (see Undated)
	// Undated says where an event with no date of its own falls for From
	// and To; MinConfidence leaves out events less sure than it. See
	// leftout.go, and LeftOut for what they leave out.
	Undated       Placement
	MinConfidence float64
	Text          string // words in the evidence sentence
	Lang          string
	Doc           string // a document Hash
	Limit         int    // 0: no limit
	Offset        int
}

// Stats summarises a store.
type Stats struct {
	Documents  int
	Duplicates int // documents that near-duplicate an earlier one
	Events     int // stored events (mentions)
	Clusters   int
	Languages  map[string]int
	Errors     int // inputs that failed, recorded by RecordError
	First      string
	Last       string // event date range
}

// Store is mitra's record. All methods are safe for concurrent use, and
// several processes may use one store at once (each with its own Store).
type Store interface {
	// HasDocument reports whether a document with this content hash is
	// stored (committed by a Write that returned).
	HasDocument(ctx context.Context, hash string) (bool, error)

	// Write stores batches in one transaction, in their order, and commits
	// before it returns: afterwards every reader, in this process or
	// another, sees all of the call's stored documents or, when Write
	// returns an error, none of them.
	//
	// A batch is rejected alone (its Outcome.Err set, nothing of it
	// stored, the rest of the call going on) when an event has no ID or no
	// Type, when two of its events share an ID, or when an event ID is
	// stored already from another document (or used by an earlier batch of
	// the call). A batch whose Doc.Hash is stored already, or appears
	// earlier in the call, changes nothing (Added false, no error). A
	// Doc.Canonical must name a document stored before or earlier in the
	// call.
	//
	// Each event of a stored batch, in order (batches in order, events in
	// order within a batch), joins the cluster ChooseCluster picks among
	// the clusters of its type and PartyKey as they stand after the events
	// before it, or a new cluster; the cluster's summary then takes the
	// mention (Mention), Mentions counts it, and Sources and Outlets count
	// the distinct canonical documents (the Canonical of a copy, else the
	// document itself) and non-empty outlets of its mentions. So the
	// clusters depend only on the order of events, never on how they were
	// split into calls. Concurrent Writes (goroutines or processes) must
	// leave the clusters some serial order of the calls would: an
	// implementation serialises, inside its transaction, the assignment of
	// events of one type and party key (SQLite: its single writer;
	// PostgreSQL: a transaction-scoped advisory lock per type and party
	// key, taken in sorted order before the candidates are read), and never
	// stores one Hash twice.
	//
	// On return, each event of an added batch has DocHash and ClusterID
	// set. Write returns an error only when the transaction failed (then
	// no batch is stored, whatever the outcomes say) or ctx ended before
	// it began; outcomes has one entry per batch otherwise.
	Write(ctx context.Context, batches []*Batch) (outcomes []Outcome, err error)

	// NearDuplicates returns the stored documents that share at least one
	// bucket with buckets, most shared first, then the earliest stored
	// first.
	NearDuplicates(ctx context.Context, buckets []uint64) ([]Near, error)
	// Document returns a stored document by Hash or by ID (the first stored
	// with that ID), or ErrNotFound.
	Document(ctx context.Context, key string) (*Document, error)
	// Events returns stored events matching f, ordered by day (EventDay;
	// undated last), then in the order they were stored: a key that only
	// grows, so that the index that pages events takes each new event at
	// the end of its day instead of at a random place (event ids are
	// hashes).
	Events(ctx context.Context, f Filter) ([]Event, error)
	// Clusters returns clusters with at least one event matching f, ordered
	// by date then id.
	Clusters(ctx context.Context, f Filter) ([]Cluster, error)
	// Links returns the clusters matching f (as Clusters selects them)
	// grouped by type, mode and set of parties: what a network needs,
	// without reading every cluster. It equals LinksOf(Clusters(f)).
	Links(ctx context.Context, f Filter) ([]Link, error)
	// PairTallies returns, for the clusters whose parties include both a
	// and b and that have a PlaceDay, their number by day, type and mode,
	// ordered by day, type, mode: a pair's time series at any period,
	// without reading its clusters. It equals TalliesOf(a, b, every
	// cluster).
	PairTallies(ctx context.Context, a, b string) ([]Tally, error)
	// RecordError remembers that an input failed, for Stats. An input
	// (source) recorded again with the same reason is counted once: a
	// rerun over the same bad inputs adds nothing.
	RecordError(ctx context.Context, source, reason string) error
	// Stats summarises the store without reading every row.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Put stores one batch with s.Write: added reports whether the document
// is stored now, err why the batch (or the transaction) failed.
func Put(ctx context.Context, s Store, b *Batch) (added bool, err error) {
	out, err := s.Write(ctx, []*Batch{b})
	if err != nil {
		return false, err
	}
	return out[0].Added, out[0].Err
}

// ClusterWindow is how far apart (in days) two reports of one act may be
// dated.
const ClusterWindow = 7

// PartyKey returns the unordered set of an event's parties, the key that
// with the type decides which cluster it may join.
func PartyKey(actors, recipients []string) string {
	all := append(append([]string{}, actors...), recipients...)
	slices.Sort(all)
	return strings.Join(slices.Compact(all), ",")
}

// SameAct reports whether event e may join cluster c: same type, same set
// of parties, dates (or publication dates) within ClusterWindow days of the
// cluster's, and compatible contexts (not both non-empty and disjoint).
// Every implementation assigns clusters with it.
func SameAct(c *Cluster, e *Event) bool {
	if c.Type != e.Type || PartyKey(c.Actors, c.Recipients) != PartyKey(record.Codes(e.Actors), record.Codes(e.Recipients)) {
		return false
	}
	d := EventDay(e)
	if d != "" && c.First != "" {
		// d must lie within [First-window, Last+window].
		if days(c.Last, d) > ClusterWindow || days(d, c.First) > ClusterWindow {
			return false
		}
	}
	if len(c.Contexts) > 0 && len(e.Contexts) > 0 {
		for _, x := range e.Contexts {
			if slices.Contains(c.Contexts, x) {
				return true
			}
		}
		return false
	}
	return true
}

// ChooseCluster returns the index in cands of the cluster event e joins,
// or -1 for a new one: the rule every implementation of Write follows.
// cands are the clusters of e's type and party key, in any order (others
// are passed over, but checking each costs time: pass these only). When e
// has a day (EventDay), the candidates are the
// dated clusters whose [First, Last] lies within ClusterWindow days of it,
// by Last then ID, then the undated clusters by ID; without a day, every
// cluster, by Last descending (undated last) then ID descending. e joins
// the first that SameAct accepts.
func ChooseCluster(cands []Cluster, e *Event) int {
	day := EventDay(e)
	t, err := time.Parse(time.DateOnly, day)
	dated := err == nil
	lo, hi := "", ""
	if dated {
		lo = t.AddDate(0, 0, -ClusterWindow).Format(time.DateOnly)
		hi = t.AddDate(0, 0, ClusterWindow).Format(time.DateOnly)
	}
	var order []int
	for i := range cands {
		c := &cands[i]
		if c.Type != e.Type {
			continue // and SameAct checks the parties
		}
		if dated && c.Last != "" && (c.Last < lo || c.First > hi) {
			continue
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &cands[i], &cands[j]
		if dated {
			// Dated clusters (by Last, then ID), then undated ones (by ID).
			if (a.Last == "") != (b.Last == "") {
				if a.Last == "" {
					return 1
				}
				return -1
			}
			if c := strings.Compare(a.Last, b.Last); c != 0 {
				return c
			}
			return cmpInt(a.ID, b.ID)
		}
		if c := strings.Compare(b.Last, a.Last); c != 0 {
			return c // descending; "" (undated) sorts last
		}
		return cmpInt(b.ID, a.ID)
	})
	for _, i := range order {
		if SameAct(&cands[i], e) {
			return i
		}
	}
	return -1
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// NewCluster returns the cluster a first mention e starts, before Mention
// counts it: e's type, mode, parties and contexts, and its date and day.
func NewCluster(e *Event) Cluster {
	c := Cluster{
		Type: e.Type, Mode: e.Mode,
		Actors: record.Codes(e.Actors), Recipients: record.Codes(e.Recipients),
		Contexts: slices.Clone(e.Contexts),
	}
	if c.Contexts == nil {
		c.Contexts = []string{}
	}
	if e.Date != nil {
		c.Date = *e.Date
	}
	if d := EventDay(e); validDay(d) {
		c.First, c.Last = d, d
	}
	return c
}

// Mention adds event e to cluster c's summary: the mode when c has none,
// e's contexts that c lacks, e's date when it is more precise, e's day
// within First and Last, and one more mention. Sources and Outlets are the
// store's to count.
func Mention(c *Cluster, e *Event) {
	if c.Mode == "" {
		c.Mode = e.Mode
	}
	for _, x := range e.Contexts {
		if !slices.Contains(c.Contexts, x) {
			c.Contexts = append(c.Contexts, x)
		}
	}
	if e.Date != nil && *e.Date != "" && len(*e.Date) > len(c.Date) {
		c.Date = *e.Date
	}
	if d := EventDay(e); validDay(d) {
		if c.First == "" || d < c.First {
			c.First = d
		}
		if c.Last == "" || d > c.Last {
			c.Last = d
		}
	}
	c.Mentions++
}

func validDay(d string) bool {
	_, err := time.Parse(time.DateOnly, d)
	return err == nil
}

// PlaceDay returns the day a cluster is counted on in a time series,
// YYYY-MM-DD: its Date when that is a day; else its First day when that
// lies within Date (or Date is unknown); else the first day of Date; ""
// when the cluster has no date at all. Its month is the cluster's month at
// any period.
func PlaceDay(c *Cluster) string {
	if len(c.Date) == 10 {
		if validDay(c.Date) {
			return c.Date
		}
		return ""
	}
	if len(c.First) == 10 && validDay(c.First) && (c.Date == "" || strings.HasPrefix(c.First, c.Date)) {
		return c.First
	}
	switch len(c.Date) {
	case 7:
		if t, err := time.Parse("2006-01", c.Date); err == nil {
			return t.Format(time.DateOnly)
		}
	case 4:
		if t, err := time.Parse("2006", c.Date); err == nil {
			return t.Format(time.DateOnly)
		}
	case 0:
		if validDay(c.First) {
			return c.First
		}
	}
	return ""
}

// TalliesOf counts the clusters whose parties include both a and b by
// PlaceDay, type and mode (those without a day left out), ordered by day,
// type and mode: the reference for Store.PairTallies.
func TalliesOf(a, b string, cs []Cluster) []Tally {
	type key struct {
		day  string
		typ  record.Type
		mode record.Mode
	}
	n := map[key]int{}
	for i := range cs {
		c := &cs[i]
		if !hasParty(c, a) || !hasParty(c, b) {
			continue
		}
		d := PlaceDay(c)
		if d == "" {
			continue
		}
		n[key{d, c.Type, c.Mode}]++
	}
	out := make([]Tally, 0, len(n))
	for k, v := range n {
		out = append(out, Tally{Day: k.day, Type: k.typ, Mode: k.mode, Clusters: v})
	}
	slices.SortFunc(out, func(x, y Tally) int {
		if c := strings.Compare(x.Day, y.Day); c != 0 {
			return c
		}
		if c := strings.Compare(string(x.Type), string(y.Type)); c != 0 {
			return c
		}
		return strings.Compare(string(x.Mode), string(y.Mode))
	})
	return out
}

// hasParty reports whether code is among c's actors or recipients.
func hasParty(c *Cluster, code string) bool {
	return slices.Contains(c.Actors, code) || slices.Contains(c.Recipients, code)
}

// EventDay returns the day an event is placed on for windows and filters:
// its date, else its publication date, padded to a day ("2021-08" →
// "2021-08-01"); "" when neither is known.
func EventDay(e *Event) string {
	d := ""
	if e.Date != nil {
		d = *e.Date
	} else if e.PubDate != nil {
		d = *e.PubDate
	}
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// days returns the number of days from a to b (negative when b is earlier);
// 0 when either does not parse.
func days(a, b string) int {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int(tb.Sub(ta).Hours() / 24)
}
