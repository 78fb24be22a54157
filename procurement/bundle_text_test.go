package procurement_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// These tests read why a suggestion is proposed and its clustering
// justification as internal/nl words them (BundleWhy,
// BundleJustification), over the fixtures of bundle_test.go.

// bdToday is the fixed day the bundler tests run on.
var bdToday = contracts.NewDate(2026, 4, 1)

func bdDate(y int, m time.Month, d int) contracts.Date { return contracts.NewDate(y, m, d) }

// bdCategory is the category the tests bundle: mobile telephony with a
// service and a device CPV group.
var bdCategory = contracts.Category{ID: 3, Name: "Mobiele telefonie", CPV: []string{"64212000-5", "32250000-0"}}

// bdContract is an active services contract of org in bdCategory without
// renewal: start plus months, € annualEuro a year, with vendor.
func bdContract(id int64, org string, start contracts.Date, months int, annualEuro contracts.Money, vendor string) contracts.ContractSummary {
	return contracts.ContractSummary{
		Contract: contracts.Contract{
			ID: id, Organization: org, Number: "C-" + org, Title: "Mobiele telefonie", VendorID: 1, CategoryID: bdCategory.ID,
			CPV: "64212000-5", Start: start, InitialTermMonths: months, RenewalKind: contracts.RenewalNone,
			AnnualValue: annualEuro * euro, Status: contracts.StatusActive,
		},
		VendorName: vendor, OrganizationName: org,
	}
}

// bdRenewing gives c a renewal of kind: periods of 12 months, at most
// renewals of them, with notice months' notice.
func bdRenewing(c contracts.ContractSummary, kind contracts.RenewalKind, renewals, notice int) contracts.ContractSummary {
	c.RenewalKind, c.RenewalPeriodMonths, c.MaxRenewals, c.NoticeMonths = kind, 12, renewals, notice
	return c
}

// bdOrgs are municipalities in two regions and provinces, with one
// cooperation.
func bdOrgs() map[string]contracts.Organization {
	return map[string]contracts.Organization{
		"GM0001":     {Code: "GM0001", Name: "Aadorp", Kind: contracts.KindMunicipality, Province: "PV23", Region: "Regio Twente", Population: 15_000, Cooperations: []string{"SW-DIMPACT"}},
		"GM0002":     {Code: "GM0002", Name: "Bedum", Kind: contracts.KindMunicipality, Province: "PV23", Region: "Regio Twente", Population: 45_000},
		"GM0003":     {Code: "GM0003", Name: "Capelle", Kind: contracts.KindMunicipality, Province: "PV21", Region: "Súdwest-Fryslân", Population: 120_000, Cooperations: []string{"SW-DIMPACT"}},
		"GM0004":     {Code: "GM0004", Name: "Dalfsen", Kind: contracts.KindMunicipality, Province: "PV21", Region: "Súdwest-Fryslân", Population: 28_000},
		"SW-DIMPACT": {Code: "SW-DIMPACT", Name: "Dimpact", Kind: contracts.KindCooperation},
	}
}

// bdInput is the bundler's input over cs with the default settings and an
// 18-month window.
func bdInput(cs []contracts.ContractSummary) procurement.BundleInput {
	return procurement.BundleInput{
		Category: bdCategory, Contracts: cs, Organizations: bdOrgs(), Today: bdToday,
		WindowMonths: 18, Settings: procurement.DefaultBundling(), Rules: procurement.DefaultRules(), Bands: procurement.DefaultPolicyBands(),
	}
}

func TestSuggestJustificationText(t *testing.T) {
	t.Parallel()
	cs := []contracts.ContractSummary{
		bdContract(1, "GM0001", bdDate(2024, 6, 1), 36, 200_000, "KPN"),
		bdContract(2, "GM0002", bdDate(2024, 7, 1), 36, 100_000, "KPN"),
		bdContract(3, "GM0004", bdDate(2024, 8, 1), 36, 100_000, "Vodafone"),
	}
	got, err := procurement.Suggest(bdInput(cs))
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	s := got[0]
	justification := nl.BundleJustification(s)
	tests := []struct {
		topic string
		basis string
		want  []string
	}{
		{"Omvang", "Aw 2012 art. 1.5", []string{"3 deelnemers", "€ 400.000,00 per jaar", "€ 1.600.000,00"}},
		{"Samenhang van de opdrachten", "lid 2 onder c", []string{"Mobiele telefonie", "64212000-5", "18 maanden", "01-06-2027"}},
		{"Relevante markt", "lid 2 onder a", []string{"2 verschillende leveranciers(groepen)", "KPN (2)", "Vodafone (1)"}},
		{"Organisatorische gevolgen en risico's", "lid 2 onder b", []string{"3 mandaten", "1 met minder dan 20.000 inwoners"}},
		{"Percelen", "lid 4", []string{"regionale percelen"}},
	}
	for _, tt := range tests {
		t.Run(tt.topic, func(t *testing.T) {
			i := slices.IndexFunc(justification, func(j nl.Justification) bool { return j.Topic == tt.topic })
			if i < 0 {
				t.Fatalf("justification has no %q: %v", tt.topic, justification)
			}
			j := justification[i]
			if !strings.Contains(j.Basis, tt.basis) {
				t.Errorf("%s basis = %q, want it to cite %q", tt.topic, j.Basis, tt.basis)
			}
			for _, w := range tt.want {
				if !strings.Contains(j.Text, w) {
					t.Errorf("%s text = %q, want it to contain %q", tt.topic, j.Text, w)
				}
			}
		})
	}
	if why := nl.BundleWhy(s); len(why) == 0 || !strings.HasPrefix(why[0], "3 organisaties hebben tussen 01-06-2027 en 01-08-2027 een nieuw contract voor Mobiele telefonie nodig") {
		t.Errorf("Why = %q", why)
	}
	var names []string
	for _, a := range nl.Assumptions(s.Assumptions) {
		names = append(names, a.Name)
	}
	for _, n := range []string{"Looptijd en opties", "Transactiekosten per aanbesteding", "Volumekorting"} {
		if !slices.Contains(names, n) {
			t.Errorf("assumptions %v lack %q", names, n)
		}
	}
	s.Scoped = true
	if j := nl.BundleJustification(s); j != nil {
		t.Errorf("a scoped suggestion's justification = %v, want none: it names every participant's vendor", j)
	}
}

func TestSuggestBridgesWhy(t *testing.T) {
	t.Parallel()
	// Both need a new contract within months: the plan cannot meet that,
	// so both need a bridge (TestSuggestBridges).
	optionLeft := bdRenewing(bdContract(1, "GM0001", bdDate(2024, 7, 1), 24, 100_000, "KPN"), contracts.RenewalExpress, 2, 1)
	tacit := bdRenewing(bdContract(2, "GM0002", bdDate(2023, 11, 1), 36, 100_000, "KPN"), contracts.RenewalTacit, 0, 1)
	noOption := bdContract(3, "GM0003", bdDate(2023, 8, 1), 36, 100_000, "Vodafone")
	lapsed := bdRenewing(bdContract(4, "GM0004", bdDate(2023, 9, 1), 36, 100_000, "Odido"), contracts.RenewalExpress, 1, 6)
	got, err := procurement.Suggest(bdInput([]contracts.ContractSummary{optionLeft, tacit, noOption, lapsed}))
	if err != nil || len(got) != 1 {
		t.Fatalf("Suggest() = %d suggestions, %v; want 1", len(got), err)
	}
	if why := nl.BundleWhy(got[0]); !hasText(why, "niet meer haalbaar") || !hasText(why, "kunnen niet verlengen") {
		t.Errorf("Why = %q, want the late start and the bridges explained", why)
	}
}
