package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The form helpers the pages share. A form keeps its values as typed
// (strings), so that a rejected form shows exactly what was entered;
// parse problems go into formErrors by field, in Dutch, and the domain's
// problems are translated and merged with them into the summary at the
// top of the form (formProblems, dutchFieldMessage).

// fieldLabel names a form field in a form's error summary.
type fieldLabel struct{ field, label string }

// anchorID is the element id (after the form's prefix) of the form field
// named field: "options[1]" → "options-1", "quantity.5" → "quantity-5".
// Ids without brackets keep the summary's links plain fragments.
func anchorID(field string) string { return anchorReplacer.Replace(field) }

var anchorReplacer = strings.NewReplacer("[", "-", "]", "", ".", "-")

// formValue reads a form value without surrounding spaces.
func formValue(c *fiber.Ctx, key string) string { return strings.TrimSpace(c.FormValue(key)) }

// checked reads a checkbox.
func checked(c *fiber.Ctx, key string) bool { return c.FormValue(key) != "" }

// prefixedValues returns the posted form values whose key is prefix
// followed by a number, by that number ("rating.12" → 12).
func prefixedValues(c *fiber.Ctx, prefix string) map[int64]string {
	out := map[int64]string{}
	for k, v := range c.Request().PostArgs().All() {
		rest, ok := strings.CutPrefix(string(k), prefix)
		if !ok {
			continue
		}
		if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id > 0 {
			out[id] = strings.TrimSpace(string(v))
		}
	}
	return out
}

// pathID reads a numeric path parameter; anything but a positive number
// is a page that does not exist.
func pathID(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id < 1 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// formErrors holds the Dutch problems of a form by field name; the first
// problem of a field wins.
type formErrors map[string]string

func (fe formErrors) add(field, msg string) {
	if _, ok := fe[field]; !ok {
		fe[field] = msg
	}
}

func parseFormInt(errs formErrors, field, s string) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		errs.add(field, "Vul een heel getal in.")
	}
	return n
}

func parseFormID(errs formErrors, field, s string) int64 {
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		errs.add(field, "Kies een waarde uit de lijst.")
	}
	return n
}

// parseDutchDate reads a date as browsers send it (2026-01-31) or as
// people type it where the browser has no date picker (31-01-2026, 31-1-2026).
func parseDutchDate(s string) (contracts.Date, bool) {
	if d, err := contracts.ParseDate(s); err == nil {
		return d, true
	}
	t, err := time.Parse("2-1-2006", s)
	if err != nil {
		return contracts.Date{}, false
	}
	return contracts.NewDate(t.Year(), t.Month(), t.Day()), true
}

func parseFormDate(errs formErrors, field, s string) contracts.Date {
	if s == "" {
		return contracts.Date{}
	}
	d, ok := parseDutchDate(s)
	if !ok {
		errs.add(field, "Vul een datum in als 31-01-2026.")
	}
	return d
}

// parseFormEuros reads an amount in euros as Dutch users type it
// (€ 1.234,56, 1234,56, 1234.56, 1.234) and returns cents. A dot is a
// decimal separator only when it is the only one and at most two digits
// follow it; otherwise dots group thousands.
func parseFormEuros(errs formErrors, field, s string) contracts.Money {
	s = strings.NewReplacer("€", "", " ", "", "\u00a0", "").Replace(s)
	if s == "" {
		return 0
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac := s, ""
	if i := strings.LastIndex(s, ","); i >= 0 {
		whole, frac = strings.ReplaceAll(s[:i], ".", ""), s[i+1:]
	} else if i := strings.LastIndex(s, "."); i >= 0 && strings.Count(s, ".") == 1 && len(s)-i-1 <= 2 {
		whole, frac = s[:i], s[i+1:]
	} else {
		whole = strings.ReplaceAll(s, ".", "")
	}
	digits := func(x string) bool { return strings.Trim(x, "0123456789") == "" }
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) || len(frac) > 2 || len(whole) > 13 {
		errs.add(field, "Vul een bedrag in euro’s in, zoals 1.234,56.")
		return 0
	}
	euros, _ := strconv.ParseInt("0"+whole, 10, 64)
	cents, _ := strconv.ParseInt((frac + "00")[:2], 10, 64)
	m := contracts.Money(euros*100 + cents)
	if neg {
		m = -m
	}
	return m
}

// euroInput writes cents as a form value: 1234,50.
func euroInput(m contracts.Money) string {
	sign, c := "", int64(m)
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d,%02d", sign, c/100, c%100)
}

// positiveIDParam reads the :id path parameter; anything but a positive number
// is a page that does not exist.
func positiveIDParam(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// formProblem is one entry of a form's error summary, linking to the field.
type formProblem struct {
	Anchor, Label, Message string
}

// dutchMessages translates the domain's English field problems for the
// forms, by field and the start of the message; %s takes the rest of the
// message (a date, a number). A message not listed falls back to a
// general text per kind below, so a reworded domain message degrades to
// a vaguer hint, never to English.
var dutchMessages = []struct{ field, prefix, dutch string }{
	{"organization", "is required", "Kies een organisatie."},
	{"organization", "no organization", "Deze organisatie bestaat niet."},
	{"number", "is required", "Vul een contractnummer in: 1 tot 64 letters, cijfers, spaties of . _ / -."},
	{"number", "the organization already has", "Deze organisatie heeft al een contract met dit nummer."},
	{"title", "is required", "Vul een omschrijving in."},
	{"title", "must be at most", "Gebruik hooguit 300 tekens."},
	{"vendorId", "is required", "Kies een leverancier."},
	{"vendorId", "no vendor", "Deze leverancier bestaat niet."},
	{"vendorId", "unknown vendor or category", "Onbekende leverancier of categorie."},
	{"categoryId", "no category", "Deze categorie bestaat niet."},
	{"cpv", "must look like", "Vul een CPV-code in als 48000000-8."},
	{"start", "is required", "Vul de ingangsdatum in."},
	{"initialTermMonths", "must be at least 1", "Vul een looptijd van minstens 1 maand in: het einde kan niet vóór het begin liggen."},
	{"initialTermMonths", "must be at most", "Een looptijd is hooguit 600 maanden (50 jaar)."},
	{"renewalKind", "must be", "Kies een soort verlenging."},
	{"renewalKind", "a contract without renewal", "Een contract zonder verlenging heeft geen verlengingsperiode of maximum."},
	{"renewalKind", "a contract that continues indefinitely", "Een contract dat daarna voor onbepaalde tijd doorloopt, heeft geen verlengingsperiode of maximum: opzegging beëindigt het."},
	{"renewalPeriodMonths", "must be", "Vul een verlengingsperiode van 1 tot 120 maanden in."},
	{"maxRenewals", "express options are finite", "Geef bij een verlengingsoptie het aantal opties of een uiterste einddatum."},
	{"maxEnd", "must not lie before the initial end", "Mag niet vóór het einde van de eerste looptijd (%s) liggen."},
	{"renewalsExercised", "counts express options", "Alleen bij een verlengingsoptie: 0 of meer."},
	{"renewalsExercised", "cannot exceed the", "Kan niet meer zijn dan het aantal opties (%s)."},
	{"noticeMonths", "must not be longer than the initial term", "De opzegtermijn mag niet langer zijn dan de eerste looptijd."},
	{"noticeMonths", "must not be longer than the renewal period", "De opzegtermijn mag niet langer zijn dan de verlengingsperiode."},
	{"noticeMonths", "must not be negative", "De opzegtermijn mag niet negatief zijn."},
	{"noticeMonths", "give the notice period in months or in days", "Geef de opzegtermijn in maanden óf in dagen, niet allebei."},
	{"noticeMonths", "must be at most", "Een opzegtermijn is hooguit 600 maanden."},
	{"noticeDays", "must not be longer than the initial term", "De opzegtermijn mag niet langer zijn dan de eerste looptijd."},
	{"noticeDays", "must not be longer than the renewal period", "De opzegtermijn mag niet langer zijn dan de verlengingsperiode."},
	{"noticeDays", "must not be negative", "De opzegtermijn mag niet negatief zijn."},
	{"noticeDays", "give the notice period in months or in days", "Geef de opzegtermijn in maanden óf in dagen, niet allebei."},
	{"noticeDays", "must be at most", "Een opzegtermijn is hooguit 3.660 dagen (tien jaar)."},
	{"leadDays", "must be", "Vul 0 tot 365 dagen in."},
	{"noticeGivenOn", "must not lie before", "Mag niet vóór de ingangsdatum liggen."},
	{"status", "must be", "Kies een status."},
	{"notes", "must be at most", "Gebruik hooguit 4.000 tekens."},
	{"product", "is required", "Vul het product in."},
	{"metric", "must be", "Kies een licentiemaat."},
	{"quantity", "must be", "Vul een positief aantal in, of ‘onbeperkt’."},
	{"unitPrice", "must not be negative", "De prijs mag niet negatief zijn."},
	{"pricePeriod", "must be", "Kies een prijsperiode."},
	{"end", "must not lie before", "Het einde mag niet vóór het begin liggen."},
	{"name", "is required", "Vul de naam in."},
	{"name", "must be at most", "Gebruik hooguit 200 tekens."},
	{"kvk", "must be 8 digits", "Een KvK-nummer heeft 8 cijfers."},
	{"kvk", "another vendor", "Een andere leverancier heeft dit KvK-nummer al."},
	{"country", "must be", "Vul een landcode van twee letters in, zoals NL."},
	{"parentId", "a vendor cannot be its own", "Een leverancier kan niet onder zichzelf vallen."},
	{"parentId", "that vendor belongs to this one", "Die leverancier valt zelf onder deze: een groep kan zichzelf niet bezitten."},
	{"parentId", "no vendor", "Deze leverancier bestaat niet."},
}

// dutchFieldMessage translates a domain problem with field for the forms.
func dutchFieldMessage(field, msg string) string {
	base := field
	if _, sub, ok := lineField(field); ok {
		base = sub
	}
	for _, m := range dutchMessages {
		if m.field != base || !strings.HasPrefix(msg, m.prefix) {
			continue
		}
		if strings.Contains(m.dutch, "%s") {
			return fmt.Sprintf(m.dutch, strings.TrimSpace(strings.TrimPrefix(msg, m.prefix)))
		}
		return m.dutch
	}
	// The bounds every validator shares (contracts/bounds.go).
	switch {
	case strings.HasPrefix(msg, "contains a control character"):
		return "Deze tekst bevat een onzichtbaar stuurteken (zoals een tab, regeleinde of NUL-teken): verwijder het."
	case strings.HasPrefix(msg, "lies outside") && strings.Contains(msg, "once derived"):
		return "Hiermee komt een afgeleide datum (zoals het einde of de opzegdatum) buiten 1900–2199 te liggen."
	case strings.HasPrefix(msg, "lies outside"):
		return "Kies een datum tussen 01-01-1900 en 31-12-2199."
	case strings.HasPrefix(msg, "exceeds the cap") && strings.Contains(msg, "cents"):
		return "Dit bedrag is te hoog: hooguit € 1.000.000.000.000 (10^12)."
	case strings.HasPrefix(msg, "exceeds the cap"):
		return "Dit getal is te groot."
	case strings.HasPrefix(msg, "cannot change"):
		return "Deze waarde kan niet worden gewijzigd."
	case strings.Contains(msg, "negative"):
		return "Mag niet negatief zijn."
	case strings.Contains(msg, "required"):
		return "Vul dit veld in."
	}
	return "Controleer deze waarde."
}

// formProblems merges the domain's problems fe, translated by dutch, into
// the parse problems errs, and returns them by field and as the summary
// of a form whose fields labels names in the order shown (field ids
// "f-<field>"). A field already in errs keeps its parse problem.
func formProblems(errs formErrors, fe apperr.FieldErrors, labels []struct{ field, label string },
	dutch func(field, msg string) string) (map[string]string, []formProblem) {
	for _, e := range fe {
		errs.add(e.Field, dutch(e.Field, e.Message))
	}
	byField := map[string]string{}
	var summary []formProblem
	for _, l := range labels {
		if msg, ok := errs[l.field]; ok {
			byField[l.field] = msg
			summary = append(summary, formProblem{"f-" + l.field, l.label, msg})
		}
	}
	return byField, summary
}
