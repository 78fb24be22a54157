package nl

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// leftover matches what a template leaves behind when its arguments do
// not fit: fmt's complaints (%!d(string=…), %!(EXTRA …), %!s(MISSING))
// and verbs or placeholders that were not filled.
var leftover = regexp.MustCompile(`%!|%[-+#0-9.\[\]]*[a-zA-Z]|\{[0-9a-z_]*\}`)

// TestEveryCodeSpeaksBoth: every code of the catalogue has an English
// text (internal/apperr) and a Dutch one, and both render the arguments
// its callers pass without a complaint or a hole.
func TestEveryCodeSpeaksBoth(t *testing.T) {
	t.Parallel()
	for _, c := range apperr.Codes() {
		args := apperr.Example(c)
		if en := apperr.English(c, args...); en == string(c) || leftover.MatchString(en) {
			t.Errorf("English(%s, %v) = %q, want an English sentence", c, args, en)
		}
		if !hasDutch(c) {
			t.Errorf("code %s has no Dutch text", c)
			continue
		}
		nl := Message(c, args...)
		// A field problem is a sentence; a warning a clause the pages
		// list and the dossier writes after a label, a legal basis one
		// the timeline writes beside a date.
		if nl == "" || leftover.MatchString(nl) || strings.HasSuffix(nl, ".") == (apperr.IsWarning(c) || apperr.IsBasis(c)) {
			t.Errorf("Message(%s, %v) = %q, want Dutch with every argument in place", c, args, nl)
		}
	}
	for _, m := range []map[apperr.Code]string{messages, warnings, bases} {
		for c := range m {
			if !apperr.Known(c) {
				t.Errorf("Dutch text for %q, which is no code of the catalogue", c)
			}
		}
	}
	for c := range warningRenderers {
		if !apperr.IsWarning(c) {
			t.Errorf("renderer for %q, which is no kind of warning", c)
		}
	}
	for c := range bases {
		if !apperr.IsBasis(c) {
			t.Errorf("basis text for %q, which is no kind of basis", c)
		}
	}
	for c := range basisRenderers {
		if !apperr.IsBasis(c) {
			t.Errorf("renderer for %q, which is no kind of basis", c)
		}
	}
}

// hasDutch reports whether the catalogue has a Dutch text for c.
func hasDutch(c apperr.Code) bool {
	_, m := messages[c]
	_, w := warnings[c]
	_, r := warningRenderers[c]
	_, b := bases[c]
	_, br := basisRenderers[c]
	return m || w || r || b || br
}

// TestFieldHints: every instruction a form gives for a field belongs to a
// code and renders that code's arguments.
func TestFieldHints(t *testing.T) {
	t.Parallel()
	for h, tmpl := range fieldHints {
		if !apperr.Known(h.code) {
			t.Errorf("hint %q for %s: unknown code", tmpl, h.field)
			continue
		}
		if h.field != hintField(h.field) {
			t.Errorf("hint for %s %s: the field holds an index", h.code, h.field)
		}
		got := FieldMessage(apperr.FieldError{Field: h.field, Code: h.code, Args: apperr.Example(h.code)})
		if leftover.MatchString(got) || !strings.HasSuffix(got, ".") {
			t.Errorf("FieldMessage(%s on %s) = %q, want a Dutch sentence", h.code, h.field, got)
		}
	}
}

// TestMessages: worked examples, with the texts the forms showed before
// the codes (internal/web's tests pin several).
func TestMessages(t *testing.T) {
	t.Parallel()
	day := func(s string) apperr.Day { return apperr.Day(s) }
	tests := []struct {
		name string
		e    apperr.FieldError
		want string
	}{
		{"the date bounds, in Dutch dates (issue 12)",
			apperr.FieldError{Field: "start", Code: apperr.DateOutOfRange, Args: []any{day("1900-01-01"), day("2199-12-31"), day("9999-12-31")}},
			"Kies een datum tussen 01-01-1900 en 31-12-2199."},
		{"a length in thousands with a Dutch digit group",
			apperr.FieldError{Field: "notes", Code: apperr.TooLong, Args: []any{4000}}, "Gebruik hooguit 4.000 tekens."},
		{"the money cap in euros",
			apperr.FieldError{Field: "annualValue", Code: apperr.MoneyCap, Args: []any{apperr.Cents(100_000_000_000_000)}},
			"Dit bedrag is te hoog: hooguit €\u00a01.000.000.000.000,00."},
		{"years stay ungrouped",
			apperr.FieldError{Field: "indexation[1999]", Code: apperr.IndexYear, Args: []any{2000, 2100}}, "Het jaar moet tussen 2000 en 2100 liggen."},
		{"a required organization is chosen from the list",
			apperr.FieldError{Field: "organization", Code: apperr.Required}, "Kies een organisatie."},
		{"a required field without an instruction of its own",
			apperr.FieldError{Field: "reference", Code: apperr.Required}, "Vul dit veld in."},
		{"a licence line's negative price, whatever its row",
			apperr.FieldError{Field: "licenceLines[3].unitPrice", Code: apperr.Negative, Args: []any{apperr.Cents(-100)}}, "De prijs mag niet negatief zijn."},
		{"a demand's negative quantity",
			apperr.FieldError{Field: "quantity", Code: apperr.Negative, Args: []any{-5}}, "Het aantal mag niet negatief zijn."},
		{"a participant's negative quantity per lot",
			apperr.FieldError{Field: "volumes[0].quantity", Code: apperr.Negative, Args: []any{-1}}, "Vul 0 of meer in."},
		{"a notice period in days, grouped",
			apperr.FieldError{Field: "noticeDays", Code: apperr.AtMostDays, Args: []any{3660}}, "Een opzegtermijn is hooguit 3.660 dagen."},
		{"a rating of one requirement",
			apperr.FieldError{Field: "ratings.12", Code: apperr.OneOf, Args: []any{"must, should, could or wont", "maybe"}}, "Kies moet, zou moeten, kan of niet nu."},
		{"a signed mandate without its date",
			apperr.FieldError{Field: "mandate.signed", Code: apperr.MandateSignedRequired}, "Vul de datum in waarop het mandaat is getekend."},
		{"a deadline before the minimum, the earliest in Dutch",
			apperr.FieldError{Field: "tenderDeadline", Code: apperr.DeadlineTooEarly, Args: []any{day("2026-12-14"), day("2026-11-03"), apperr.Base(apperr.BasisOpen, 45)}},
			"Deze sluitingstermijn is korter dan de minimumtermijn: kies 14-12-2026 of later (Aw 2012 art. 2.71–2.74a)."},
		{"a framework of 60 months (Aw 2012 art. 2.140)",
			apperr.FieldError{Field: "termMonths", Code: apperr.FrameworkTooLong, Args: []any{48, 60}},
			"Een raamovereenkomst loopt inclusief opties hooguit 48 maanden, tenzij objectief gerechtvaardigd (Aw 2012 art. 2.140): kort de looptijd of de opties in, of leg de rechtvaardiging vast."},
		{"a percentage sign in a text without arguments",
			apperr.FieldError{Field: "indexationDefault", Code: apperr.IndexRate, Args: []any{-2000, 5000, 6000}}, "Vul een indexering van −20 % tot 50 % in."},
		{"an unknown code gets a general hint, never English",
			apperr.FieldError{Field: "x", Code: "no_such_code"}, "Controleer deze waarde."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := FieldMessage(tt.e); got != tt.want {
				t.Errorf("FieldMessage(%+v) = %q, want %q", tt.e, got, tt.want)
			}
		})
	}
}

// TestMessageAfterJSON: a problem that went through JSON (its numbers
// float64, its dates and amounts plain) still renders.
func TestMessageAfterJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(apperr.FieldError{Field: "notes", Code: apperr.TooLong, Args: []any{4000}})
	if err != nil {
		t.Fatal(err)
	}
	var e apperr.FieldError
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	if got, want := FieldMessage(e), "Gebruik hooguit 4.000 tekens."; got != want {
		t.Errorf("FieldMessage(%s) = %q, want %q", b, got, want)
	}
}

func TestHintField(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"title": "title", "licenceLines[12].unitPrice": "licenceLines.unitPrice", "ratings.12": "ratings",
		"award.vendors.3": "award.vendors", "options[0].months": "options.months", "indexation[2026]": "indexation",
	} {
		if got := hintField(in); got != want {
			t.Errorf("hintField(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMsgFormatters(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ got, want string }{
		{msgMoney(123456789), "€\u00a01.234.567,89"}, {msgMoney(-5), "-€\u00a00,05"}, {msgMoney(0), "€\u00a00,00"},
		{msgDate("2026-11-22"), "22-11-2026"}, {msgDate("10000-01-01"), "10000-01-01"},
		{msgGroup("-1234567"), "-1.234.567"}, {msgGroup("999"), "999"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestCatalogueOrder keeps the catalogue's two halves in step: the codes
// with a Dutch text are exactly the codes of internal/apperr.
func TestCatalogueOrder(t *testing.T) {
	t.Parallel()
	var dutch []string
	for c := range messages {
		dutch = append(dutch, string(c))
	}
	for c := range warnings {
		dutch = append(dutch, string(c))
	}
	for c := range warningRenderers {
		dutch = append(dutch, string(c))
	}
	for c := range bases {
		dutch = append(dutch, string(c))
	}
	for c := range basisRenderers {
		dutch = append(dutch, string(c))
	}
	var codes []string
	for _, c := range apperr.Codes() {
		codes = append(codes, string(c))
	}
	slices.Sort(dutch)
	slices.Sort(codes)
	if !slices.Equal(dutch, codes) {
		t.Errorf("Dutch texts for %d codes, catalogue has %d", len(dutch), len(codes))
	}
}

// TestWarnings: the warnings read as the plan and the dossier have always
// written them.
func TestWarnings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		w    apperr.Warning
		want string
	}{
		{"a split, in euros (Aw 2012 art. 2.15–2.19)",
			apperr.Warn(apperr.WarnSplit, "Telefonie", 2, apperr.Cents(24_000_000), apperr.Cents(22_100_000)),
			"categorie Telefonie: 2 aanbestedingen elk onder de drempel, samen €\u00a0240.000,00 ≥ drempel €\u00a0221.000,00; opsplitsen om de Europese procedure te ontlopen is verboden (Aw 2012 art. 2.15–2.19; Richtlijn 2014/24/EU art. 5(3))"},
		{"one participant without value",
			apperr.Warn(apperr.WarnWithoutValue, 1, []string{"Gemeente B"}),
			"1 deelnemer heeft volume zonder waarde (Gemeente B): geef een jaarwaarde of een eenheidsprijs van het perceel. Zonder waarde telt dat volume niet mee in de geraamde waarde en wegen hun beoordelingen van de eisen niet mee naast die van deelnemers met waarde"},
		{"seven participants without value, five named",
			apperr.Warn(apperr.WarnWithoutValue, 7, []string{"A", "B", "C", "D", "E"}),
			"7 deelnemers hebben volume zonder waarde (A, B, C, D, E, en 2 andere): geef een jaarwaarde of een eenheidsprijs van het perceel. Zonder waarde telt dat volume niet mee in de geraamde waarde en wegen hun beoordelingen van de eisen niet mee naast die van deelnemers met waarde"},
		{"the light regime chosen by hand",
			apperr.Warn(apperr.WarnProcedureRefused, "light_regime", apperr.FieldErrors{{Field: "procedure", Code: apperr.LightRegimeChosen}}),
			"de gekozen verlicht regime voor sociale en andere specifieke diensten is niet toegestaan: het verlicht regime volgt uit de soort opdracht en de waarde en kan niet worden gekozen (Aw 2012 art. 2.38); de bepaalde procedure geldt"},
		{"a framework of 60 months",
			apperr.Warn(apperr.WarnFrameworkTerm, 60, 48),
			"raamovereenkomst van 60 maanden inclusief opties: zonder vastgelegde objectieve rechtvaardiging maximaal 48 maanden (Aw 2012 art. 2.140)"},
	}
	for _, tt := range tests {
		if got := Warning(tt.w); got != tt.want {
			t.Errorf("%s: Warning(%+v) =\n%q, want\n%q", tt.name, tt.w, got, tt.want)
		}
	}
}
