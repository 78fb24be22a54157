package web

import (
	"log/slog"

	"github.com/samenkoop/samenkoop/contracts"
)

// api holds what the JSON API handlers use.
type api struct {
	contracts *contracts.Service
	audit     AuditLog
	log       *slog.Logger
}
