package web

import (
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/samenkoop/samenkoop/internal/auth"
)

// Who may use the bundler (DESIGN §6, issue 8):
//   - every role reads the suggestions of its scope: administrators and
//     coordinators, and finance and management scoped to all, see every
//     suggestion; a member, and finance or management of one
//     organization, see the suggestions that include their organization,
//     with the other participants' contracts, vendors and values left out
//     (they see that others need the same, not what they pay whom).
//     Finance and management read them because the bundles are where next
//     years' spend and vendor dependency are decided;
//   - only administrators and coordinators turn a suggestion into a draft
//     tender (tenderRunners), as they create tenders.
var bundleReaders = auth.AnyUser

// bundleNote documents every bundler operation.
const bundleNote = "Suggestions are computed afresh on every request for today: contracts whose committed end + 1 day, and registered demand " +
	"whose desired start, fall within the horizon, clustered per category by needed start within the window; organizations already in a " +
	"joint tender of the category that has not led to contracts are left out. Money in euro cents " +
	"excluding VAT; benefit and term are estimates on the assumptions each suggestion lists."

// bundlesAPI registers the bundler's operations of the JSON API.
func bundlesAPI(r *router, a *api) {
	tags := []string{"bundles"}
	heavyOperation(r, huma.Operation{OperationID: "listBundles", Method: http.MethodGet, Path: "/bundles",
		Summary: "Suggested joint tenders, ranked by benefit and urgency", Tags: tags,
		Description: bundleNote + " A user scoped to one organization sees the suggestions that include it, other participants counted, never named."},
		bundleReaders, a.listBundles)
	heavyOperation(r, huma.Operation{OperationID: "createTenderFromBundle", Method: http.MethodPost, Path: "/bundles/{key}/tender",
		Summary: "Turn a suggestion into a draft joint tender", Tags: tags, DefaultStatus: http.StatusCreated,
		Description: bundleNote + " Creates, in one transaction, the draft tender with the suggested term, options and needed start, its " +
			"lots and every participant with a requested mandate and its annual value per lot; its plan equals the suggestion's. " +
			"A key no suggestion has (any more) answers 404."},
		tenderRunners, a.createBundleTender)
}

// bundlesPages registers the bundler's page with the policies of the API
// it mirrors: everyone reads the suggestions of its scope, administrators
// and coordinators make a draft tender of one.
func bundlesPages(r *router, u *ui) {
	r.heavyPage(http.MethodGet, "/bundels", bundleReaders, u.bundles)
	r.heavyPage(http.MethodPost, "/bundels/:key/aanbesteding", tenderRunners, u.createBundleTender)
}
