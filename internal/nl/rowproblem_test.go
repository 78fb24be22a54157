package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestRowProblem: a problem with a cell of the contract import reads in
// Dutch, a choice column's values in the words of the template.
func TestRowProblem(t *testing.T) {
	t.Parallel()
	problem := func(field string, code apperr.Code, args ...any) contracts.RowProblem {
		return contracts.RowProblem{Row: 3, Column: "x", FieldError: apperr.FieldError{Field: field, Code: code, Args: args}}
	}
	renewals := []string{"none", "tacit", "express", "indefinite"}
	tests := []struct {
		name string
		p    contracts.RowProblem
		want string
	}{
		{"an unknown renewal kind", problem("renewalKind", apperr.NotAChoice, "soms", renewals),
			"‘soms’ is geen van deze waarden: geen, stilzwijgend, optie of onbepaalde tijd."},
		{"no renewal kind", problem("renewalKind", apperr.RequiredChoice, renewals),
			"Vul een van deze waarden in: geen, stilzwijgend, optie of onbepaalde tijd."},
		{"an unknown status", problem("status", apperr.NotAChoice, "klaar", []string{"draft", "active", "terminated"}),
			"‘klaar’ is geen van deze waarden: concept, actief of beëindigd."},
		{"an unknown metric", problem("metric", apperr.NotAChoice, "per stoel", []string{"named_user", "concurrent", "device", "per_inhabitant", "enterprise"}),
			"‘per stoel’ is geen van deze waarden: benoemde gebruiker, gelijktijdige gebruiker, apparaat, per inwoner of organisatiebreed."},
		{"a licence line without its price period", problem("pricePeriod", apperr.LineChoice, []string{"month", "year", "once"}),
			"Vul dit in voor een licentieregel, met een van deze waarden: maand, jaar of eenmalig."},
		{"a negative price, with the form's own instruction", problem("unitPrice", apperr.Negative, apperr.Cents(-100)), "De prijs mag niet negatief zijn."},
		{"a formula", problem("annualValue", apperr.Formula, "=SUM(K1:K9)"), "‘=SUM(K1:K9)’ lijkt een formule. Formules worden niet uitgerekend: vul de waarde zelf in."},
		{"a number read as a date", problem("start", apperr.ImplausibleDate, "2024", apperr.Day("1905-07-16")),
			"‘2024’ wordt gelezen als 16-07-1905, en dat is geen aannemelijke datum voor een contract."},
		{"an ambiguous amount", problem("annualValue", apperr.AmountAmbiguous, "1,234"),
			"‘1,234’ is geen eenduidig bedrag: met drie cijfers na de komma kunnen duizendtallen of centen bedoeld zijn. Schrijf 1234,56 of 1.234,56."},
		{"a row of the same contract that differs", problem("annualValue", apperr.RowDiffers, "€\u00a050.000,00", 2),
			"‘€\u00a050.000,00’ wijkt af van rij 2 van hetzelfde contract: laat de cel leeg of herhaal de waarde van die rij."},
		{"a clash with the stored values", problem("renewalsExercised", apperr.WithStoredValues, apperr.FieldErrors{{Field: "renewalsExercised", Code: apperr.RenewalsExercised}}),
			"Samen met de opgeslagen waarden van de kolommen die het bestand niet heeft: alleen bij een verlengingsoptie: 0 of meer."},
		{"another organization's row", problem("organization", apperr.ImportOtherOrganization, "GM0518", "GM0363"),
			"Deze import is alleen voor GM0363; deze rij is van GM0518."},
		{"two vendors of one name", problem("vendor", apperr.VendorsNamed, 2, "KPN"),
			"Er zijn 2 leveranciers met de naam ‘KPN’: vul het KvK-nummer in om te zeggen welke."},
	}
	for _, tt := range tests {
		if got := RowProblem(tt.p); got != tt.want {
			t.Errorf("%s: RowProblem() =\n%q, want\n%q", tt.name, got, tt.want)
		}
	}
	if got, want := orList(nil), ""; got != want {
		t.Errorf("orList(nil) = %q, want %q", got, want)
	}
	if got, want := orList([]string{"ja"}), "ja"; got != want {
		t.Errorf("orList(ja) = %q, want %q", got, want)
	}
}
