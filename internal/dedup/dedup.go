// Package dedup finds near-duplicate pages (syndicated copies of one article
// under another header or footer) with MinHash signatures of word 3-shingles
// and locality-sensitive hashing (LSH) buckets.
//
// Everything here is deterministic across runs, processes and machines: the
// buckets are stored in the database and must match the buckets computed by
// a later run. That is why no seeded hash (hash/maphash) is used; the hash
// constants are fixed in this file and pinned by TestStableBuckets.
//
// Typical use by an ingester: look up the candidates that share a bucket,
// verify each exactly, and link the page to the first true match:
//
//	sig := dedup.Signature(doc.Text)
//	hashes, err := st.NearDuplicates(ctx, sig.Buckets())
//	// for each hash: d, err := st.Document(ctx, hash); if
//	// dedup.Jaccard(doc.Text, d.Text) >= dedup.Threshold, set doc.Canonical
//	// to d.Canonical (or d.Hash when that is empty) and stop.
package dedup

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// K is the number of MinHash values in a signature.
const K = 128

// LSH banding: Bands bands of Rows rows each (Bands×Rows = 120 of the K
// values; the other 8 still count in Similarity). Two pages whose shingle
// sets have Jaccard similarity J share at least one bucket with probability
//
//	P(J) = 1 − (1 − J^Rows)^Bands
//
// which for 24×5 gives
//
//	J     0.1     0.2    0.3    0.5    0.6    0.7    0.8
//	P   0.0002  0.008  0.057  0.53   0.86   0.988  0.99993
//
// The S-curve's midpoint, (1/Bands)^(1/Rows) ≈ 0.53, sits well below
// Threshold so that copies at or above it are candidates almost surely,
// while pages that merely share a topic (J under 0.05 in our tests) almost
// never are. Candidates are verified exactly with Jaccard, so a false
// candidate costs a look-up, not a wrong link. Each document stores Bands
// bucket rows.
const (
	Bands = 24
	Rows  = 5
)

// Threshold is the Jaccard similarity (exact, or estimated by Similarity) at
// or above which a page is taken as a near-duplicate of another. A 2.6 KB
// article under another site's header, byline and footer scores about 0.82
// against the original, and a rewrite of the same news by another outlet
// under 0.01 (see the tests); 0.7 leaves room for shorter articles, whose
// boilerplate weighs more, and for trimmed copies.
const Threshold = 0.7

// Sig is a MinHash signature: for each of K hash functions, the minimum hash
// over the text's shingles. A text with no words has the empty signature
// (every value math.MaxUint32), which is similar to nothing.
type Sig [K]uint32

// Signature returns the MinHash signature of text's word 3-shingles. Words
// are maximal runs of letters and digits, lower-cased; everything else
// (punctuation, dashes, quotes, invalid UTF-8) separates words, so
// "Kerja-sama, RI–Rusia" and "kerja sama ri rusia" shingle alike. A text of
// one or two words has a single shingle made of them.
func Signature(text string) Sig {
	// Collect the shingle hashes first, then take each hash function's
	// minimum over them: the inner loop keeps its coefficients and running
	// minimum in registers, about twice as fast as the shingle-major order.
	var buf [512]uint64
	hs := buf[:0]
	shingles(text, func(h uint64) { hs = append(hs, h) })
	var s Sig
	// Four hash functions at a time: four independent dependency chains.
	for i := 0; i < K; i += 4 {
		// Multiply-shift hashing (Dietzfelbinger et al.): the high 32 bits
		// of a·h+b, for odd a, form a 2-universal family.
		a0, a1, a2, a3 := mulA[i], mulA[i+1], mulA[i+2], mulA[i+3]
		b0, b1, b2, b3 := addB[i], addB[i+1], addB[i+2], addB[i+3]
		m0, m1, m2, m3 := uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64), uint64(math.MaxUint64)
		for _, h := range hs {
			m0 = min(m0, a0*h+b0)
			m1 = min(m1, a1*h+b1)
			m2 = min(m2, a2*h+b2)
			m3 = min(m3, a3*h+b3)
		}
		s[i], s[i+1], s[i+2], s[i+3] = uint32(m0>>32), uint32(m1>>32), uint32(m2>>32), uint32(m3>>32)
	}
	return s
}

// Empty reports whether s is the signature of a text with no words.
func (s *Sig) Empty() bool {
	for _, v := range s {
		if v != math.MaxUint32 {
			return false
		}
	}
	return true
}

// Buckets returns the signature's Bands LSH band hashes. Bucket i hashes
// rows [i·Rows, (i+1)·Rows) and carries i in its top byte, so buckets of
// different bands never collide; every bucket is below 2^63 and fits a
// signed 64-bit database integer. The empty signature has no buckets.
func (s Sig) Buckets() []uint64 {
	if s.Empty() {
		return nil
	}
	out := make([]uint64, Bands)
	for b := range out {
		h := uint64(fnvOffset)
		for _, v := range s[b*Rows : (b+1)*Rows] {
			for k := 0; k < 4; k++ {
				h ^= uint64(byte(v >> (8 * k)))
				h *= fnvPrime
			}
		}
		h = mix64(h)
		out[b] = uint64(b)<<56 | h&(1<<56-1)
	}
	return out
}

// Similarity estimates the Jaccard similarity of the texts behind two
// signatures: the share of the K positions where they agree. It is 0 when
// either signature is empty.
func Similarity(a, b Sig) float64 {
	if a.Empty() || b.Empty() {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / K
}

// Jaccard returns the Jaccard similarity of two texts' shingle sets,
// |A∩B| / |A∪B|, exact up to 64-bit hash collisions. It verifies LSH
// candidates. It is 0 when either text has no words.
func Jaccard(a, b string) float64 {
	sa := shingleSet(a)
	sb := shingleSet(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	if len(sa) > len(sb) {
		sa, sb = sb, sa
	}
	inter := 0
	for h := range sa {
		if _, ok := sb[h]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func shingleSet(text string) map[uint64]struct{} {
	set := make(map[uint64]struct{}, len(text)/6)
	shingles(text, func(h uint64) { set[h] = struct{}{} })
	return set
}

// FNV-1a 64-bit parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// shingles calls emit with the 64-bit hash of every word 3-shingle of text,
// in order (duplicates included), or of the one shorter shingle of a text
// with one or two words.
func shingles(text string, emit func(uint64)) {
	var w [3]uint64 // hashes of the last three words, oldest first
	n := 0          // words seen
	h := uint64(fnvOffset)
	inWord := false
	end := func() {
		w[0], w[1], w[2] = w[1], w[2], mix64(h)
		n++
		if n >= 3 {
			emit(shingle(w[0], w[1], w[2]))
		}
		h = fnvOffset
		inWord = false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				if inWord {
					end()
				}
				continue
			}
			h ^= uint64(c)
			h *= fnvPrime
			inWord = true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == utf8.RuneError || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			if inWord {
				end()
			}
			continue
		}
		r = unicode.ToLower(r)
		// Hash the rune's UTF-8 bytes so ASCII and non-ASCII words hash
		// the same way.
		var buf [utf8.UTFMax]byte
		for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
			h ^= uint64(b)
			h *= fnvPrime
		}
		inWord = true
	}
	if inWord {
		end()
	}
	switch n {
	case 1:
		emit(shingle(0, 0, w[2]))
	case 2:
		emit(shingle(0, w[1], w[2]))
	}
}

// shingle combines three word hashes, order-sensitively.
func shingle(a, b, c uint64) uint64 {
	return mix64(mix64(mix64(a)+b)*0x9e3779b97f4a7c15 + c)
}

// mix64 is SplitMix64's finaliser: a bijection that spreads every input bit
// over the output.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// The K hash functions' coefficients, drawn once from SplitMix64 with a fixed
// seed. Changing the seed or the generator changes every stored bucket.
var mulA, addB = func() (a, b [K]uint64) {
	state := uint64(0x6d69747261) // "mitra"
	next := func() uint64 {
		state += 0x9e3779b97f4a7c15
		return mix64(state)
	}
	for i := range a {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}()
