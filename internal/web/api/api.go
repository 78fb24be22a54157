// Package api is Samenkoop's JSON API under /api/v1: the huma operations,
// their input and output types (the OpenAPI document describes them, so
// they are the contract) and the handlers. routes.go lists every
// operation with who may call it.
package api

import (
	"log/slog"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// New returns the JSON API for web.New.
func New() web.Surface { return web.SurfaceFunc(routes) }

// api holds what the JSON API handlers use.
type api struct {
	contracts   *contracts.Service
	procurement *procurement.Service
	audit       web.AuditLog
	log         *slog.Logger
	// imports bounds the spreadsheet imports, shared with the ui.
	imports *web.Imports
	// opts are the app's options: the tender downloads name the OCDS
	// prefix.
	opts web.Options
}
