package syntax

// Feature keys are 32-bit hashes of a template number and the values it
// reads. Collisions between features are rare at the sizes trained here and
// cost little; they are the price of a table with no strings in it.

func fin(x uint64) uint32 {
	x ^= x >> 31
	x *= 0xBF58476D1CE4E5B9
	k := uint32(x >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

func f1(t, a uint64) uint32 { return fin((t*mixK ^ a) * 0x94D049BB133111EB) }

func f2(t, a, b uint64) uint32 {
	x := (t*mixK ^ a) * 0x94D049BB133111EB
	return fin((x ^ b) * mixK)
}

func f3(t, a, b, c uint64) uint32 {
	x := (t*mixK ^ a) * 0x94D049BB133111EB
	x = (x ^ b) * mixK
	return fin((x ^ c) * 0x94D049BB133111EB)
}

// Sentinel attributes for positions outside the sentence and for the root.
var (
	attrNone = attr{word: 0x1111, pre: [4]uint64{1, 2, 3, 4}, suf: [4]uint64{5, 6, 7, 8}, shape: 9, affix: 0, flags: 64}
	attrRoot = attr{word: 0x2222, pre: [4]uint64{11, 12, 13, 14}, suf: [4]uint64{15, 16, 17, 18}, shape: 19, affix: 0, flags: 128}
)

// Tag values for positions outside the sentence and the root, beyond UPOS.
const (
	tagNone = uint64(numTags) + 1
	tagRoot = uint64(numTags) + 2
)

// tagFeatures appends the tagger's features for token i; tags holds the
// tags already given to tokens before i.
func tagFeatures(dst []uint32, a []attr, tags []UPOS, i int, affix bool) []uint32 {
	at := func(j int) *attr {
		if j < 0 || j >= len(a) {
			return &attrNone
		}
		return &a[j]
	}
	tg := func(j int) uint64 {
		if j < 0 {
			return tagNone
		}
		return uint64(tags[j])
	}
	w := &a[i]
	p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
	t1, t2 := tg(i-1), tg(i-2)
	dst = append(dst,
		f1(1, 0),
		f1(2, w.word),
		f1(4, w.suf[1]), f1(5, w.suf[2]), f1(6, w.suf[3]),
		f1(8, w.pre[1]), f1(9, w.pre[2]), f1(10, w.pre[3]),
		f1(11, w.shape), f1(12, w.flags),
		f1(13, t1), f2(15, t1, t2), f2(16, t1, w.word),
		f1(17, p1.word), f1(18, p1.suf[2]), f1(19, p2.word),
		f1(20, n1.word), f1(21, n1.suf[2]), f1(22, n2.word),
		f2(23, p1.word, w.word), f2(24, w.word, n1.word),
		f2(25, t1, w.suf[2]),
	)
	if affix {
		dst = append(dst, f1(29, w.affix), f2(30, w.affix, t1), f1(31, n1.affix))
	}
	return dst
}
