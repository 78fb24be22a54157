package procurement

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The stable key of a suggestion, by which a page links to it and a draft
// tender is made from it.

// BundleKey returns the key of a suggestion: "c<category>-<earliest needed
// start as YYYYMMDD>-w<window>", plus "-region-<slug>" or
// "-coop-<slug>" when grouped. Only letters a–z, digits and dashes occur,
// so the key fits in a URL path.
func BundleKey(categoryID int64, earliest contracts.Date, window int, grouping Grouping, group string) string {
	k := fmt.Sprintf("c%d-%04d%02d%02d-w%d", categoryID, earliest.Year(), earliest.Month(), earliest.Day(), window)
	switch grouping {
	case GroupRegion:
		k += "-region-" + bundleSlug(group)
	case GroupCooperation:
		k += "-coop-" + bundleSlug(group)
	}
	return k
}

var bundleKey = regexp.MustCompile(`^c([1-9][0-9]{0,17})-([0-9]{8})-w([0-9]{1,2})(?:-(region|coop)-([a-z0-9-]*))?$`)

// ParseBundleKey returns the category, window and grouping a key was made
// with. A malformed key is apperr.NotFound: no suggestion has it.
func ParseBundleKey(key string) (categoryID int64, window int, grouping Grouping, err error) {
	m := bundleKey.FindStringSubmatch(key)
	if m == nil {
		return 0, 0, "", fmt.Errorf("procurement: bundle key %q: %w", key, apperr.NotFound)
	}
	categoryID, _ = strconv.ParseInt(m[1], 10, 64)
	window, _ = strconv.Atoi(m[3])
	switch m[4] {
	case "region":
		grouping = GroupRegion
	case "coop":
		grouping = GroupCooperation
	}
	return categoryID, window, grouping, nil
}

// bundleSlug lowercases s and keeps letters a–z and digits, folding accents
// (é → e) and turning every other run into one dash; "" stays "".
func bundleSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		r = bundleFoldAccent(r)
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

var bundleAccents = []struct {
	base rune
	set  string
}{{'a', "àáâäã"}, {'e', "èéêë"}, {'i', "ìíîï"}, {'o', "òóôöõ"}, {'u', "ùúûü"}, {'y', "ÿý"}, {'c', "ç"}, {'n', "ñ"}}

// bundleFoldAccent maps the accented letters of Dutch and Frisian place names to
// their base letter.
func bundleFoldAccent(r rune) rune {
	if r < unicode.MaxASCII {
		return r
	}
	for _, f := range bundleAccents {
		if strings.ContainsRune(f.set, r) {
			return f.base
		}
	}
	return r
}
