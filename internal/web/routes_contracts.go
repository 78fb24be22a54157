package web

// contractsAPI registers the contracts operations of the JSON API (bearer tokens).
func contractsAPI(r *router, a *api) {}

// contractsPages registers the contracts pages of the UI (sessions, CSRF).
func contractsPages(r *router, u *ui) {}
