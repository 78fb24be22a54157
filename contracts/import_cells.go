package contracts

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl/parse"
)

// The cells of the contract import: how each column's cell is read, and
// the problem with a cell that cannot be.

// importField parses one column's cell into a row.
type importField struct {
	field string
	line  bool
	// text columns keep every cell as written.
	text bool
	// set parses a non-empty cell; it returns the problem with it (its
	// Field left empty), or none (no Code).
	set func(r *parsedRow, s string) apperr.FieldError
}

// noProblem is set's answer for a cell without a problem.
var noProblem apperr.FieldError

// cellProblem is set's answer for a cell with a problem: code with args.
func cellProblem(code apperr.Code, args ...any) apperr.FieldError {
	return apperr.FieldError{Code: code, Args: args}
}

var importFields = []importField{
	{field: "number", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Number = s; return noProblem }},
	{field: "title", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Title = s; return noProblem }},
	{field: "vendor", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.vendor.Name = s; return noProblem }},
	{field: "kvk", set: func(r *parsedRow, s string) apperr.FieldError {
		k := strings.NewReplacer(" ", "", ".", "").Replace(s)
		if !kvkSyntax.MatchString(k) {
			return cellProblem(apperr.KvKCell, s)
		}
		r.vendor.KVK = k
		return noProblem
	}},
	{field: "category", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.cat = s; return noProblem }},
	{field: "cpv", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.CPV = s; return noProblem }},
	{field: "start", set: dateField(func(r *parsedRow) *Date { return &r.c.Start })},
	{field: "initialTermMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.InitialTermMonths })},
	{field: "renewalKind", set: choiceField(renewalChoices, values(RenewalKinds()),
		func(r *parsedRow, v string) { r.c.RenewalKind = RenewalKind(v) })},
	{field: "renewalPeriodMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.RenewalPeriodMonths })},
	{field: "maxRenewals", set: wholeField(func(r *parsedRow) *int { return &r.c.MaxRenewals })},
	{field: "maxEnd", set: dateField(func(r *parsedRow) *Date { return &r.c.MaxEnd })},
	{field: "renewalsExercised", set: wholeField(func(r *parsedRow) *int { return &r.c.RenewalsExercised })},
	{field: "noticeMonths", set: wholeField(func(r *parsedRow) *int { return &r.c.NoticeMonths })},
	{field: "noticeDays", set: wholeField(func(r *parsedRow) *int { return &r.c.NoticeDays })},
	{field: "noticeEndsAnyDay", set: boolField(func(r *parsedRow) *bool { return &r.c.NoticeEndsAnyDay })},
	{field: "leadDays", set: wholeField(func(r *parsedRow) *int { return &r.c.LeadDays })},
	{field: "noticeGivenOn", set: dateField(func(r *parsedRow) *Date { return &r.c.NoticeGivenOn })},
	{field: "annualValue", set: moneyField(func(r *parsedRow) *Money { return &r.c.AnnualValue })},
	{field: "status", set: choiceField(statusChoices, values(ContractStatuses()),
		func(r *parsedRow, v string) { r.c.Status = ContractStatus(v) })},
	{field: "exitPlan", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.ExitPlan })},
	{field: "openData", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.OpenData })},
	{field: "continuity", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.Continuity })},
	{field: "sourceRights", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.SourceRights })},
	{field: "businessCritical", set: boolField(func(r *parsedRow) *bool { return &r.c.Exit.BusinessCritical })},
	{field: "interfaces", set: wholeField(func(r *parsedRow) *int { return &r.c.Exit.Interfaces })},
	{field: "notes", text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.c.Notes = s; return noProblem }},
	{field: "product", line: true, text: true, set: func(r *parsedRow, s string) apperr.FieldError { r.l.Product = s; return noProblem }},
	{field: "metric", line: true, set: choiceField(metricChoices, values(Metrics()),
		func(r *parsedRow, v string) { r.l.Metric = Metric(v) })},
	{field: "quantity", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		if k := importHeaderKey(s); k == "onbeperkt" || k == "unlimited" || k == "ongelimiteerd" {
			r.l.Quantity = Unlimited
			return noProblem
		}
		return wholeField(func(r *parsedRow) *int { return &r.l.Quantity })(r, s)
	}},
	{field: "seatsInUse", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		if k := importHeaderKey(s); k == "onbekend" || k == "unknown" {
			r.l.SeatsInUse = -1
			return noProblem
		}
		return wholeField(func(r *parsedRow) *int { return &r.l.SeatsInUse })(r, s)
	}},
	{field: "unitPrice", line: true, set: func(r *parsedRow, s string) apperr.FieldError {
		r.priceGiven = true
		return moneyField(func(r *parsedRow) *Money { return &r.l.UnitPrice })(r, s)
	}},
	{field: "pricePeriod", line: true, set: choiceField(pricePeriodChoices, values(PricePeriods()),
		func(r *parsedRow, v string) { r.l.PricePeriod = PricePeriod(v) })},
}

// The accepted words per choice, folded by importHeaderKey, Dutch first.
var (
	renewalChoices = map[string]string{
		"geen": "none", "geenverlenging": "none", "nee": "none", "none": "none", "no": "none",
		"stilzwijgend": "tacit", "stilzwijgende": "tacit", "stilzwijgendeverlenging": "tacit", "automatisch": "tacit", "tacit": "tacit", "automatic": "tacit",
		"optie": "express", "opties": "express", "optioneel": "express", "verlengingsoptie": "express", "express": "express", "option": "express",
		"onbepaaldetijd": "indefinite", "daarnavooronbepaaldetijd": "indefinite", "vooronbepaaldetijd": "indefinite", "onbepaald": "indefinite",
		"doorlopend": "indefinite", "indefinite": "indefinite", "indefinitely": "indefinite", "openended": "indefinite",
	}
	statusChoices = map[string]string{
		"concept": "draft", "draft": "draft",
		"actief": "active", "lopend": "active", "active": "active",
		"beeindigd": "terminated", "ontbonden": "terminated", "terminated": "terminated",
	}
	metricChoices = map[string]string{
		"benoemdegebruiker": "named_user", "gebruiker": "named_user", "pergebruiker": "named_user", "nameduser": "named_user",
		"gelijktijdigegebruiker": "concurrent", "gelijktijdig": "concurrent", "concurrent": "concurrent", "concurrentuser": "concurrent",
		"apparaat": "device", "perapparaat": "device", "device": "device",
		"perinwoner": "per_inhabitant", "inwoner": "per_inhabitant", "perinhabitant": "per_inhabitant",
		"organisatiebreed": "enterprise", "enterprise": "enterprise",
	}
	pricePeriodChoices = map[string]string{
		"maand": "month", "permaand": "month", "maandelijks": "month", "month": "month", "monthly": "month", "permonth": "month",
		"jaar": "year", "perjaar": "year", "jaarlijks": "year", "year": "year", "yearly": "year", "annual": "year", "peryear": "year",
		"eenmalig": "once", "once": "once", "oneoff": "once",
	}
	boolChoices = map[string]bool{
		"ja": true, "j": true, "yes": true, "y": true, "true": true, "waar": true, "1": true, "x": true,
		"nee": false, "n": false, "no": false, "false": false, "onwaar": false, "0": false,
	}
)

// looksLikeFormula reports whether a cell starts as a spreadsheet formula
// does (=, +, -, @) without being a plain number such as -12 or +3,5.
func looksLikeFormula(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '@':
		return true
	case '+', '-':
		return !plainNumber.MatchString(s[1:])
	}
	return false
}

var plainNumber = regexp.MustCompile(`^\s*(€\s*)?[0-9][0-9., ]*$`)

func dateField(dst func(*parsedRow) *Date) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		d, err := importDate(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = d
		return noProblem
	}
}

func wholeField(dst func(*parsedRow) *int) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		n, err := importWhole(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = n
		return noProblem
	}
}

func moneyField(dst func(*parsedRow) *Money) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		m, err := importMoney(s)
		if err != nil {
			return apperr.Fields(err)[0]
		}
		*dst(r) = m
		return noProblem
	}
}

func boolField(dst func(*parsedRow) *bool) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		v, found := boolChoices[importHeaderKey(s)]
		if !found {
			return cellProblem(apperr.NotYesNo, s)
		}
		*dst(r) = v
		return noProblem
	}
}

// choiceField reads a choice: a word of choices, which map to the API's
// values; a problem names the values (want).
func choiceField(choices map[string]string, want []string, set func(*parsedRow, string)) func(*parsedRow, string) apperr.FieldError {
	return func(r *parsedRow, s string) apperr.FieldError {
		if looksLikeFormula(s) {
			return cellProblem(apperr.Formula, s)
		}
		v, found := choices[importHeaderKey(s)]
		if !found {
			return cellProblem(apperr.NotAChoice, s, want)
		}
		set(r, v)
		return noProblem
	}
}

// importDate reads a date cell as sheetDate does (31-01-2026, 2026-01-31,
// an Excel serial day, also with a midnight time a spreadsheet may add:
// "31-01-2026 00:00"). Dates before 1950 or after 2150 are refused: they
// come from a number that was never a date (a year, an amount) read as a
// serial day. The error is apperr.FieldErrors without a field.
func importDate(s string) (Date, error) {
	d, err := sheetDate(s)
	if err != nil {
		return Date{}, apperr.FieldProblem("", apperr.NotADate, s)
	}
	if d.Year() < 1950 || d.Year() > 2150 {
		return Date{}, apperr.FieldProblem("", apperr.ImplausibleDate, s, apperr.Day(d.String()))
	}
	return d, nil
}

// importWhole reads a whole number: 36, -1, or with Dutch thousands dots
// (1.500). A comma is refused: in Dutch it starts decimals. The error is
// apperr.FieldErrors without a field.
func importWhole(s string) (int, error) {
	t := strings.ReplaceAll(s, " ", "")
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "+")
	if dottedNumber.MatchString(t) {
		t = strings.ReplaceAll(t, ".", "")
	}
	if t == "" || strings.Trim(t, "0123456789") != "" || len(t) > 9 {
		return 0, apperr.FieldProblem("", apperr.NotAWholeNumber, s)
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, apperr.FieldProblem("", apperr.NotAWholeNumber, s)
	}
	if neg {
		n = -n
	}
	return n, nil
}

// maxImportMoney caps an amount (in cents) far above any contract value,
// so that no sum of them overflows.
const maxImportMoney = MaxMoney

// importMoney reads an amount cell in euros into cents as the forms do
// (parse.Cents, internal/nl/parse: € 1.234,56, 1234.56, 1,234.56, with
// "EUR" or a trailing ",-"), and refuses one above maxImportMoney. A
// minus sign is kept: the validation then refuses it with the API's
// message. The error is apperr.FieldErrors without a field.
func importMoney(s string) (Money, error) {
	c, err := parse.Cents(s)
	var me *parse.MoneyError
	switch {
	case errors.As(err, &me) && me.Kind == parse.MoneyTooLarge:
		return 0, apperr.FieldProblem("", apperr.MoneyCap, apperr.Cents(maxImportMoney))
	case errors.As(err, &me) && moneyProblems[me.Kind] != "":
		return 0, apperr.FieldProblem("", moneyProblems[me.Kind], s)
	case err != nil:
		return 0, apperr.FieldProblem("", apperr.NotAnAmount, s)
	case c > int64(maxImportMoney) || c < -int64(maxImportMoney):
		return 0, apperr.FieldProblem("", apperr.MoneyCap, apperr.Cents(maxImportMoney))
	}
	return Money(c), nil
}

// moneyProblems are the codes of what parse.Cents finds wrong with an
// amount, where it says more than NotAnAmount.
var moneyProblems = map[parse.MoneyProblem]apperr.Code{
	parse.MoneyAmbiguous: apperr.AmountAmbiguous, parse.MoneyGrouping: apperr.AmountGrouping, parse.MoneyCents: apperr.AmountCents,
}

// foldAccents replaces the accented Latin letters of Dutch, Frisian and
// their neighbours by their plain letter, so that "Continuïteit" and
// "continuiteit" match. It expects lower-case input.
func foldAccents(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var accentFold = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ĳ': "ij", 'ø': "o", 'ł': "l"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćčĉċ", "e": "èéêëēĕėęě", "i": "ìíîïĩīĭįı", "n": "ñńņň",
		"o": "òóôõöōŏő", "u": "ùúûüũūŭůűų", "y": "ýÿŷ", "s": "śšş", "z": "źżž", "g": "ğ", "d": "ď", "r": "řŕ", "t": "ťţ", "w": "ŵ",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
