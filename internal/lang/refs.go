package lang

import (
	"fmt"
	"io/fs"
	"strings"

	"mitra/internal/actor"
)

// loadRefs reads refs.tsv: phrases that refer back to parties named earlier
// ("kedua negara", "the two leaders", "negara * itu"), one per line as
// form<TAB>number, number "plural" (the two parties last named) or
// "singular" (the last one). In a form, "*" stands for one to three
// capitalised words ("negara Afrika Barat itu").
func loadRefs(fsys fs.FS) (*actor.Refs, error) {
	var forms []actor.RefForm
	err := eachLine(fsys, RefsFile, func(n int, f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want form<TAB>number, got %d fields", len(f))
		}
		var keys []string
		for _, w := range strings.Fields(f[0]) {
			if w == "*" {
				keys = append(keys, actor.RefWild)
				continue
			}
			keys = append(keys, strings.Fields(normForm(w))...)
		}
		if len(keys) == 0 || keys[0] == actor.RefWild {
			return fmt.Errorf("form %q must start with a word", f[0])
		}
		rf := actor.RefForm{Keys: keys}
		switch strings.TrimSpace(f[1]) {
		case "plural":
			rf.Plural = true
		case "singular":
		default:
			return fmt.Errorf("number %q: want plural or singular", f[1])
		}
		forms = append(forms, rf)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return actor.NewRefs(forms), nil
}
