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

// Batch is what Put stores atomically: a document, its events and its
// near-duplicate signature buckets.
type Batch struct {
	Doc     Document
	Events  []Event
	Buckets []uint64 // LSH band hashes of the document's MinHash signature
}

// Filter selects events or clusters. Zero fields select everything.
type Filter struct {
	Party    string    // involving this party (actor or recipient)
	Pair     [2]string // involving both
	Types    []record.Type
	Quad     record.Quad // 1–4
	Context  string
	From, To string // inclusive dates YYYY-MM-DD on the event date, else the publication date
	Text     string // words in the evidence sentence
	Lang     string
	Doc      string // a document Hash
	Limit    int    // 0: no limit
	Offset   int
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

// Store is mitra's record. All methods are safe for concurrent use.
type Store interface {
	// HasDocument reports whether a document with this content hash is stored.
	HasDocument(ctx context.Context, hash string) (bool, error)
	// Put stores a batch in one transaction: the document, its events (each
	// assigned to an existing compatible cluster or to a new one, see
	// SameAct) and its buckets, or nothing. Putting a document whose Hash is
	// stored changes nothing and returns added=false.
	Put(ctx context.Context, b *Batch) (added bool, err error)
	// NearDuplicates returns the hashes of stored documents that share at
	// least one bucket with buckets, most shared first.
	NearDuplicates(ctx context.Context, buckets []uint64) ([]string, error)
	// Document returns a stored document by Hash or by ID (the first stored
	// with that ID), or ErrNotFound.
	Document(ctx context.Context, key string) (*Document, error)
	// Events returns stored events matching f, ordered by date then id.
	Events(ctx context.Context, f Filter) ([]Event, error)
	// Clusters returns clusters with at least one event matching f, ordered
	// by date then id.
	Clusters(ctx context.Context, f Filter) ([]Cluster, error)
	// Links returns the clusters matching f (as Clusters selects them)
	// grouped by type, mode and set of parties: what a network needs,
	// without reading every cluster. It equals LinksOf(Clusters(f)).
	Links(ctx context.Context, f Filter) ([]Link, error)
	// RecordError remembers that an input failed, for Stats.
	RecordError(ctx context.Context, source, reason string) error
	Stats(ctx context.Context) (Stats, error)
	Close() error
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
