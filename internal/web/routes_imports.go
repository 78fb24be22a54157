package web

// importsAPI registers the imports operations of the JSON API (bearer tokens).
func importsAPI(r *router, a *api) {}

// importsPages registers the imports pages of the UI (sessions, CSRF).
func importsPages(r *router, u *ui) {}
