package web

// alertsAPI registers the alerts operations of the JSON API (bearer tokens).
func alertsAPI(r *router, a *api) {}

// alertsPages registers the alerts pages of the UI (sessions, CSRF).
func alertsPages(r *router, u *ui) {}
