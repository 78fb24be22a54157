package web

import (
	"net/http"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// dependencyIndexReaders may open /afhankelijkheid: every role that may
// read some organization's dependency (dependencyReaders). It names no
// organization: a scoped user gets its own, a user scoped to all a
// chooser.
var dependencyIndexReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleMember, auth.RoleFinance, auth.RoleManagement)

// spendPages registers the finance and dependency pages with the
// policies of the API they mirror (routes_spend.go): spend for finance,
// management, administrators and coordinators; an organization's
// dependency also for members, on their own organization; the cooperative
// overview for those roles when scoped to all organizations (the service
// answers 403 to a scoped one). The cooperative overview is registered
// before /afhankelijkheid/:code, so that "samenwerking" is not read as an
// organization code.
func spendPages(r *router, u *ui) {
	r.heavyPage(http.MethodGet, "/uitgaven", spendReaders, u.spend)
	r.heavyPage(http.MethodGet, "/afhankelijkheid", dependencyIndexReaders, u.dependencyIndex)
	r.heavyPage(http.MethodGet, "/afhankelijkheid/samenwerking", overviewReaders, u.concentration)
	r.heavyPage(http.MethodGet, "/afhankelijkheid/:code", dependencyReaders, u.dependency)
}
