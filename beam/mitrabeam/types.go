package mitrabeam

import (
	"bytes"
	"encoding/gob"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"mitra/internal/article"
	"mitra/internal/store"
	"mitra/internal/store/postgres"
)

// The elements between stages. They are encoded with gob, which carries
// every field of the store's types (pointers, nested and embedded
// structs, byte slices) as it is.

// input is one --input, numbered in the order given.
type input struct {
	Index   int
	Pattern string
}

// fileRef is one file to read: its input and its place in that input's
// expansion, then its number among all files (Index). Err names a failure
// to list it (the reason), which becomes an error of the run.
type fileRef struct {
	Input, Seq, Index int
	Path              string
	Size              int64 // -1 when unknown
	Err               string
}

type fileList struct{ Files []fileRef }

// page is a read and cleaned document at its place in the input.
type page struct {
	Order int64
	Doc   article.Doc
}

// failure is an input that could not be read or coded.
type failure struct {
	Order          int64
	Source, Reason string
}

// coded is a coded document; Source is the order of the document its
// mentions count for (its canonical one, else itself), set by the
// near-duplicate stage.
type coded struct {
	Order, Source int64
	Batch         store.Batch
	Text          string
}

// ref names a document by its order and hash.
type ref struct {
	Order int64
	Hash  string
}

// query asks whether the document Hash nearly duplicates the receiver; Rank
// is the receiver's place among Hash's candidates.
type query struct {
	Hash string
	Rank int
}

// text is a document's text at its order.
type text struct {
	Order int64
	Text  string
}

// candText is a candidate original of a document, with its text.
type candText struct {
	Rank  int
	Hash  string
	Order int64
	Text  string
}

// link says that the document Hash nearly duplicates the earlier Parent.
type link struct {
	Hash, Parent string
	ParentOrder  int64
}

// root is the canonical document of a copy.
type root struct {
	Hash  string
	Order int64
}

// mention is an event at its place in the input, with what its cluster
// counts: the key of the document it counts for, and the outlet.
type mention struct {
	Order  int64
	J      int
	DocSeq int64
	Source int64
	Outlet string
	Event  store.Event
}

// The rows the writers load.
type (
	docRow     struct{ postgres.LoadDoc }
	eventRow   struct{ postgres.LoadEvent }
	clusterRow struct{ postgres.LoadCluster }
	errorRow   struct{ postgres.LoadError }
)

// element is every type above; its coder is gob.
type element interface{ isElement() }

func (input) isElement()      {}
func (fileRef) isElement()    {}
func (fileList) isElement()   {}
func (page) isElement()       {}
func (failure) isElement()    {}
func (coded) isElement()      {}
func (ref) isElement()        {}
func (query) isElement()      {}
func (text) isElement()       {}
func (candText) isElement()   {}
func (link) isElement()       {}
func (root) isElement()       {}
func (mention) isElement()    {}
func (docRow) isElement()     {}
func (eventRow) isElement()   {}
func (clusterRow) isElement() {}
func (errorRow) isElement()   {}

func init() {
	for _, e := range []element{input{}, fileRef{}, fileList{}, page{}, failure{}, coded{}, ref{}, query{}, text{}, candText{},
		link{}, root{}, mention{}, docRow{}, eventRow{}, clusterRow{}, errorRow{}} {
		beam.RegisterType(reflect.TypeOf(e))
	}
	beam.RegisterCoder(reflect.TypeFor[element](), encodeElement, decodeElement)
}

func encodeElement(_ reflect.Type, v element) ([]byte, error) {
	var b bytes.Buffer
	err := gob.NewEncoder(&b).Encode(v)
	return b.Bytes(), err
}

func decodeElement(t reflect.Type, b []byte) (element, error) {
	p := reflect.New(t)
	if err := gob.NewDecoder(bytes.NewReader(b)).DecodeValue(p); err != nil {
		return nil, err
	}
	return p.Elem().Interface().(element), nil
}

// Keys in input order (see the package comment).
const (
	recordBits = 32 // records per file: 1<<32
	fileBits   = 18 // files per run: 1<<18
	eventBits  = 12 // events per document: 1<<12
)

// order returns the position of record rec of file file.
func order(file, rec int) int64 { return int64(file)<<recordBits | int64(rec) }

// docSeq returns the key of the document at order o.
func docSeq(o int64) int64 { return o + 1 }

// eventSeq returns the key of the j-th event of the document at order o.
func eventSeq(o int64, j int) int64 { return docSeq(o)<<eventBits | int64(j) }
