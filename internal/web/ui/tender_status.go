package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's lifecycle on its page: the steps, the transitions the user
// may make now, and why one is refused, in Dutch with the rule behind it.

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
		switch {
		case to == procurement.TenderAwarded:
			a.Link = fmt.Sprintf("/aanbestedingen/%d/gunning", v.Tender.ID)
		case slices.Contains(irreversibleSteps, to):
			a.Link = confirmPath(v.Tender.ID, to)
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
			return fmt.Sprintf("Nog niet alle mandaten getekend: %s van %s.", nl.Number((m.Signed)), nl.Number((m.Participants)))
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
	case isConflict(err) && refusalText(err) != "":
		v, lerr := u.procurement.Tender(ctx, web.CurrentScope(c), id)
		if lerr != nil {
			return lerr
		}
		p, perr := u.tenderPage(c, v)
		if perr != nil {
			return perr
		}
		p.Problem = refusalText(err)
		p.ProblemLink, p.ProblemLinkText = refusalFix(id, err)
		return c.Status(fiber.StatusConflict).Render("pages/tender", p)
	case to == procurement.TenderAwarded && len(apperr.Fields(err)) > 0:
		return u.renderAward(c, fiber.StatusUnprocessableEntity, id, award, formErrors{}, apperr.Fields(err))
	case isConflict(err):
		v, lerr := u.procurement.Tender(ctx, web.CurrentScope(c), id)
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
	v, lerr := u.procurement.Tender(c.UserContext(), web.CurrentScope(c), id)
	if lerr != nil {
		return lerr
	}
	return u.renderTender(c, fiber.StatusConflict, v, "", tenderConflict(v, err))
}

func isConflict(err error) bool { return errors.Is(err, apperr.Conflict) }

// refusalText says in Dutch what blocks a change the domain refused with
// a code (apperr.Refused), or "".
func refusalText(err error) string {
	if r, ok := apperr.Refusal(err); ok {
		return nl.FieldMessage(r)
	}
	return ""
}

// refusalFix is the form that lifts a refusal: the field it names on the
// tender's edit form.
func refusalFix(id int64, err error) (link, text string) {
	r, ok := apperr.Refusal(err)
	if !ok || r.Field == "" {
		return "", ""
	}
	text = "Aanbesteding bewerken"
	if r.Field == "tenderDeadline" {
		text = "Sluitingstermijn aanpassen"
	}
	return fmt.Sprintf("/aanbestedingen/%d/bewerken#%s", id, r.Field), text
}

// statusNotice says the tender's status after a step and since when: the
// publication and the award decision have their own dates, the other
// steps happened today.
func statusNotice(v procurement.TenderView) string {
	t := v.Tender
	switch t.Status {
	case procurement.TenderPublished:
		n := len(v.Participants)
		return fmt.Sprintf("De aanbesteding is gepubliceerd op %s. De deelnemerslijst (%s %s) ligt vast.", nl.DateLong(t.Publication), nl.Number(n), plural(n, "deelnemer", "deelnemers"))
	case procurement.TenderAwarded:
		return fmt.Sprintf("De aanbesteding is gegund; de gunningsbeslissing is verzonden op %s. De standstill-termijn loopt.", nl.DateLong(t.AwardDecision))
	}
	return fmt.Sprintf("De aanbesteding heeft nu de status ‘%s’, sinds %s.", tenderStatusLabel(t.Status), nl.DateLong(v.Today))
}
