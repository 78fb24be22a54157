package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// alertsAPI registers the alerts operations of the JSON API (bearer tokens).
func alertsAPI(r *router, a *api) {
	operation(r, huma.Operation{OperationID: "listAlerts", Method: http.MethodGet, Path: "/alerts",
		Summary: "List upcoming action dates, notice deadlines, option decisions and expiries, soonest first", Tags: []string{"alerts"},
		Description: "Each alert names its contract and says what must be done by when. A missed notice deadline is listed first, dated today. " +
			"A user scoped to one organization sees only that organization's alerts; naming another organization answers 403."},
		auth.AnyUser, a.listAlerts)
}

// alertsPages registers the alerts pages of the UI (sessions, CSRF). The
// dashboard's alerts are part of the start page (ui.go).
func alertsPages(r *router, u *ui) {
	// Public: calendar apps fetch the feed without a session; the secret
	// in the path is the credential, checked by the handler.
	r.page(http.MethodGet, "/agenda/:token.ics", auth.Public, u.calendarFeed)
	r.page(http.MethodPost, "/account/agenda", auth.AnyUser, u.createCalendarFeed)
	r.page(http.MethodPost, "/account/agenda/intrekken", auth.AnyUser, u.revokeCalendarFeed)
}
