package syntax

import (
	"bufio"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
)

// The model file is a plain-text header of lines starting with "#" (so
// `head` shows what the file is), then the payload: the magic "MSYN", a
// format version byte, the length of the deflated body, the deflated body and
// the CRC-32 of the body. Weights are stored as sorted, delta-coded keys and
// 8- or 16-bit rows.

const (
	magic         = "MSYN"
	formatVersion = 1
	// featureVersion names the feature templates and hashing (attr.go,
	// feature.go, parser.go): a model only works with the features it was
	// trained on, so any change to them must bump this and retrain.
	featureVersion = 1
)

// ErrFormat reports a file that is not a syntax model, or a damaged one.
var ErrFormat = errors.New("not a mitra syntax model")

// LoadFile reads a model from name in fsys.
func LoadFile(fsys fs.FS, name string) (*Model, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("syntax model: %w", err)
	}
	defer f.Close()
	m, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("syntax model %s: %w", name, err)
	}
	return m, nil
}

// Load reads a model written by Write.
func Load(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	var header strings.Builder
	for {
		c, err := br.Peek(1)
		if err != nil {
			return nil, fmt.Errorf("%w: no payload after the header", ErrFormat)
		}
		if c[0] != '#' {
			break
		}
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("%w: header line without end", ErrFormat)
		}
		header.WriteString(line)
	}
	var head [9]byte
	if _, err := io.ReadFull(br, head[:]); err != nil || string(head[:4]) != magic {
		return nil, fmt.Errorf("%w: no %s magic after the header", ErrFormat, magic)
	}
	if head[4] != formatVersion {
		return nil, fmt.Errorf("%w: format version %d, this build reads %d", ErrFormat, head[4], formatVersion)
	}
	size := binary.LittleEndian.Uint32(head[5:])
	if size > 1<<30 {
		return nil, fmt.Errorf("%w: body of %d bytes", ErrFormat, size)
	}
	body := make([]byte, size+4)
	if _, err := io.ReadFull(br, body); err != nil {
		return nil, fmt.Errorf("%w: truncated body: %v", ErrFormat, err)
	}
	sum := binary.LittleEndian.Uint32(body[size:])
	body = body[:size]
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch (damaged file)", ErrFormat)
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(body)), 1<<31))
	if err != nil {
		return nil, fmt.Errorf("%w: inflate: %v", ErrFormat, err)
	}
	m := &Model{Header: header.String()}
	d := decoder{b: raw}
	if err := m.decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, d.err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the body", ErrFormat, len(d.b))
	}
	return m, nil
}

// Write writes m with the given header (lines without their "#" are given
// one) to w.
func (m *Model) Write(w io.Writer, header string) error {
	var hb strings.Builder
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if !strings.HasPrefix(line, "#") {
			line = "# " + line
		}
		hb.WriteString(strings.TrimRight(line, " "))
		hb.WriteByte('\n')
	}
	var e encoder
	m.encode(&e)
	var body bytes.Buffer
	zw, err := flate.NewWriter(&body, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(e.b); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	out := []byte(hb.String())
	out = append(out, magic...)
	out = append(out, formatVersion)
	out = binary.LittleEndian.AppendUint32(out, uint32(body.Len()))
	out = append(out, body.Bytes()...)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body.Bytes()))
	_, err = w.Write(out)
	return err
}

func (m *Model) encode(e *encoder) {
	e.uvar(featureVersion)
	e.str(m.Lang)
	e.bool(m.affix)
	e.uvar(uint64(len(m.labels)))
	for _, r := range m.labels {
		e.str(r.String())
	}
	// Tag dictionary, in key order.
	type kt struct {
		k uint32
		t UPOS
	}
	var dict []kt
	for i, k := range m.dict.keys {
		if k != 0 {
			dict = append(dict, kt{k, m.dict.tags[i]})
		}
	}
	slices.SortFunc(dict, func(a, b kt) int { return int(int64(a.k) - int64(b.k)) })
	e.uvar(uint64(len(dict)))
	prev := uint32(0)
	for _, x := range dict {
		e.uvar(uint64(x.k - prev))
		prev = x.k
		e.b = append(e.b, byte(x.t))
	}
	for dir := range m.fixed {
		for ht := range m.fixed[dir] {
			for _, r := range m.fixed[dir][ht] {
				e.b = append(e.b, byte(slices.Index(m.labels, r)+1))
			}
		}
	}
	for _, w := range []*weights{&m.tagW, &m.moveW, &m.relW} {
		w.encode(e)
	}
}

func (m *Model) decode(d *decoder) error {
	if v := d.uvar(); v != featureVersion {
		return fmt.Errorf("trained on feature set %d, this build computes set %d: retrain it with go run ./cmd/mitra-train", v, featureVersion)
	}
	m.Lang = d.str()
	m.affix = d.bool()
	nl := d.uvar()
	if nl > uint64(numRels) {
		return fmt.Errorf("%d labels", nl)
	}
	m.rootL = -1
	for i := 0; i < int(nl); i++ {
		s := d.str()
		r, ok := ParseRel(s)
		if !ok {
			return fmt.Errorf("unknown relation %q", s)
		}
		if r == Root {
			m.rootL = i
		}
		m.labels = append(m.labels, r)
	}
	nd := d.uvar()
	if nd > 1<<24 {
		return fmt.Errorf("%d dictionary words", nd)
	}
	keys := make([]uint32, 0, nd)
	tags := make([]UPOS, 0, nd)
	prev := uint32(0)
	for i := uint64(0); i < nd && d.err == nil; i++ {
		prev += uint32(d.uvar())
		t := UPOS(d.byte())
		if t == NoTag || t >= numTags {
			return fmt.Errorf("dictionary tag %d", t)
		}
		keys, tags = append(keys, prev), append(tags, t)
	}
	m.dict.build(keys, tags)
	for dir := range m.fixed {
		for ht := range m.fixed[dir] {
			for dt := range m.fixed[dir][ht] {
				c := int(d.byte())
				if c > len(m.labels) || c-1 == m.rootL {
					return fmt.Errorf("fixed label %d", c)
				}
				if c > 0 {
					m.fixed[dir][ht][dt] = m.labels[c-1]
				}
			}
		}
	}
	for i, w := range []*weights{&m.tagW, &m.moveW, &m.relW} {
		if err := w.decode(d); err != nil {
			return fmt.Errorf("weights %d: %w", i, err)
		}
	}
	if m.tagW.nclass != int(numTags)-1 || m.moveW.nclass != numMoves || m.relW.nclass != len(m.labels) {
		return fmt.Errorf("class counts %d/%d/%d do not match the model", m.tagW.nclass, m.moveW.nclass, m.relW.nclass)
	}
	return d.err
}

func (w *weights) encode(e *encoder) {
	keys, vals := w.entries()
	e.uvar(uint64(w.nclass))
	e.uvar(uint64(len(keys)))
	e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(w.scale))
	prev := uint32(0)
	for _, k := range keys {
		e.uvar(uint64(k - prev))
		prev = k
	}
	// Weights class-major: one class's weights together compress better.
	for c := 0; c < w.nclass; c++ {
		for r := range keys {
			e.b = binary.LittleEndian.AppendUint16(e.b, uint16(int16(vals[r*w.nclass+c])))
		}
	}
}

func (w *weights) decode(d *decoder) error {
	nc, rows := d.uvar(), d.uvar()
	if nc == 0 || nc > 256 || rows > 1<<26 {
		return fmt.Errorf("%d classes, %d rows", nc, rows)
	}
	w.nclass = int(nc)
	w.scale = math.Float32frombits(d.u32())
	keys := make([]uint32, rows)
	prev := uint32(0)
	for r := range keys {
		delta := d.uvar()
		if r > 0 && delta == 0 || uint64(prev)+delta > math.MaxUint32 {
			return fmt.Errorf("keys out of order at row %d", r)
		}
		prev += uint32(delta)
		if prev == 0 {
			return fmt.Errorf("zero key at row %d", r)
		}
		keys[r] = prev
	}
	if d.err != nil {
		return d.err
	}
	if uint64(len(d.b)) < 2*rows*nc {
		return fmt.Errorf("truncated weights")
	}
	lv := int32(w.levels())
	vals := make([]int32, int(rows)*w.nclass)
	for c := 0; c < w.nclass; c++ {
		for r := 0; r < int(rows); r++ {
			v := int32(int16(d.u16()))
			if v < -lv || v > lv {
				return fmt.Errorf("weight %d out of range", v)
			}
			vals[r*w.nclass+c] = v
		}
	}
	w.build(keys, vals)
	return d.err
}

type encoder struct{ b []byte }

func (e *encoder) uvar(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string)  { e.uvar(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// decoder reads what encoder wrote; the first error sticks and later reads
// return zeros.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("truncated at %s", what)
	}
	d.b = nil
}

func (d *decoder) uvar() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail("byte")
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) u16() uint16 {
	if len(d.b) < 2 {
		d.fail("uint16")
		return 0
	}
	v := binary.LittleEndian.Uint16(d.b)
	d.b = d.b[2:]
	return v
}

func (d *decoder) u32() uint32 {
	if len(d.b) < 4 {
		d.fail("uint32")
		return 0
	}
	v := binary.LittleEndian.Uint32(d.b)
	d.b = d.b[4:]
	return v
}

func (d *decoder) bool() bool { return d.byte() != 0 }

func (d *decoder) str() string {
	n := d.uvar()
	if n > uint64(len(d.b)) {
		d.fail("string")
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}
