package nl

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// importRow reads one contract row with renewal and status cells through
// the contract import.
func importRow(t *testing.T, renewal, status, metric, period string) contracts.ContractImportRow {
	t.Helper()
	renewalPeriod, maxRenewals := "12", "2"
	switch renewal {
	case RenewalKindWord(contracts.RenewalNone), RenewalKindWord(contracts.RenewalIndefinite),
		RenewalKind(contracts.RenewalNone), RenewalKind(contracts.RenewalIndefinite),
		Capitalize(RenewalKind(contracts.RenewalNone)), Capitalize(RenewalKind(contracts.RenewalIndefinite)):
		renewalPeriod, maxRenewals = "", ""
	}
	tab := contracts.Table{
		Header: []string{"Organisatie", "Contractnummer", "Omschrijving", "Leverancier", "Ingangsdatum", "Looptijd (maanden)",
			"Verlenging", "Verlengingsperiode (maanden)", "Maximaal aantal verlengingen", "Status", "Product", "Metriek", "Aantal", "Prijs per eenheid", "Prijsperiode"},
		Rows: [][]string{{"GM0363", "A-1", "Telefonie", "KPN", Date(contracts.NewDate(2024, 1, 1)), "24",
			renewal, renewalPeriod, maxRenewals, status, "Licentie", metric, "10", Money(1250), period}},
	}
	rows, problems, err := contracts.ParseContractTable(tab, contracts.ContractImportOptions{})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("import of %q, %q, %q, %q: %d rows, %v, %v", renewal, status, metric, period, len(rows), problems, err)
	}
	return rows[0]
}

// TestImportReadsWordsAndLabels: the contract import reads the template's
// words (what the drop-down lists offer and the contract list writes) and
// the labels the pages show, so that a value copied from either goes back
// in.
func TestImportReadsWordsAndLabels(t *testing.T) {
	t.Parallel()
	for _, k := range contracts.RenewalKinds() {
		for _, s := range []string{RenewalKindWord(k), RenewalKind(k), Capitalize(RenewalKind(k))} {
			if got := importRow(t, s, "actief", "apparaat", "jaar").Contract.RenewalKind; got != k {
				t.Errorf("Verlenging %q imports as %q, want %q", s, got, k)
			}
		}
	}
	for _, st := range contracts.ContractStatuses() {
		for _, s := range []string{ContractStatusWord(st), Capitalize(ContractStatus(st))} {
			if got := importRow(t, "geen", s, "apparaat", "jaar").Contract.Status; got != st {
				t.Errorf("Status %q imports as %q, want %q", s, got, st)
			}
		}
	}
	for _, m := range contracts.Metrics() {
		for _, s := range []string{MetricWord(m), Capitalize(Metric(m))} {
			if got := importRow(t, "geen", "actief", s, "jaar").Lines[0].Metric; got != m {
				t.Errorf("Metriek %q imports as %q, want %q", s, got, m)
			}
		}
	}
	for _, p := range contracts.PricePeriods() {
		for _, s := range []string{PricePeriodWord(p), PricePeriod(p)} {
			if got := importRow(t, "geen", "actief", "apparaat", s).Lines[0].PricePeriod; got != p {
				t.Errorf("Prijsperiode %q imports as %q, want %q", s, got, p)
			}
		}
	}
	if got := importRow(t, "geen", "actief", "apparaat", "jaar").Lines[0].UnitPrice; got != 1250 {
		t.Errorf("Prijs per eenheid %q imports as %d, want 1250", Money(1250), got)
	}
}

func TestWordLists(t *testing.T) {
	t.Parallel()
	want := []string{"geen", "stilzwijgend", "optie", "onbepaalde tijd"}
	if got := RenewalKindWords(); len(got) != len(want) {
		t.Fatalf("RenewalKindWords() = %q, want %q", got, want)
	} else {
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("RenewalKindWords()[%d] = %q, want %q", i, got[i], want[i])
			}
		}
	}
	if len(ContractStatusWords()) != len(contracts.ContractStatuses()) || len(MetricWords()) != len(contracts.Metrics()) ||
		len(PricePeriodWords()) != len(contracts.PricePeriods()) {
		t.Error("a word list misses a value")
	}
}
