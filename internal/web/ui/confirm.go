package ui

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The confirmation pages of the steps that cannot be undone: publishing,
// cancelling, contracting and closing a tender, and every delete. Each is
// a GET page that works without JavaScript: it names the consequence in
// figures, and holds the POST form (with its CSRF token; the POST route
// keeps its own policy and checks) and a way back. The buttons on the
// other pages link here instead of posting at once.

// confirmPage is one confirmation.
type confirmPage struct {
	layout
	// Crumbs lead back to the thing confirmed.
	Crumbs []crumb
	// Consequences say what will happen, one sentence each.
	Consequences []string
	// Blocker says why the step will be refused as things stand, with a
	// link to fix it; the button stays, the service decides.
	Blocker, BlockerLink, BlockerLinkText string
	Action                                string
	Fields                                []hiddenField
	Submit                                string
	Danger                                bool
	Back                                  string
}

type crumb struct{ Href, Label string }

type hiddenField struct{ Name, Value string }

func (u *ui) renderConfirm(c *fiber.Ctx, p confirmPage) error {
	return c.Render("pages/confirm", p)
}

// irreversibleSteps are the lifecycle steps that go through a
// confirmation page.
var irreversibleSteps = []procurement.TenderStatus{procurement.TenderPublished, procurement.TenderCancelled,
	procurement.TenderContracted, procurement.TenderClosed}

// confirmPath is the confirmation page of moving tender id to to.
func confirmPath(id int64, to procurement.TenderStatus) string {
	return fmt.Sprintf("/aanbestedingen/%d/status/%s", id, url.PathEscape(string(to)))
}

// confirmTransition asks before a lifecycle step: what it freezes or
// creates, in figures.
func (u *ui) confirmTransition(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	t := v.Tender
	to := procurement.TenderStatus(c.Params("to"))
	if !slices.Contains(procurement.NextStatuses(t.Status), to) {
		return u.renderTender(c, fiber.StatusConflict, v, "", transitionRefusal(v, to, nil))
	}
	back := fmt.Sprintf("/aanbestedingen/%d", t.ID)
	p := confirmPage{layout: u.layout(c, tenderActionLabel(to)+": "+t.Title, "aanbestedingen"),
		Crumbs: []crumb{{"/aanbestedingen", "Aanbestedingen"}, {back, t.Title}},
		Action: back + "/status", Fields: []hiddenField{{"status", string(to)}}, Back: back,
		Submit: tenderActionLabel(to), Danger: to == procurement.TenderCancelled}
	n := len(v.Participants)
	switch to {
	case procurement.TenderPublished:
		p.Consequences = []string{
			fmt.Sprintf("%s %s vastgezet; daarna kan niemand meer instappen of uitstappen.", nl.Number(n), plural(n, "deelnemer wordt", "deelnemers worden")),
			"Volumes, mandaten, percelen, eisen en beoordelingen veranderen daarna niet meer.",
			"De publicatiedatum wordt vandaag: " + nl.Date(v.Today) + ".",
		}
		if m, ok := v.Plan.Milestone(procurement.MilestoneTenderDeadline); ok {
			p.Consequences = append(p.Consequences, "De inschrijvingstermijn sluit op "+nl.Date(m.Date)+".")
		}
	case procurement.TenderCancelled:
		p.Consequences = []string{
			"De aanbesteding stopt definitief: een geannuleerde aanbesteding gaat niet meer verder.",
			fmt.Sprintf("%s %s geen contract uit deze aanbesteding.", nl.Number(n), plural(n, "deelnemer krijgt", "deelnemers krijgen")),
		}
	case procurement.TenderContracted:
		calloffs := 0
		lots := map[int64]bool{}
		for _, l := range v.Lots {
			lots[l.ID] = l.VendorID != 0
		}
		for _, pt := range v.Participants {
			for _, vol := range pt.Volumes {
				if lots[vol.LotID] && (vol.Annual > 0 || vol.Quantity > 0) {
					calloffs++
				}
			}
		}
		p.Consequences = []string{
			fmt.Sprintf("Samenkoop zet %s in het contractenregister: één per deelnemer en gegund perceel met volume.", plural(calloffs, "1 nadere overeenkomst", nl.Number(calloffs)+" nadere overeenkomsten")),
			"Daarna kan de aanbesteding niet meer worden geannuleerd, alleen nog gesloten.",
		}
	case procurement.TenderClosed:
		p.Consequences = []string{"De aanbesteding wordt gesloten en alleen nog bewaard: er volgt geen stap meer."}
	default:
		p.Consequences = []string{fmt.Sprintf("De status wordt ‘%s’.", tenderStatusLabel(to))}
	}
	if hint := guardHint(v, to); hint != "" {
		p.Blocker = hint
	} else if to == procurement.TenderPublished {
		if _, err := u.procurement.CheckPublication(c.UserContext(), t.ID); err != nil {
			p.Blocker, p.BlockerLink, p.BlockerLinkText = refusalText(err), fmt.Sprintf("/aanbestedingen/%d/bewerken#tenderDeadline", t.ID), "Sluitingstermijn aanpassen"
		}
	}
	return u.renderConfirm(c, p)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func (u *ui) confirmDeleteTender(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	t := v.Tender
	back := fmt.Sprintf("/aanbestedingen/%d", t.ID)
	n := len(v.Participants)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, "Verwijderen: "+t.Title, "aanbestedingen"),
		Crumbs: []crumb{{"/aanbestedingen", "Aanbestedingen"}, {back, t.Title}},
		Consequences: []string{
			fmt.Sprintf("De aanbesteding ‘%s’ wordt verwijderd met %s, %s en %s.", t.Title,
				plural(len(v.Lots), "1 perceel", nl.Number(len(v.Lots))+" percelen"), plural(len(v.Requirements), "1 eis", nl.Number(len(v.Requirements))+" eisen"),
				plural(n, "1 deelnemer", nl.Number(n)+" deelnemers")),
			"Dit kan niet ongedaan worden gemaakt.",
		},
		Action: back + "/verwijderen", Submit: "Aanbesteding verwijderen", Danger: true, Back: back})
}

func (u *ui) confirmDeleteLot(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	lotID, err := strconv.ParseInt(c.Params("lot"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	i := slices.IndexFunc(v.Lots, func(l procurement.Lot) bool { return l.ID == lotID })
	if i < 0 {
		return fiber.ErrNotFound
	}
	l := v.Lots[i]
	with := 0
	for _, pt := range v.Participants {
		if _, ok := pt.Volume(l.ID); ok {
			with++
		}
	}
	back := fmt.Sprintf("/aanbestedingen/%d", v.Tender.ID)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, fmt.Sprintf("Perceel %d verwijderen", l.Number), "aanbestedingen"),
		Crumbs: []crumb{{"/aanbestedingen", "Aanbestedingen"}, {back, v.Tender.Title}},
		Consequences: []string{
			fmt.Sprintf("Perceel %d ‘%s’ wordt verwijderd.", l.Number, l.Title),
			fmt.Sprintf("%s %s hun volume in dit perceel kwijt.", nl.Number(with), plural(with, "deelnemer raakt", "deelnemers raken")),
		},
		Action: fmt.Sprintf("%s/percelen/%d/verwijderen", back, l.ID), Submit: fmt.Sprintf("Perceel %d verwijderen", l.Number), Danger: true, Back: back + "#percelen"})
}

func (u *ui) confirmDeleteRequirement(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	reqID, err := strconv.ParseInt(c.Params("requirement"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	i := slices.IndexFunc(v.Requirements, func(r procurement.Requirement) bool { return r.ID == reqID })
	if i < 0 {
		return fiber.ErrNotFound
	}
	r := v.Requirements[i]
	back := fmt.Sprintf("/aanbestedingen/%d", v.Tender.ID)
	n := len(r.Ratings)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, fmt.Sprintf("Eis %d verwijderen", r.Number), "aanbestedingen"),
		Crumbs: []crumb{{"/aanbestedingen", "Aanbestedingen"}, {back, v.Tender.Title}},
		Consequences: []string{
			fmt.Sprintf("Eis %d ‘%s’ wordt verwijderd.", r.Number, r.Text),
			fmt.Sprintf("%s van deelnemers %s mee weg.", plural(n, "1 beoordeling", nl.Number(n)+" beoordelingen"), plural(n, "gaat", "gaan")),
		},
		Action: fmt.Sprintf("%s/eisen/%d/verwijderen", back, r.ID), Submit: fmt.Sprintf("Eis %d verwijderen", r.Number), Danger: true, Back: back + "#eisen"})
}

func (u *ui) confirmRemoveParticipant(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	code := c.Params("code")
	i := slices.IndexFunc(v.Participants, func(p procurement.Participant) bool { return p.Organization == code })
	if i < 0 {
		return fiber.ErrNotFound
	}
	pt := v.Participants[i]
	back := fmt.Sprintf("/aanbestedingen/%d", v.Tender.ID)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, pt.Name+" uit de aanbesteding halen", "aanbestedingen"),
		Crumbs: []crumb{{"/aanbestedingen", "Aanbestedingen"}, {back, v.Tender.Title}},
		Consequences: []string{
			fmt.Sprintf("%s neemt niet meer deel aan ‘%s’.", pt.Name, v.Tender.Title),
			fmt.Sprintf("Het volume (%s per jaar), het mandaat (%s) en de beoordelingen van %s worden verwijderd.", nl.Money(pt.Annual()), nl.MandateStatus(pt.Mandate.Status), pt.Name),
		},
		Action: fmt.Sprintf("%s/deelnemers/%s/verwijderen", back, url.PathEscape(code)), Submit: pt.Name + " uit de aanbesteding halen", Danger: true,
		Back: back + "#deelnemers"})
}

func (u *ui) confirmDeleteContract(c *fiber.Ctx) error {
	d, err := u.loadContract(c)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/contracten/%d", d.ID)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, "Verwijderen: "+d.Title, "contracten"),
		Crumbs: []crumb{{"/contracten", "Contracten"}, {back, d.Number}},
		Consequences: []string{
			fmt.Sprintf("Het contract %s ‘%s’ van %s wordt verwijderd met %s.", d.Number, d.Title, d.OrganizationName,
				plural(len(d.Lines), "1 licentieregel", nl.Number(len(d.Lines))+" licentieregels")),
			"De signalen en agenda-items van dit contract vervallen. Dit kan niet ongedaan worden gemaakt.",
		},
		Action: back + "/verwijderen", Submit: "Contract verwijderen", Danger: true, Back: back})
}

func (u *ui) confirmDeleteVendor(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	v, err := u.contracts.Vendor(c.UserContext(), id)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/leveranciers/%d", id)
	name := v.Name
	if v.KVK != "" {
		name += " (KvK " + v.KVK + ")"
	}
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, "Verwijderen: "+v.Name, "leveranciers"),
		Crumbs: []crumb{{"/leveranciers", "Leveranciers"}, {back, v.Name}},
		Consequences: []string{
			fmt.Sprintf("De leverancier %s wordt uit het register verwijderd, voor alle organisaties.", name),
			"Dat kan alleen zolang geen contract en geen gegund perceel naar haar verwijst.",
		},
		Action: back + "/verwijderen", Submit: "Leverancier verwijderen", Danger: true, Back: back})
}

func (u *ui) confirmDeleteDemand(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	d, err := u.procurement.Demand(c.UserContext(), web.CurrentScope(c), id)
	if err != nil {
		return err
	}
	back := fmt.Sprintf("/behoefte/%d/bewerken", id)
	return u.renderConfirm(c, confirmPage{layout: u.layout(c, "Behoefte verwijderen", "behoefte"),
		Crumbs: []crumb{{"/behoefte", "Behoefte"}, {back, d.CategoryName}},
		Consequences: []string{
			fmt.Sprintf("De behoefte van %s in %s (%s %s) wordt verwijderd.", d.OrganizationName, d.CategoryName, nl.Number(d.Quantity), d.Unit),
			"Bundelvoorstellen tellen haar daarna niet meer mee.",
		},
		Action: fmt.Sprintf("/behoefte/%d/verwijderen", id), Submit: "Behoefte verwijderen", Danger: true, Back: back})
}
