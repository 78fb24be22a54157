package contracts

import "fmt"

// Two error messages still carry a date as Dutch text: Contract.Validate's
// maxEnd problem (the forms quote the date back) and the import's
// implausible date. They become codes with arguments that internal/nl
// words, like every other sentence (STYLE §14), and pendingDate goes with
// them. Nothing else may use it; internal/nl writes dates.

// pendingDate writes d as 31-01-2026 (nl.Date).
func pendingDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d-%04d", d.Day(), int(d.Month()), d.Year())
}
