package web

import (
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The joint-tender pages (issue 5): the list, the tender with its plan,
// participants, lots, requirements, current contracts and call-offs, and
// the forms that change them (ui_tenders_forms.go). They ask the same
// service methods as the API with the same scope, so what a page shows is
// what the API answers.

// mayRunTenders reports whether u runs tenders (terms, lots,
// requirements, the lifecycle, any participant).
func mayRunTenders(u *auth.User) bool { return u != nil && tenderRunners.Check(u, "") == nil }

// mayParticipate reports whether u may act for org in a tender: runners
// for any organization, a member for its own.
func mayParticipate(u *auth.User, org string) bool {
	return u != nil && tenderParticipants.Check(u, org) == nil
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
	ctx, user := c.UserContext(), currentUser(c)
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
	if mine {
		f.Scope = scopeOf(user)
	}
	f = f.Normalize()
	res, err := u.procurement.Tenders(ctx, f)
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

// lifecycleStep is one status on the tender's lifecycle, as the step list
// shows it.
type lifecycleStep struct {
	Label   string
	Done    bool
	Current bool
}

// statusAction is a button that moves the tender to a next status, with a
// hint when a guard will refuse it.
type statusAction struct {
	To     procurement.TenderStatus
	Label  string
	Danger bool
	// Link: the step needs a form of its own (the award); the button is
	// a link to it.
	Link string
	Hint string
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
	Notice            string
	// Problem is a refused change in Dutch: the page then answers 409.
	Problem string
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
	return u.renderTender(c, fiber.StatusOK, v, tenderNotices[c.Query("melding")], "")
}

// loadTender loads the tender of the :id path parameter for the user's
// scope.
func (u *ui) loadTender(c *fiber.Ctx) (procurement.TenderView, error) {
	id, err := positiveIDParam(c)
	if err != nil {
		return procurement.TenderView{}, err
	}
	return u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
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
	user := currentUser(c)
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
	p.gaps(v, scopeOf(user))
	p.GapRows = gapRowsHTML(p.Gaps)
	p.callOffs(v, scopeOf(user))
	if p.CanRun && p.Joinable {
		p.Add = newParticipantAddView(v, p.CSRF)
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

// lifecycleSteps lists the lifecycle up to closed, marking where status
// stands; a cancelled tender marks no step.
func lifecycleSteps(status procurement.TenderStatus) []lifecycleStep {
	all := procurement.TenderStatuses()
	main := all[:len(all)-1] // cancelled is no step on the way
	current := slices.Index(main, status)
	out := make([]lifecycleStep, len(main))
	for i, s := range main {
		out[i] = lifecycleStep{Label: tenderStatusLabel(s), Done: current >= 0 && i < current, Current: i == current}
	}
	return out
}

// statusActions are the buttons of the lifecycle's next steps, each with
// a hint when its guard is not met yet. The service checks the guards
// again; the hints only save a refused click.
func statusActions(v procurement.TenderView) []statusAction {
	var out []statusAction
	for _, to := range procurement.NextStatuses(v.Tender.Status) {
		a := statusAction{To: to, Label: tenderActionLabel(to), Danger: to == procurement.TenderCancelled}
		if to == procurement.TenderAwarded {
			a.Link = fmt.Sprintf("/aanbestedingen/%d/gunning", v.Tender.ID)
		}
		a.Hint = guardHint(v, to)
		out = append(out, a)
	}
	return out
}

// guardHint says in Dutch why moving v to to will be refused, or "". The
// domain's lifecycle decides (procurement.Transition over v.Guards()); the
// page only words the guard of the step in Dutch.
func guardHint(v procurement.TenderView, to procurement.TenderStatus) string {
	g := v.Guards()
	if procurement.Transition(v.Tender.Status, to, g) == nil {
		return ""
	}
	switch to {
	case procurement.TenderPublished:
		m := v.Plan.Mandates
		switch {
		case m.Participants == 0:
			return "Er zijn nog geen deelnemers."
		case !g.AllMandatesSigned:
			return fmt.Sprintf("Nog niet alle mandaten getekend: %s van %s.", nl.Number(m.Signed), nl.Number(m.Participants))
		case !g.HasLots:
			return "Er zijn nog geen percelen."
		}
	case procurement.TenderEvaluating, procurement.TenderAwarded:
		return deadlineRefusal(v)
	case procurement.TenderContracted:
		return standstillRefusal(v)
	}
	return ""
}

func deadlineRefusal(v procurement.TenderView) string {
	if m, ok := v.Plan.Milestone(procurement.MilestoneTenderDeadline); ok {
		return fmt.Sprintf("De inschrijvingstermijn sluit op %s: beoordelen en gunnen kan pas vanaf de dag erna.", nl.Date(m.Date))
	}
	return "De sluiting van de inschrijvingstermijn is niet bekend (er is geen planning): beoordelen en gunnen kan nog niet."
}

// standstillRefusal says in Dutch until when the standstill runs and from
// which day the contract may be concluded; a standstill whose last day
// fell on a Saturday, Sunday or recognized holiday says that it ran on to
// the next working day (Algemene termijnenwet art. 1).
func standstillRefusal(v procurement.TenderView) string {
	if m, ok := v.Plan.Milestone(procurement.MilestoneStandstillEnd); ok && !v.Tender.AwardDecision.IsZero() {
		end := nl.WeekdayDate(m.Date)
		from := nl.Date(m.Date.AddDays(1))
		if ro := m.RanOn; !ro.From.IsZero() {
			return fmt.Sprintf("De standstill-termijn loopt tot en met %s (dag %d viel op %s; Algemene termijnenwet art. 1). U kunt het contract sluiten vanaf %s (Aw 2012 art. 2.127).",
				end, v.Tender.AwardDecision.DaysUntil(ro.From), nl.RunOnDay(ro), from)
		}
		return fmt.Sprintf("De standstill-termijn loopt tot en met %s (Aw 2012 art. 2.127). U kunt het contract sluiten vanaf %s.", end, from)
	}
	return "De standstill-termijn is niet bekend: eerst moet de gunningsbeslissing verzonden zijn (Aw 2012 art. 2.127)."
}

// transitionRefusal says in Dutch why the service refused to move v to
// to (err, a conflict): the guard is read from the tender as it stands,
// not from the domain's English message.
func transitionRefusal(v procurement.TenderView, to procurement.TenderStatus, err error) string {
	if !slices.Contains(procurement.NextStatuses(v.Tender.Status), to) {
		return fmt.Sprintf("Deze stap is niet mogelijk: vanuit ‘%s’ kan een aanbesteding niet naar ‘%s’.",
			tenderStatusLabel(v.Tender.Status), tenderStatusLabel(to))
	}
	if hint := guardHint(v, to); hint != "" {
		if to == procurement.TenderPublished && strings.HasPrefix(hint, "Nog niet alle mandaten") {
			return "Publiceren kan pas als elke deelnemer een getekend mandaat heeft. " + hint
		}
		return hint
	}
	return tenderConflict(v, err)
}

// tenderConflict says in Dutch why the service refused a change to the
// tender (a conflict with its state).
func tenderConflict(v procurement.TenderView, err error) string {
	detail := apperr.Detail(err, "")
	switch {
	case strings.Contains(detail, "can no longer change"):
		return frozenText(v.Tender)
	case strings.Contains(detail, "can be deleted"):
		return "Alleen een aanbesteding in concept of een geannuleerde aanbesteding kan worden verwijderd: annuleer haar eerst."
	}
	return "Deze wijziging past niet bij de stand van de aanbesteding (" + strings.ToLower(tenderStatusLabel(v.Tender.Status)) + ")."
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

// gaps keeps the current contracts the user may see (its scope) that do
// not simply fit the planned start, and counts them all by kind.
func (p *tenderDetailPage) gaps(v procurement.TenderView, scope []string) {
	p.GapScoped = scope != nil
	for _, g := range v.Plan.Gaps {
		if !scopeAllows(scope, g.Organization) {
			continue
		}
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

func (p *tenderDetailPage) callOffs(v procurement.TenderView, scope []string) {
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
			ContractID: co.ContractID, Number: co.ContractNumber, Link: scopeAllows(scope, co.Organization)})
	}
}

// transitionTender moves the tender one step through its lifecycle. The
// award comes from its own form (awardForm); a rejected award shows that
// form again (422), an unmet guard the tender with the reason (409).
func (u *ui) transitionTender(c *fiber.Ctx) error {
	id, err := positiveIDParam(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	to := procurement.TenderStatus(c.FormValue("status"))
	in := procurement.TransitionInput{To: to}
	var award awardFormValues
	if to == procurement.TenderAwarded {
		award = awardFormFrom(c)
		errs := formErrors{}
		a := award.award(errs)
		if len(errs) > 0 {
			return u.renderAward(c, fiber.StatusUnprocessableEntity, id, award, errs, nil)
		}
		in.Award = &a
	}
	_, err = u.procurement.Transition(ctx, id, in)
	switch {
	case err == nil:
		return c.Redirect(fmt.Sprintf("/aanbestedingen/%d?melding=status", id), fiber.StatusSeeOther)
	case to == procurement.TenderAwarded && len(apperr.Fields(err)) > 0:
		return u.renderAward(c, fiber.StatusUnprocessableEntity, id, award, formErrors{}, apperr.Fields(err))
	case isConflict(err):
		v, lerr := u.procurement.Tender(ctx, id, scopeOf(currentUser(c)))
		if lerr != nil {
			return lerr
		}
		return u.renderTender(c, fiber.StatusConflict, v, "", transitionRefusal(v, to, err))
	}
	return err
}

// refusedChange shows the tender with the Dutch reason of a refused
// change (409) when err is a conflict, and returns err otherwise.
func (u *ui) refusedChange(c *fiber.Ctx, id int64, err error) error {
	if !isConflict(err) {
		return err
	}
	v, lerr := u.procurement.Tender(c.UserContext(), id, scopeOf(currentUser(c)))
	if lerr != nil {
		return lerr
	}
	return u.renderTender(c, fiber.StatusConflict, v, "", tenderConflict(v, err))
}

func isConflict(err error) bool { return errors.Is(err, apperr.Conflict) }

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

// matrixRow is one participant's ratings in the rating matrix.
type matrixRow struct {
	Code, Name, SizeLabel string
	Cells                 []string
}

type tenderMatrixPage struct {
	layout
	T            procurement.Tender
	Requirements []procurement.Requirement
	Rows         []matrixRow
}

// ratingMatrix shows every participant's rating of every requirement:
// the full matrix the tender page leaves out (283 × 40 cells in the model
// case).
func (u *ui) ratingMatrix(c *fiber.Ctx) error {
	v, err := u.loadTender(c)
	if err != nil {
		return err
	}
	p := tenderMatrixPage{layout: u.layout(c, "Beoordelingen: "+v.Tender.Title, "aanbestedingen"), T: v.Tender, Requirements: v.Requirements,
		Rows: make([]matrixRow, 0, len(v.Participants))}
	for _, pt := range v.Participants {
		r := matrixRow{Code: pt.Organization, Name: pt.Name, SizeLabel: sizeLabel(contracts.SizeClassOf(pt.Population)), Cells: make([]string, len(v.Requirements))}
		for i, req := range v.Requirements {
			r.Cells[i] = nl.RatingLetter(req.Ratings[pt.Organization])
		}
		p.Rows = append(p.Rows, r)
	}
	return c.Render("pages/tender_matrix", p)
}

// The participant and current-contract tables run to 283 rows in the model
// case, and html/template's reflection per action made them most of the
// page's time (issue 5: the tender page ≤ 50 ms). Their rows are written
// here instead, in the style of svg.go: every text goes through
// HTMLEscapeString, every path segment through PathEscape, and the
// markup matches the table around it in tender.html.

// participantRowsHTML writes the rows of the participants table. With
// manage (runners), each row links to the participant's page and, while
// the tender is joinable, has a remove button of the form
// "deelnemer-verwijderen" (one form, so that 283 rows do not carry 283
// CSRF tokens).
func participantRowsHTML(rows []participantRow, tender int64, joinable bool) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(rows) * 700)
	for _, r := range rows {
		code := esc(url.PathEscape(r.Code))
		if r.Signed {
			b.WriteString("<tr>")
		} else {
			b.WriteString(`<tr class="row--attention">`)
		}
		b.WriteString(`<th scope="row"><a href="/organisaties/` + code + `">` + esc(r.Name) + `</a></th><td>` + esc(r.SizeLabel) + `</td><td>` + esc(r.Province) + `</td>`)
		for _, v := range r.Volumes {
			b.WriteString(`<td class="num">` + esc(v) + `</td>`)
		}
		badge := "badge"
		switch {
		case r.Signed:
			badge += " badge--ok"
		case r.Revoked:
			badge += " badge--danger"
		}
		b.WriteString(`<td class="num">` + esc(nl.Money(r.Annual)) + `</td><td><span class="` + badge + `">` + esc(r.Status) + `</span></td><td>` +
			esc(nl.Date(r.Mandate.Signed)) + `</td><td>` + esc(r.Body) + `</td><td>` + esc(r.Scope) + `</td><td>` + esc(r.Mandate.Reference) + `</td>`)
		if r.Manage {
			base := "/aanbestedingen/" + strconv.FormatInt(tender, 10) + "/deelnemers/" + code
			b.WriteString(`<td class="row-actions"><a href="` + base + `">Beheren<span class="visually-hidden"> ` + esc(r.Name) + `</span></a>`)
			if joinable {
				b.WriteString(` <button type="submit" form="deelnemer-verwijderen" formaction="` + base + `/verwijderen" class="link-button">Verwijderen<span class="visually-hidden"> ` +
					esc(r.Name) + `</span></button>`)
			}
			b.WriteString(`</td>`)
		}
		b.WriteString("</tr>\n")
	}
	// Every text above went through HTMLEscapeString.
	return template.HTML(b.String())
}

// gapRowsHTML writes the rows of the current-contracts table.
func gapRowsHTML(gaps []procurement.Gap) template.HTML {
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.Grow(len(gaps) * 500)
	for _, g := range gaps {
		risk := g.Kind == procurement.GapOpen && !g.Bridgeable
		if risk {
			b.WriteString(`<tr class="row--attention">`)
		} else {
			b.WriteString("<tr>")
		}
		b.WriteString(`<th scope="row">` + esc(g.Name) + `</th><td><a href="/contracten/` + strconv.FormatInt(g.ContractID, 10) + `">` + esc(g.ContractNumber) + `</a>`)
		if g.VendorName != "" {
			b.WriteString(` <span class="muted">(` + esc(g.VendorName) + `)</span>`)
		}
		b.WriteString(`</td><td>` + esc(nl.Date(g.CommittedEnd)) + `</td><td>` + esc(gapKindLabel(g.Kind)))
		switch {
		case risk:
			b.WriteString(` <span class="badge badge--danger">risico</span>`)
		case g.Kind == procurement.GapOpen:
			b.WriteString(` <span class="badge badge--ok">te overbruggen</span>`)
		}
		days := ""
		if g.Days != 0 {
			days = nl.Number(g.Days)
		}
		b.WriteString(`</td><td class="num">` + days + `</td><td>` + esc(nl.GapReason(g)) + "</td></tr>\n")
	}
	// Every text above went through HTMLEscapeString.
	return template.HTML(b.String())
}
