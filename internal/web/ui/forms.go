package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The form helpers the pages share. A form keeps its values as typed
// (strings), so that a rejected form shows exactly what was entered;
// parse problems go into formErrors by field, in Dutch, and the domain's
// problems are said in Dutch (nl.FieldMessage) and merged with them into
// the summary at the top of the form (formProblems).

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

func parseFormDate(errs formErrors, field, s string) contracts.Date {
	if s == "" {
		return contracts.Date{}
	}
	d, err := nl.ParseDate(s)
	if err != nil {
		errs.add(field, "Vul een datum in als 31-01-2026.")
	}
	return d
}

// parseFormEuros reads an amount in euros as Dutch users type it (€
// 1.234,56, 1234,56, 1234.56, 1.234; nl.ParseMoney) and returns cents; an
// empty field, or one with only a euro sign, is 0.
func parseFormEuros(errs formErrors, field, s string) contracts.Money {
	if strings.Trim(s, "€ \u00a0") == "" {
		return 0
	}
	m, err := nl.ParseMoney(s)
	if err != nil {
		errs.add(field, "Vul een bedrag in euro’s in, zoals 1.234,56.")
		return 0
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

// formProblems merges the domain's problems fe, in Dutch through nl, into
// the parse problems errs, and returns them by field and as the summary
// of a form whose fields labels names in the order shown (field ids
// "f-<field>"). A field already in errs keeps its parse problem.
func formProblems(errs formErrors, fe apperr.FieldErrors, labels []struct{ field, label string }) (map[string]string, []formProblem) {
	for _, e := range fe {
		errs.add(e.Field, nl.FieldMessage(e))
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
