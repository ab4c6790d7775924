package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk visits the regular files below root in lexical order, as a crawl of
// a folder should: hidden files and folders (".name") are passed over,
// symbolic links are followed (a link at the root too), and skip(path)
// passes over files by name. Each failure (an unreadable folder or file) is
// reported to fail with its path and a short reason, and the walk goes on.
// visit returning false stops the walk.
func Walk(root string, skip func(path string) bool, fail func(path, reason string), visit func(path string, fi fs.FileInfo) bool) {
	start := root
	if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		// WalkDir does not follow a symbolic link, even at the root; a
		// trailing separator makes it walk the folder the link names.
		start = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(start, func(q string, de fs.DirEntry, err error) error {
		if err != nil {
			fail(q, reason(err))
			if de != nil && de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if q != start && strings.HasPrefix(de.Name(), ".") {
			if de.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if de.IsDir() || skip(q) {
			return nil
		}
		fi, err := os.Stat(q) // follows symbolic links
		if err != nil {
			fail(q, reason(err))
			return nil
		}
		if !fi.Mode().IsRegular() {
			return nil // sockets, devices, links to folders (no cycles)
		}
		if !visit(q, fi) {
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		fail(root, reason(err))
	}
}
