package procurement_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// These tests read why a suggestion is proposed and its clustering
// justification as internal/nl words them (BundleWhy,
// BundleJustification), over the fixtures of bundle_test.go.

// The fixtures are bundle_test.go's, which that internal test file
// exports for this one (bundle_fixtures_export_test.go).
var (
	bdDate     = procurement.BDDate
	bdContract = procurement.BDContract
	bdRenewing = procurement.BDRenewing
)

// bdInput is bundle_test.go's input over cs, without demand.
func bdInput(cs []contracts.ContractSummary) procurement.BundleInput {
	return procurement.BDInput(cs, nil)
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
		{"Omvang", "Aw 2012 art. 1.5", []string{"3 deelnemers", "€\u00a0400.000,00 per jaar", "€\u00a01.600.000,00"}},
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
