package ui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The start page lists the newest tenders of the user's scope: a few for
// those who see every tender (the counts per status say the rest), more
// for a scoped user, whose organization takes part in only some.
const (
	dashboardTendersAll    = 5
	dashboardTendersScoped = 10
)

// tenderSection is the start page's block on joint tenders (issue 8:
// participants are told on their dashboard).
type tenderSection struct {
	// Scoped: the user acts for its own organization; the section shows
	// the tenders it takes part in or leads, with its own mandate.
	Scoped bool
	Total  int
	// Counts per status, each linking to the filtered tender list.
	Counts []tenderCount
	Rows   []dashboardTenderRow
	// Hidden counts the tenders in scope beyond the rows.
	Hidden int
	// MandateNotices are the tenders before publication that wait for the
	// own organization's mandate.
	MandateNotices []mandateNotice
	// ListURL is the tender list of the user's scope.
	ListURL string
}

type tenderCount struct {
	Label, URL string
	N          int
}

// dashboardTenderRow is a tender as the start page lists it.
type dashboardTenderRow struct {
	URL, Title, Status, Lead string
	Participants, Signed     int
	// Role and Mandate are the own organization's part in the tender, for
	// a scoped user; MandateOpen marks a mandate still to sign.
	Role, Mandate string
	MandateOpen   bool
}

// mandateNotice asks the own organization to sign its mandate: "Uw
// organisatie is opgenomen in de conceptaanbesteding <Title>".
type mandateNotice struct {
	Phrase, URL, Title string
}

// homeTenders loads the start page's tender block for the user's scope in
// one service call.
func (u *ui) homeTenders(c *fiber.Ctx) (tenderSection, error) {
	scope := web.CurrentScope(c)
	newest := dashboardTendersAll
	if !scope.All() {
		newest = dashboardTendersScoped
	}
	ov, err := u.procurement.TenderOverview(c.UserContext(), scope, newest)
	if err != nil {
		return tenderSection{}, err
	}
	sec := tenderSection{Scoped: !scope.All(), Total: ov.Total, Hidden: ov.Total - len(ov.Newest), ListURL: "/aanbestedingen"}
	if sec.Scoped {
		sec.ListURL += "?mijn=1"
	}
	for _, sc := range ov.ByStatus {
		q := url.Values{"status": {string(sc.Status)}}
		if sec.Scoped {
			q.Set("mijn", "1")
		}
		sec.Counts = append(sec.Counts, tenderCount{Label: tenderStatusLabel(sc.Status), URL: "/aanbestedingen?" + q.Encode(), N: sc.N})
	}
	for _, p := range ov.AwaitingMandate {
		phrase := "is opgenomen in de aanbesteding"
		if p.Status == procurement.TenderDraft {
			phrase = "is opgenomen in de conceptaanbesteding"
		}
		sec.MandateNotices = append(sec.MandateNotices, mandateNotice{Phrase: phrase, URL: fmt.Sprintf("/aanbestedingen/%d", p.ID), Title: p.Title})
	}
	for _, p := range ov.Newest {
		row := dashboardTenderRow{URL: fmt.Sprintf("/aanbestedingen/%d", p.ID), Title: p.Title, Status: tenderStatusLabel(p.Status),
			Lead: p.LeadName, Participants: p.Participants, Signed: p.Signed}
		if sec.Scoped {
			row.Role, row.Mandate, row.MandateOpen = ownPart(p)
		}
		sec.Rows = append(sec.Rows, row)
	}
	return sec, nil
}

// ownPart says in Dutch how the own organization takes part in a tender:
// its role, the state of its mandate, and whether that mandate is still
// to sign before publication.
func ownPart(p procurement.TenderParticipation) (role, mandate string, open bool) {
	var roles []string
	if p.Leads {
		roles = append(roles, "penvoerder")
	}
	if len(p.Own) > 0 {
		roles = append(roles, "deelnemer")
		mandate = nl.MandateStatus(p.Own[0].Mandate.Status)
	}
	return strings.Join(roles, " en "), mandate, p.MandatePending()
}
