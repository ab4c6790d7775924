package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDistFresh fails when dist/ was not rebuilt after a change to the
// page's sources: dist/BUILD holds the hash build.mjs computed of them.
func TestDistFresh(t *testing.T) {
	files := []string{"build.mjs", "package.json", "package-lock.json"}
	src, err := os.ReadDir("src")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range src {
		files = append(files, "src/"+e.Name())
	}
	slices.Sort(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.FromSlash(f))
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(f + "\x00"))
		h.Write(b)
		h.Write([]byte{0})
	}
	want := hex.EncodeToString(h.Sum(nil))
	got, err := fs.ReadFile(FS(), "BUILD")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(got)) != want {
		t.Errorf("dist/ is stale: built from inputs %s, sources now hash to %s; run `cd internal/web && npm ci && npm run build`", strings.TrimSpace(string(got)), want)
	}
}

// TestDist checks the embedded build: the page, its script and style, gzip
// copies equal to the originals, the licences, and the world shapes keyed
// by alpha-3 codes without rings that jump across the map.
func TestDist(t *testing.T) {
	page := FS()
	index, err := fs.ReadFile(page, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{`src="app.js"`, `href="app.css"`} {
		if !bytes.Contains(index, []byte(ref)) {
			t.Errorf("index.html lacks %s", ref)
		}
	}
	for _, name := range []string{"app.js", "app.css", "world.json"} {
		orig, err := fs.ReadFile(page, name)
		if err != nil {
			t.Fatal(err)
		}
		gz, err := fs.ReadFile(page, name+".gz")
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatalf("%s.gz: %v", name, err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(plain, orig) {
			t.Errorf("%s.gz does not decompress to %s (%v)", name, name, err)
		}
		t.Logf("%-10s %8d bytes, %7d gzip", name, len(orig), len(gz))
	}
	legal, err := fs.ReadFile(page, "THIRD_PARTY.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"cytoscape@", "echarts@", "zrender@", "topojson-client@", "world-atlas@"} {
		if !bytes.Contains(legal, []byte("==== "+p)) {
			t.Errorf("THIRD_PARTY.txt lacks %s", p)
		}
	}

	raw, err := fs.ReadFile(page, "world.json")
	if err != nil {
		t.Fatal(err)
	}
	var geo struct {
		Features []struct {
			Properties struct{ ISO, Name string }
			Geometry   struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(raw, &geo); err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, f := range geo.Features {
		codes[f.Properties.ISO] = true
		var rings [][][2]float64
		switch f.Geometry.Type {
		case "Polygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &rings)
		case "MultiPolygon":
			var polys [][][][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
			for _, p := range polys {
				rings = append(rings, p...)
			}
		default:
			t.Errorf("%s: geometry %s", f.Properties.Name, f.Geometry.Type)
		}
		if err != nil {
			t.Fatalf("%s: %v", f.Properties.Name, err)
		}
		for _, r := range rings {
			for i := 1; i < len(r); i++ {
				if math.Abs(r[i][0]-r[i-1][0]) > 180 {
					t.Errorf("%s (%s): a ring jumps from %v to %v across the map", f.Properties.Name, f.Properties.ISO, r[i-1], r[i])
					break
				}
			}
		}
	}
	if len(geo.Features) < 170 {
		t.Errorf("world.json has %d countries", len(geo.Features))
	}
	for _, c := range []string{"RUS", "MLI", "FRA", "NER", "USA", "CHN", "IDN", "MYS", "FJI", "XKX"} {
		if !codes[c] {
			t.Errorf("world.json lacks %s", c)
		}
	}
}
