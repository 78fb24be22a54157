package ui

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The joint-tender pages (issue 5): the list, the tender with its plan,
// participants, lots, requirements, current contracts and call-offs, and
// the forms that change them (tenders_forms.go and the files it names). They ask the same
// service methods as the API with the same scope, so what a page shows is
// what the API answers.

// mayRunTenders reports whether u runs tenders (terms, lots,
// requirements, the lifecycle, any participant).
func mayRunTenders(u *auth.User) bool { return u != nil && web.TenderRunners.Check(u, "") == nil }

// mayParticipate reports whether u may act for org in a tender: runners
// for any organization, a member for its own.
func mayParticipate(u *auth.User, org string) bool {
	return u != nil && web.TenderParticipants.Check(u, org) == nil
}

type tenderListPage struct {
	layout
	Q          string
	Mine       bool
	Scoped     bool // the user acts for one organization: "alleen mijn organisatie" applies
	Statuses   []option
	Categories []option
	Rows       []procurement.TenderSummary
	Total      int
	Pager      pager
	Filtered   bool
	Notices    []string
	CanCreate  bool
}

func (u *ui) listTenders(c *fiber.Ctx) error {
	ctx, user := c.UserContext(), web.CurrentUser(c)
	page, _ := strconv.Atoi(c.Query("pagina", "1"))
	f := procurement.TenderFilter{Q: strings.TrimSpace(c.Query("q")), Page: page, PageSize: 50}
	if utf8.RuneCountInString(f.Q) > 100 {
		f.Q = string([]rune(f.Q)[:100])
	}
	// Unknown filter values from a hand-edited URL are dropped with a
	// notice, as on the other lists.
	var notes []string
	if s := c.Query("status"); s != "" {
		if f.Status = procurement.TenderStatus(s); !f.Status.Valid() {
			f.Status, notes = "", append(notes, "Onbekende status genegeerd.")
		}
	}
	if s := c.Query("categorie"); s != "" {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			f.CategoryID = id
		} else {
			notes = append(notes, "Onbekende categorie genegeerd.")
		}
	}
	scoped := user != nil && !user.AllOrganizations()
	mine := scoped && c.Query("mijn") != ""
	f.Mine = mine
	f = f.Normalize()
	res, err := u.procurement.Tenders(ctx, web.CurrentScope(c), f)
	if err != nil {
		return err
	}
	cats, err := u.categoryOptions(ctx, f.CategoryID)
	if err != nil {
		return err
	}
	query := url.Values{"q": {f.Q}, "status": {string(f.Status)}}
	if f.CategoryID > 0 {
		query.Set("categorie", strconv.FormatInt(f.CategoryID, 10))
	}
	if mine {
		query.Set("mijn", "1")
	}
	p := tenderListPage{
		layout: u.layout(c, "Aanbestedingen", "aanbestedingen"), Q: f.Q, Mine: mine, Scoped: scoped, Categories: cats,
		Rows: res.Items, Total: res.Total, Pager: newPager("/aanbestedingen", query, f.Page, f.PageSize, res.Total),
		Filtered: f.Q != "" || f.Status != "" || f.CategoryID > 0 || mine, Notices: notes, CanCreate: mayRunTenders(user),
	}
	for _, s := range procurement.TenderStatuses() {
		p.Statuses = append(p.Statuses, option{string(s), tenderStatusLabel(s), s == f.Status})
	}
	if c.Query("melding") == "verwijderd" {
		p.Notices = append(p.Notices, "De aanbesteding is verwijderd.")
	}
	return c.Render("pages/tenders_list", p)
}

type lotRow struct {
	procurement.LotSummary
	Edit lotFormView
}

type lotHead struct {
	Number int
	Title  string
	Unit   string
}

// participantRow is one participant as the table shows it; the strings
// are formatted here so that 283 rows stay cheap to render.
type participantRow struct {
	Code, Name string
	SizeLabel  string
	Province   string
	Volumes    []string // quantity per lot, in lot order
	Annual     contracts.Money
	Mandate    procurement.Mandate
	Status     string
	Body       string
	Scope      string
	Signed     bool
	Revoked    bool
	// Manage: the user may open the participant's forms (runners).
	Manage bool
}

// requirementRow is a requirement with its consolidated priority, as the
// consolidated view shows it.
type requirementRow struct {
	procurement.Consolidation
	KindLabel     string
	PriorityLabel string
	// Reason states why the priority was chosen.
	Reason    string
	Shares    []shareCell
	ByClass   []classCell
	MustNames []string
	MustMore  int
	WontNames []string
	WontMore  int
	// MustByNames lists who rates it must when there is no conflict (a
	// conflict lists its sides): a must of any participant stays visible.
	MustByNames []string
	MustByMore  int
	Edit        requirementFormView
}

type shareCell struct {
	Label        string
	Participants int
	Percent      string
}

type classCell struct {
	Label      string
	Must, Wont int
}

// sideNamesShown bounds the names a conflict lists per side on the
// tender page; the rating matrix has all of them.
const sideNamesShown = 10

// gapCounts sums up the current contracts against the planned start.
type gapCounts struct {
	None, Fits, Overlap, Open, Bridgeable, AtRisk, Unknown int
}

type callOffRow struct {
	LotNumber  int
	LotTitle   string
	Code, Name string
	ContractID int64
	Number     string
	Link       bool
}

type tenderDetailPage struct {
	layout
	V    procurement.TenderView
	T    procurement.Tender
	Plan procurement.Plan
	// ProcedureEuropean: the determined procedure is a European one.
	ProcedureEuropean bool
	Steps             []lifecycleStep
	Cancelled         bool
	Actions           []statusAction
	CanRun            bool
	Editable          bool
	Joinable          bool
	CanDelete         bool
	Lots              []lotRow
	LotHeads          []lotHead
	AnnualTotal       contracts.Money
	NewLot            lotFormView
	Timeline          template.HTML
	Participants      []participantRow
	ParticipantRows   template.HTML
	SignedPercent     int
	Add               participantAddView
	Own               *participationForms
	Requirements      []requirementRow
	NewRequirement    requirementFormView
	Gaps              []procurement.Gap
	GapRows           template.HTML
	GapCounts         gapCounts
	GapScoped         bool
	CallOffs          []callOffRow
	// Bodies are the deciding bodies of the bulk mandate form.
	Bodies []option
	EForms eformsBlock
	Notice string
	// Problem is a refused change in Dutch: the page then answers 409.
	// ProblemLink leads to the form that lifts it.
	Problem                      string
	ProblemLink, ProblemLinkText string
}

// tenderNotices are the notices after a change, by ?melding=.
var tenderNotices = map[string]string{
	"aangemaakt":           "De aanbesteding is aangemaakt.",
	"opgeslagen":           "De aanbesteding is opgeslagen.",
	"status":               "De status van de aanbesteding is gewijzigd.",
	"perceel":              "Het perceel is opgeslagen.",
	"perceel-verwijderd":   "Het perceel is verwijderd.",
	"eis":                  "De eis is opgeslagen.",
	"eis-verwijderd":       "De eis is verwijderd.",
	"deelnemer":            "De deelnemer en de volumes zijn opgeslagen.",
	"deelnemer-verwijderd": "De deelnemer is uit de aanbesteding gehaald.",
	"mandaat":              "Het mandaat is vastgelegd.",
	"beoordelingen":        "De beoordelingen zijn opgeslagen.",
}

func (u *ui) tender(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	notice := tenderNotices[c.Query("melding")]
	switch c.Query("melding") {
	case "status":
		notice = statusNotice(v)
	case "mandaten":
		n, _ := strconv.Atoi(c.Query("aantal"))
		notice = fmt.Sprintf("%s vastgelegd.", plural(n, "1 mandaat is", nl.Number(n)+" mandaten zijn"))
	}
	return u.renderTender(c, fiber.StatusOK, v, notice, "")
}

// loadTender loads the tender of the :id path parameter for the user's
// scope.
func (u *ui) loadTender(c *fiber.Ctx) (procurement.TenderView, error) {
	id, err := positiveIDParam(c)
	if err != nil {
		return procurement.TenderView{}, err
	}
	return u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
}

// renderTender shows the tender page; problem, when set, is a refused
// change shown at the top (the page then answers status, 409).
func (u *ui) renderTender(c *fiber.Ctx, status int, v procurement.TenderView, notice, problem string) error {
	p, err := u.tenderPage(c, v)
	if err != nil {
		return err
	}
	p.Notice, p.Problem = notice, problem
	return c.Status(status).Render("pages/tender", p)
}

// tenderPage builds the tender page from the loaded tender.
func (u *ui) tenderPage(c *fiber.Ctx, v procurement.TenderView) (tenderDetailPage, error) {
	user := web.CurrentUser(c)
	t := v.Tender
	p := tenderDetailPage{
		layout: u.layout(c, t.Title, "aanbestedingen"), V: v, T: t, Plan: v.Plan,
		ProcedureEuropean: v.Plan.Determination.European,
		CanRun:            mayRunTenders(user), Editable: t.Editable(), Joinable: t.Joinable(),
		Cancelled: t.Status == procurement.TenderCancelled,
		Timeline:  timelineChart("planning-grafiek", "Planning van "+t.Title, v.Plan.Timeline, v.Today),
	}
	p.CanDelete = p.CanRun && (t.Status == procurement.TenderDraft || t.Status == procurement.TenderCancelled)
	p.Steps = lifecycleSteps(t.Status)
	if p.CanRun {
		p.Actions = statusActions(v)
	}
	p.lots(v)
	p.participants(v, p.CanRun)
	if m := v.Plan.Mandates; m.Participants > 0 {
		p.SignedPercent = m.Signed * 100 / m.Participants
	}
	p.ParticipantRows = participantRowsHTML(p.Participants, t.ID, p.Joinable)
	p.requirements(v)
	p.gaps(v, web.CurrentScope(c))
	p.GapRows = gapRowsHTML(p.Gaps)
	p.callOffs(v, web.CurrentScope(c))
	var err error
	if p.EForms, err = u.eformsBlockOf(c, v); err != nil {
		return p, err
	}
	if p.CanRun && p.Joinable {
		p.Add = newParticipantAddView(v, p.CSRF)
		p.Bodies = bodyOptions()
	}
	if user != nil && !user.AllOrganizations() && mayParticipate(user, user.Organization) {
		own, err := u.participationFormsFor(c, v, user.Organization)
		if err != nil {
			return p, err
		}
		p.Own = &own
	}
	return p, nil
}

// frozenText says that t's terms and participants no longer change.
func frozenText(t procurement.Tender) string {
	return fmt.Sprintf("De aanbesteding heeft de status ‘%s’: voorwaarden, percelen, eisen, deelnemers, mandaten en beoordelingen liggen vast sinds de publicatie (de deelnemerslijst is bevroren).",
		strings.ToLower(tenderStatusLabel(t.Status)))
}

func (p *tenderDetailPage) lots(v procurement.TenderView) {
	for _, s := range v.LotSummaries() {
		l := s.Lot
		r := lotRow{LotSummary: s}
		if p.CanRun && p.Editable {
			r.Edit = lotFormView{Action: fmt.Sprintf("/aanbestedingen/%d/percelen/%d", v.Tender.ID, l.ID), IDPrefix: fmt.Sprintf("lot%d-", l.ID),
				Submit: "Perceel opslaan", CSRF: p.CSRF, F: lotFormOf(l)}
		}
		p.Lots = append(p.Lots, r)
		p.LotHeads = append(p.LotHeads, lotHead{Number: l.Number, Title: l.Title, Unit: l.Unit})
		p.AnnualTotal += r.Annual
	}
	if p.CanRun && p.Editable {
		p.NewLot = lotFormView{Action: fmt.Sprintf("/aanbestedingen/%d/percelen", v.Tender.ID), IDPrefix: "lotnew-", Submit: "Perceel toevoegen", CSRF: p.CSRF}
	}
}

func (p *tenderDetailPage) participants(v procurement.TenderView, manage bool) {
	p.Participants = make([]participantRow, 0, len(v.Participants))
	for _, pt := range v.Participants {
		r := participantRow{Code: pt.Organization, Name: pt.Name, SizeLabel: sizeLabel(contracts.SizeClassOf(pt.Population)),
			Province: contracts.Organization{Province: pt.Province}.ProvinceName(), Annual: pt.Annual(), Mandate: pt.Mandate,
			Status: nl.MandateStatus(pt.Mandate.Status), Body: nl.DecidingBody(pt.Mandate.Body), Scope: nl.MandateScope(pt.Mandate.Scope),
			Signed: pt.Mandate.Status == procurement.MandateSigned, Revoked: pt.Mandate.Status == procurement.MandateRevoked, Manage: manage,
			Volumes: make([]string, len(v.Lots))}
		for i, l := range v.Lots {
			r.Volumes[i] = "—"
			if vol, ok := pt.Volume(l.ID); ok {
				r.Volumes[i] = nl.Number(vol.Quantity)
			}
		}
		p.Participants = append(p.Participants, r)
	}
}

func (p *tenderDetailPage) requirements(v procurement.TenderView) {
	for _, c := range v.Plan.Requirements {
		r := requirementRow{Consolidation: c, KindLabel: nl.RequirementKind(c.Requirement.Kind), PriorityLabel: nl.Consolidation(c),
			Reason: nl.ConsolidationReason(c)}
		for _, s := range c.Shares {
			r.Shares = append(r.Shares, shareCell{Label: nl.Rating(s.Rating), Participants: s.Participants, Percent: nl.Percent(s.BasisPoints)})
		}
		for _, cc := range c.ByClass {
			r.ByClass = append(r.ByClass, classCell{Label: sizeLabel(cc.SizeClass), Must: cc.Must, Wont: cc.Wont})
		}
		r.MustNames, r.MustMore = sideNames(c.MustSide)
		r.WontNames, r.WontMore = sideNames(c.WontSide)
		if !c.Conflict {
			r.MustByNames, r.MustByMore = sideNames(c.MustBy)
		}
		if p.CanRun && p.Editable {
			r.Edit = requirementFormView{Action: fmt.Sprintf("/aanbestedingen/%d/eisen/%d", v.Tender.ID, c.Requirement.ID),
				IDPrefix: fmt.Sprintf("req%d-", c.Requirement.ID), Submit: "Eis opslaan", CSRF: p.CSRF,
				F: requirementForm{Text: c.Requirement.Text, Kind: string(c.Requirement.Kind)}}
			r.Edit.Kinds = requirementKindOptions(r.Edit.F.Kind)
		}
		p.Requirements = append(p.Requirements, r)
	}
	if p.CanRun && p.Editable {
		p.NewRequirement = requirementFormView{Action: fmt.Sprintf("/aanbestedingen/%d/eisen", v.Tender.ID), IDPrefix: "reqnew-",
			Submit: "Eis toevoegen", CSRF: p.CSRF, F: requirementForm{Kind: string(procurement.KnockOut)}}
		p.NewRequirement.Kinds = requirementKindOptions(p.NewRequirement.F.Kind)
	}
}

// sideNames returns the first names of a conflict's side and how many
// more there are.
func sideNames(side []procurement.SideRef) ([]string, int) {
	n := min(len(side), sideNamesShown)
	names := make([]string, n)
	for i, s := range side[:n] {
		names[i] = s.Name
	}
	return names, len(side) - n
}

// gaps keeps the current contracts that do not simply fit the planned
// start, and counts them all by kind. The service left out those outside
// the user's scope.
func (p *tenderDetailPage) gaps(v procurement.TenderView, scope contracts.Scope) {
	p.GapScoped = !scope.All()
	for _, g := range v.Plan.Gaps {
		switch g.Kind {
		case procurement.GapNone:
			p.GapCounts.None++
			continue
		case procurement.GapFits:
			p.GapCounts.Fits++
			continue
		case procurement.GapOverlap:
			p.GapCounts.Overlap++
		case procurement.GapUnknown:
			p.GapCounts.Unknown++
		case procurement.GapOpen:
			p.GapCounts.Open++
			if g.Bridgeable {
				p.GapCounts.Bridgeable++
			} else {
				p.GapCounts.AtRisk++
			}
		}
		p.Gaps = append(p.Gaps, g)
	}
}

func (p *tenderDetailPage) callOffs(v procurement.TenderView, scope contracts.Scope) {
	names := make(map[string]string, len(v.Participants))
	for _, pt := range v.Participants {
		names[pt.Organization] = pt.Name
	}
	lots := make(map[int64]procurement.Lot, len(v.Lots))
	for _, l := range v.Lots {
		lots[l.ID] = l
	}
	for _, co := range v.CallOffs {
		l := lots[co.LotID]
		p.CallOffs = append(p.CallOffs, callOffRow{LotNumber: l.Number, LotTitle: l.Title, Code: co.Organization, Name: names[co.Organization],
			ContractID: co.ContractID, Number: co.ContractNumber, Link: scope.Allows(co.Organization)})
	}
}

func (u *ui) deleteTender(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	if err := u.procurement.DeleteTender(c.UserContext(), id); err != nil {
		return u.refusedChange(c, id, err)
	}
	return c.Redirect("/aanbestedingen?melding=verwijderd", fiber.StatusSeeOther)
}
