package procurement_test

import (
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
)

// The tests of this package that read what the domain's values say in
// Dutch are external: they word the values with internal/nl, which
// imports this package.

// euro is one euro in cents.
const euro contracts.Money = 100

// hasText reports whether one of list contains sub.
func hasText(list []string, sub string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return strings.Contains(s, sub) })
}
