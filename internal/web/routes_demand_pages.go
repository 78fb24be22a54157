package web

import (
	"net/http"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// demandOverviewReaders may open demand per category across
// organizations: the coordinators and administrators who bundle it, and
// finance and management, who read it (a scoped one sees its own
// organization's). Members keep to their own list.
var demandOverviewReaders = auth.Allow(auth.RoleAdmin, auth.RoleCoordinator, auth.RoleFinance, auth.RoleManagement)

// demandPages registers the demand pages with the policy of the demand API
// (routes_tenders.go): every role reads the demand in its scope; members
// register and change their own organization's, administrators and
// coordinators any (the service checks the demand's organization against
// the user's scope and answers 403 for another's). The fixed paths come
// before the :id ones that would match them.
func demandPages(r *router, u *ui) {
	r.page(http.MethodGet, "/behoefte", auth.AnyUser, u.listDemand)
	r.page(http.MethodGet, "/behoefte/per-categorie", demandOverviewReaders, u.demandByCategory)
	r.page(http.MethodGet, "/behoefte/nieuw", demandEditors, u.newDemand)
	r.page(http.MethodPost, "/behoefte/nieuw", demandEditors, u.createDemand)
	r.page(http.MethodGet, "/behoefte/:id/bewerken", demandEditors, u.editDemand)
	r.page(http.MethodPost, "/behoefte/:id/bewerken", demandEditors, u.updateDemand)
	r.page(http.MethodPost, "/behoefte/:id/verwijderen", demandEditors, u.deleteDemand)
}
