package web

import (
	"log/slog"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// api holds what the JSON API handlers use.
type api struct {
	contracts   *contracts.Service
	procurement *procurement.Service
	audit       AuditLog
	log         *slog.Logger
	// imports bounds the spreadsheet imports, shared with the ui.
	imports *importGate
}
