package procurement_test

import (
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The package's own tests read warnings in Dutch through internal/nl,
// which they cannot import (it imports procurement): this file, in the
// external test package, hands it to them before any test runs.
func init() { procurement.SayWarning = nl.Warning }
