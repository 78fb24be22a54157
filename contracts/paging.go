package contracts

// The bounds of a page of any list. The page number stops at maxPage,
// which keeps the offset (page − 1) × page size far from overflow.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
	maxPage         = 1_000_000
)

// NormalizePage bounds a list's page and page size: the page counts from
// 1 (at most 1,000,000), the page size is DefaultPageSize when unset and
// at most MaxPageSize. Every list filter normalizes through it.
func NormalizePage(page, pageSize int) (int, int) {
	page = min(max(page, 1), maxPage)
	if pageSize < 1 {
		pageSize = DefaultPageSize
	}
	return page, min(pageSize, MaxPageSize)
}

// PageOffset returns the number of rows before page, at pageSize rows a
// page.
func PageOffset(page, pageSize int) int { return (page - 1) * pageSize }

// PageCount returns how many pages total rows fill at pageSize rows a
// page: at least one, an empty list being one empty page.
func PageCount(total, pageSize int) int {
	if pageSize < 1 {
		return 1
	}
	return max(1, (total+pageSize-1)/pageSize)
}
