package exports_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

var depGenerated = time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam)

func lockIn(id int64, org, number, title, vendor string, spend contracts.Money, factors ...contracts.LockInFactor) contracts.DependencyLockIn {
	s := contracts.LockInScore{Factors: factors}
	for _, f := range factors {
		s.Score += f.Points
	}
	return contracts.DependencyLockIn{OrganizationName: org, ContractLockIn: contracts.ContractLockIn{ContractID: id, Number: number, Title: title,
		VendorName: vendor, GroupName: vendor, CategoryName: "Zaakgericht werken", Spend: spend, TenureYears: 6, LockIn: s}}
}

// dependencyFixture is the report of 's-Hertogenbosch: three vendor
// groups (one named like a formula, one with markup and a very long
// name), lock-in with every factor, a missed notice and an option.
func dependencyFixture() contracts.DependencyReport {
	org := contracts.Organization{Code: "GM0796", Name: "'s-Hertogenbosch", Kind: contracts.KindMunicipality, Population: 160000}
	shares := []contracts.Share{{Key: "4", Label: "Centric", Amount: 123456}, {Key: "9", Label: "=HYPERLINK(\"x\")", Amount: 50000},
		{Key: "7", Label: `Leverancier <b>&amp;</b> "Súdwest-Fryslân" ` + string(bytes.Repeat([]byte("lang "), 80)), Amount: 10000}}
	conc := contracts.ConcentrationOf(shares)
	var vendors []contracts.VendorDependency
	for _, s := range conc.Shares {
		vendors = append(vendors, contracts.VendorDependency{GroupName: s.Label, Amount: s.Amount, BasisPoints: s.BasisPoints, Contracts: 2})
	}
	hb := contracts.AlertContract{ID: 1, Organization: "GM0796", OrganizationName: "'s-Hertogenbosch", Number: "2024-017", Title: "Zaaksysteem", VendorName: "Centric"}
	return contracts.DependencyReport{
		Generated: depGenerated, Year: 2026, AsOf: date(2026, 11, 22), Organization: org, Organizations: 1,
		Concentration: conc, Vendors: vendors,
		LockIn: []contracts.DependencyLockIn{
			lockIn(1, "'s-Hertogenbosch", "2024-017", "Zaaksysteem", "Centric", 123456,
				contracts.LockInFactor{Key: "noExitPlan", Points: 20},
				contracts.LockInFactor{Key: "noOpenData", Points: 20},
				contracts.LockInFactor{Key: "tenure", Years: 6, Points: 12},
				contracts.LockInFactor{Key: "vendorShare", BasisPoints: 6750, Points: 14},
				contracts.LockInFactor{Key: "tacitRenewal", Renewal: contracts.RenewalTacit, Points: 10}),
			lockIn(2, "'s-Hertogenbosch", "SWF-2", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", 50000,
				contracts.LockInFactor{Key: "criticalWithoutContinuity", Points: 10}),
		},
		Weights: contracts.DefaultLockInWeights(),
		Deadlines: []contracts.Alert{
			{Kind: contracts.AlertNotice, Date: date(2026, 11, 22), Missed: true, Deadline: date(2026, 10, 31), End: date(2028, 1, 31), Contract: hb},
			{Kind: contracts.AlertOption, Date: date(2027, 6, 30), End: date(2027, 12, 31), Renewal: date(2028, 12, 31), Contract: hb},
		},
		Categories: []contracts.CategoryConcentration{
			{CategoryID: 3, Name: "Zaakgericht werken", Concentration: conc},
			{CategoryID: 5, Name: "Telefonie", Concentration: contracts.ConcentrationOf([]contracts.Share{{Key: "8", Label: "KPN", Amount: 9000}})},
		},
		Exit:  contracts.ExitSummary{ExitReadiness: contracts.ExitReadiness{Ready: 10000, Total: 183456, BasisPoints: 545, ReadyContracts: 1, Contracts: 6}, InForce: 6, ExitPlan: 2, OpenData: 3, Continuity: 1, BusinessCritical: 2, CriticalWithoutContinuity: 1},
		Index: contracts.IndexRates{Default: 250, ByYear: map[int]int{2026: 310}},
	}
}

// cooperativeFixture is the same report for the whole cooperative, with
// categories and reach.
func cooperativeFixture() contracts.DependencyReport {
	r := dependencyFixture()
	r.Organization, r.Organizations = contracts.Organization{}, 2
	r.LockIn = append(r.LockIn, lockIn(3, "Súdwest-Fryslân", "SWF 2021-17", "Telefonie", "KPN", 9000,
		contracts.LockInFactor{Key: "noExitPlan", Points: 20}))
	r.Categories = []contracts.CategoryConcentration{{CategoryID: 3, Name: "Zaakgericht werken", Concentration: r.Concentration, Buyers: 2}}
	r.Reach = []contracts.GroupReach{{GroupID: 4, GroupName: "Centric", Organizations: 2, Positions: 2}}
	r.MoreDeadlines = 3
	return r
}

func TestDependencyPDFGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		report contracts.DependencyReport
		golden string
		want   []string
	}{
		{"organization", dependencyFixture(), "dependency_organization.pdf.golden", []string{"'s-Hertogenbosch", "Súdwest-Fryslân", "€ 1.234,56", "HHI",
			"1. Conclusie", "In 2 van de 2 categorieën hangen we af van één of twee leveranciers", "Het grootste risico is Zaakgericht werken: Centric levert",
			"Oordeel per categorie: geconcentreerd in 2 van de 2 categorieën", "Bijlage B. Opzegtermijnen", "31 oktober 2026", "22 november 2026"}},
		{"cooperative", cooperativeFixture(), "dependency_cooperative.pdf.golden", []string{"'s-Hertogenbosch", "Súdwest-Fryslân", "€ 1.234,56", "Bereik"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := exports.DependencyPDFDoc(tt.report)
			checkPDF(t, tt.golden, p, pdfBytes(t, p), tt.want...)
		})
	}
}

func TestDependencyPDFIsDeterministic(t *testing.T) {
	t.Parallel()
	var a, b bytes.Buffer
	if err := exports.DependencyPDF(&a, cooperativeFixture()); err != nil {
		t.Fatal(err)
	}
	if err := exports.DependencyPDF(&b, cooperativeFixture()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two reports from the same input differ")
	}
}

func dependencyWorkbook(t *testing.T, r contracts.DependencyReport) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.DependencyXLSX(&buf, r); err != nil {
		t.Fatalf("DependencyXLSX: %v", err)
	}
	return buf.Bytes()
}

func TestDependencyXLSXGolden(t *testing.T) {
	t.Parallel()
	checkGolden(t, "dependency_organization.xlsx.golden", []byte(dumpXLSX(t, openWorkbook(t, dependencyWorkbook(t, dependencyFixture())))))
	checkGolden(t, "dependency_cooperative.xlsx.golden", []byte(dumpXLSX(t, openWorkbook(t, dependencyWorkbook(t, cooperativeFixture())))))
}

// TestDependencyXLSXFormulas re-opens the workbook: the vendor total sums
// the vendor rows, and a lock-in score sums its factor columns.
func TestDependencyXLSXFormulas(t *testing.T) {
	t.Parallel()
	f := openWorkbook(t, dependencyWorkbook(t, dependencyFixture()))
	checkSum(t, f, "Leveranciers", "C5", "C", 2, 4)
	checkSum(t, f, "Leveranciers", "B5", "B", 2, 4)
	if got, _ := f.GetCellFormula("Lock-in", "N2"); got != "MIN(100,SUM(H2:M2))" {
		t.Errorf("Lock-in!N2 = %q, want the factor columns summed", got)
	}
	for col, want := range map[string]string{"H2": "20", "I2": "20", "J2": "12", "K2": "14", "L2": "10", "M2": "0"} {
		if got, _ := f.GetCellValue("Lock-in", col); got != want {
			t.Errorf("Lock-in!%s = %q, want %s points", col, got, want)
		}
	}
	checkNoInjectedFormulas(t, f, `=HYPERLINK("x")`)
	if sheets := f.GetSheetList(); slices.Contains(sheets, "Bereik") {
		t.Errorf("an organization's workbook has the cooperative's sheets: %v", sheets)
	}
}
