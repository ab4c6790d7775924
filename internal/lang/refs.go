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
//
// Number may also be "home:CODES", a bare reference to a government
// ("Kerajaan", "pemerintah") that names the page's own state when it is one
// of CODES (comma-separated ISO alpha-3), or "none", words that refer to no
// party ("pemerintah daerah") and keep a shorter form from matching inside
// them.
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
		num := strings.TrimSpace(f[1])
		switch {
		case num == "plural":
			rf.Plural = true
		case num == "singular":
		case num == "none":
			rf.None = true
		case strings.HasPrefix(num, "home:"):
			rf.Home = true
			for _, c := range strings.Split(strings.TrimPrefix(num, "home:"), ",") {
				if !stateCode(c) {
					return fmt.Errorf("number %q: %q is not an ISO 3166-1 alpha-3 code", f[1], c)
				}
				rf.States = append(rf.States, c)
			}
		default:
			return fmt.Errorf("number %q: want plural, singular, home:CODES or none", f[1])
		}
		forms = append(forms, rf)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return actor.NewRefs(forms), nil
}

// stateCode reports whether c looks like an ISO 3166-1 alpha-3 code.
func stateCode(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}
