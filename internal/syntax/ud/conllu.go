// Package ud reads Universal Dependencies treebanks (CoNLL-U) into gold
// sentences for training and testing the parser of package syntax, either on
// the treebank's own words or on the tokens mitra's tokeniser gives for the
// same text.
package ud

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Word is one syntactic word of a CoNLL-U sentence.
type Word struct {
	Form   string
	UPOS   string
	Head   int // 1-based; 0 for the root
	Deprel string
}

// Surface is one token of the text: either a single word or a multiword
// token (Indonesian "menyetujuinya" = "menyetujui" + "nya", English
// "don't" = "do" + "n't") covering words From..To (0-based, inclusive).
type Surface struct {
	Form       string
	From, To   int
	SpaceAfter bool
}

// Sentence is one CoNLL-U sentence.
type Sentence struct {
	ID      string // sent_id, or file:line when absent
	Words   []Word
	Surface []Surface
}

// ReadFile reads a CoNLL-U file.
func ReadFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read parses CoNLL-U from r; name is used in errors ("name:line: reason").
// Empty nodes (ids such as 8.1) are enhanced-graph material and are skipped.
func Read(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var out []Sentence
	var cur Sentence
	mwtEnd, mwtForm, mwtStart := 0, "", 0
	mwtSpace := true
	line, start := 0, 0
	flush := func() error {
		mwtEnd = 0
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		if cur.ID == "" {
			cur.ID = fmt.Sprintf("%s:%d", name, start)
		}
		for i, w := range cur.Words {
			if w.Head < 0 || w.Head > len(cur.Words) || w.Head == i+1 {
				return fmt.Errorf("%s: sentence %s word %d: head %d out of range", name, cur.ID, i+1, w.Head)
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if len(cur.Words) == 0 && cur.ID == "" {
			start = line
		}
		if s[0] == '#' {
			if v, ok := strings.CutPrefix(s, "# sent_id = "); ok {
				cur.ID = v
			}
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: %d fields, want 10", name, line, len(f))
		}
		id := f[0]
		if strings.IndexByte(id, '.') >= 0 {
			continue
		}
		spaceAfter := !strings.Contains(f[9], "SpaceAfter=No")
		if a, b, ok := strings.Cut(id, "-"); ok {
			from, err1 := strconv.Atoi(a)
			to, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || to < from || from != len(cur.Words)+1 {
				return nil, fmt.Errorf("%s:%d: bad multiword token id %q", name, line, id)
			}
			mwtStart, mwtEnd, mwtForm, mwtSpace = from, to, f[1], spaceAfter
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: bad word id %q (want %d)", name, line, id, len(cur.Words)+1)
		}
		head, err := strconv.Atoi(f[6])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad head %q", name, line, f[6])
		}
		cur.Words = append(cur.Words, Word{Form: f[1], UPOS: f[3], Head: head, Deprel: f[7]})
		switch {
		case n == mwtEnd:
			cur.Surface = append(cur.Surface, Surface{Form: mwtForm, From: mwtStart - 1, To: n - 1, SpaceAfter: mwtSpace})
		case n < mwtEnd:
		default:
			cur.Surface = append(cur.Surface, Surface{Form: f[1], From: n - 1, To: n - 1, SpaceAfter: spaceAfter})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// Text rebuilds the sentence's text from its surface tokens and returns the
// byte span of each surface token in it.
func (s *Sentence) Text() (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, len(s.Surface))
	for i, t := range s.Surface {
		spans[i][0] = b.Len()
		b.WriteString(t.Form)
		spans[i][1] = b.Len()
		if t.SpaceAfter && i < len(s.Surface)-1 {
			b.WriteByte(' ')
		}
	}
	return b.String(), spans
}
