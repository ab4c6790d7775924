package ingest

import (
	"strings"
	"testing"
)

func TestTooDeep(t *testing.T) {
	tests := []struct {
		name string
		page string
		want bool
	}{
		{"nested divs", strings.Repeat("<div>", 200) + "x" + strings.Repeat("</div>", 200), true},
		{"closed divs", strings.Repeat("<div>x</div>", 2000), false},
		{"unclosed paragraphs", "<body>" + strings.Repeat("<p>x", 2000), false},
		{"unclosed list items", "<ul>" + strings.Repeat("<li>x<br>", 2000) + "</ul>", false},
		{"void elements", strings.Repeat("<img src=x><hr>", 2000), false},
		{"tags in a script", "<script>" + strings.Repeat("<div>", 2000) + "</script>", false},
		{"self-closing", strings.Repeat("<path d=\"M0\"/>", 2000), false}, // SVG
	}
	for _, tt := range tests {
		if got := tooDeep([]byte(tt.page), 100); got != tt.want {
			t.Errorf("%s: tooDeep = %v, want %v", tt.name, got, tt.want)
		}
	}
}
