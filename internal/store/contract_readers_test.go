package store_test

import (
	"context"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

// TestContractReadersReadTheNoticeTerms: every reader of the contract
// table returns the terms the renewal and notice maths needs (DESIGN §4):
// the indefinite renewal kind, notice in days and notice that may end on
// any day. A reader that left a column out would compute another end, and
// with it another gap, lock-in score or committed spend.
func TestContractReadersReadTheNoticeTerms(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	asOf := contracts.NewDate(2026, 1, 1)
	want := map[string]contracts.Contract{}
	for _, c := range []contracts.Contract{
		// "Daarna voor onbepaalde tijd, opzegbaar met 90 dagen."
		{Number: "D-90", RenewalKind: contracts.RenewalIndefinite, NoticeDays: 90},
		// Three months' notice that may end on any day, not a month end.
		{Number: "M-3", RenewalKind: contracts.RenewalIndefinite, NoticeMonths: 3, NoticeEndsAnyDay: true},
		// Tacit renewal with notice in days.
		{Number: "T-60", RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, NoticeDays: 60},
	} {
		c.Organization, c.Title, c.VendorID, c.CategoryID = "GM0363", "Telefonie "+c.Number, f.vendor, f.category
		c.Start, c.InitialTermMonths, c.AnnualValue, c.Status = contracts.NewDate(2025, 1, 31), 12, 1000, contracts.StatusActive
		if _, err := f.st.CreateContract(ctx, c, nil, c.Dates(asOf), asOf); err != nil {
			t.Fatalf("CreateContract %s: %v", c.Number, err)
		}
		want[c.Number] = c
	}
	check := func(reader string, got contracts.Contract) {
		t.Helper()
		w, ok := want[got.Number]
		if !ok && got.Number != "" {
			t.Errorf("%s: unexpected contract %q", reader, got.Number)
			return
		}
		if got.Number == "" {
			// A lean spend pass leaves the number out: match by id order.
			return
		}
		if got.RenewalKind != w.RenewalKind || got.NoticeMonths != w.NoticeMonths || got.NoticeDays != w.NoticeDays ||
			got.NoticeEndsAnyDay != w.NoticeEndsAnyDay {
			t.Errorf("%s: %s reads kind %s, notice %d months / %d days, any day %v; want %s, %d / %d, %v", reader, got.Number,
				got.RenewalKind, got.NoticeMonths, got.NoticeDays, got.NoticeEndsAnyDay,
				w.RenewalKind, w.NoticeMonths, w.NoticeDays, w.NoticeEndsAnyDay)
		}
		if got.InitialEnd() != w.InitialEnd() || got.EarliestEnd(asOf) != w.EarliestEnd(asOf) {
			t.Errorf("%s: %s ends %s, earliest %s; want %s, %s", reader, got.Number, got.InitialEnd(), got.EarliestEnd(asOf),
				w.InitialEnd(), w.EarliestEnd(asOf))
		}
	}

	// The register's own reader (contractSelect, newContractSummaryScan).
	n := 0
	err := f.st.EachContract(ctx, contracts.ContractFilter{Scope: contracts.Everyone(), Organization: "GM0363", Sort: contracts.SortNumber}, func(cs contracts.ContractSummary) error {
		check("EachContract", cs.Contract)
		n++
		return nil
	})
	if err != nil || n != len(want) {
		t.Fatalf("EachContract: %d contracts, %v; want %d", n, err, len(want))
	}
	// The bundler's and tender view's reader.
	cs, err := f.ps.CategoryContracts(ctx, f.category, nil)
	if err != nil || len(cs) != len(want) {
		t.Fatalf("CategoryContracts: %d contracts, %v; want %d", len(cs), err, len(want))
	}
	for _, c := range cs {
		check("CategoryContracts", c.Contract)
	}
	// The alerts' reader, with every contract that is not terminated.
	n = 0
	err = f.st.AlertContracts(ctx, contracts.Everyone(), "GM0363", asOf, contracts.Date{}, func(cs contracts.ContractSummary) error {
		check("AlertContracts", cs.Contract)
		n++
		return nil
	})
	if err != nil || n != len(want) {
		t.Fatalf("AlertContracts: %d contracts, %v; want %d", n, err, len(want))
	}
	// The spend pass, full and lean; the lean pass has no numbers, so its
	// rows are compared in id order with the full pass's.
	var full []contracts.Contract
	err = f.st.EachSpendContract(ctx, contracts.SpendFilter{Scope: contracts.Everyone()}, func(sc contracts.SpendContract) error {
		check("EachSpendContract", sc.Contract)
		full = append(full, sc.Contract)
		return nil
	})
	if err != nil || len(full) != len(want) {
		t.Fatalf("EachSpendContract: %d contracts, %v; want %d", len(full), err, len(want))
	}
	i := 0
	err = f.st.EachSpendContract(ctx, contracts.SpendFilter{Scope: contracts.Everyone(), Lean: true}, func(sc contracts.SpendContract) error {
		c := sc.Contract
		c.Number = full[i].Number
		check("EachSpendContract (lean)", c)
		i++
		return nil
	})
	if err != nil || i != len(want) {
		t.Fatalf("EachSpendContract (lean): %d contracts, %v; want %d", i, err, len(want))
	}
}
