package procurement

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// The note on a call-off contract still carries its date as Dutch text.
// It is to be worded by internal/nl like every other sentence (STYLE §14),
// and the helper below goes with it. Nothing else may use it; internal/nl
// writes dates.

// pendingDate writes d as 31-01-2026 (nl.Date).
func pendingDate(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d-%02d-%04d", d.Day(), int(d.Month()), d.Year())
}
