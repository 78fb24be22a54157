package exports_test

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

var depGenerated = time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam)

func lockIn(id int64, org, number, title, vendor string, spend contracts.Money, factors ...contracts.LockInFactor) exports.DependencyLockIn {
	s := contracts.LockInScore{Factors: factors}
	for _, f := range factors {
		s.Score += f.Points
	}
	return exports.DependencyLockIn{OrganizationName: org, ContractLockIn: contracts.ContractLockIn{ContractID: id, Number: number, Title: title,
		VendorName: vendor, GroupName: vendor, CategoryName: "Zaakgericht werken", Spend: spend, TenureYears: 6, LockIn: s}}
}

// dependencyFixture is the report of 's-Hertogenbosch: three vendor
// groups (one named like a formula, one with markup and a very long
// name), lock-in with every factor, a missed notice and an option.
func dependencyFixture() exports.DependencyReport {
	org := contracts.Organization{Code: "GM0796", Name: "'s-Hertogenbosch", Kind: contracts.KindMunicipality, Population: 160000}
	shares := []contracts.Share{{Key: "4", Label: "Centric", Amount: 123456}, {Key: "9", Label: "=HYPERLINK(\"x\")", Amount: 50000},
		{Key: "7", Label: `Leverancier <b>&amp;</b> "Súdwest-Fryslân" ` + string(bytes.Repeat([]byte("lang "), 80)), Amount: 10000}}
	conc := contracts.ConcentrationOf(shares)
	var vendors []contracts.VendorDependency
	for _, s := range conc.Shares {
		vendors = append(vendors, contracts.VendorDependency{GroupName: s.Label, Amount: s.Amount, BasisPoints: s.BasisPoints, Contracts: 2})
	}
	hb := contracts.AlertContract{ID: 1, Organization: "GM0796", OrganizationName: "'s-Hertogenbosch", Number: "2024-017", Title: "Zaaksysteem", VendorName: "Centric"}
	return exports.DependencyReport{
		Generated: depGenerated, Year: 2026, AsOf: date(2026, 11, 22), Organization: org, Organizations: 1,
		Concentration: conc, Vendors: vendors,
		LockIn: []exports.DependencyLockIn{
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
		Exit:  exports.ExitSummary{ExitReadiness: contracts.ExitReadiness{Ready: 10000, Total: 183456, BasisPoints: 545, ReadyContracts: 1, Contracts: 6}, InForce: 6, ExitPlan: 2, OpenData: 3, Continuity: 1, BusinessCritical: 2, CriticalWithoutContinuity: 1},
		Index: contracts.IndexRates{Default: 250, ByYear: map[int]int{2026: 310}},
	}
}

// cooperativeFixture is the same report for the whole cooperative, with
// categories and reach.
func cooperativeFixture() exports.DependencyReport {
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
		report exports.DependencyReport
		golden string
		want   []string
	}{
		{"organization", dependencyFixture(), "dependency_organization.pdf.golden", []string{"'s-Hertogenbosch", "Súdwest-Fryslân", "€ 1.234,56", "HHI"}},
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

func dependencyWorkbook(t *testing.T, r exports.DependencyReport) []byte {
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

// fakeDependency serves two organizations' summaries.
type fakeDependency struct {
	scopes [][]string
}

func (f *fakeDependency) DependencySummary(_ context.Context, scope []string, org string, year int) (contracts.Dependency, error) {
	f.scopes = append(f.scopes, scope)
	d := contracts.Dependency{Organization: contracts.Organization{Code: org, Name: "Naam " + org}, Year: year, AsOf: date(2026, 11, 22),
		Exit: contracts.ExitReadiness{Ready: 100, Total: 300, Contracts: 3, ReadyContracts: 1}}
	for i := range 15 {
		d.LockIn = append(d.LockIn, contracts.ContractLockIn{ContractID: int64(i), Number: org, LockIn: contracts.LockInScore{Score: i * 5}})
	}
	for i := range 60 {
		d.Deadlines = append(d.Deadlines, contracts.Alert{Kind: contracts.AlertNotice, Date: date(2027, 1, 1).AddDays(i), Contract: contracts.AlertContract{ID: int64(i)}})
	}
	return d, nil
}

func (f *fakeDependency) CooperativeConcentration(context.Context, []string, int) (contracts.CooperativeConcentration, error) {
	return contracts.CooperativeConcentration{AsOf: date(2026, 11, 22)}, nil
}

func (f *fakeDependency) Spend(_ context.Context, q contracts.SpendQuery) (contracts.SpendReport, error) {
	return contracts.SpendReport{Rows: []contracts.SpendRow{{Key: "4", Label: "Centric", Amount: 300, BasisPoints: 7500}, {Key: "5", Label: "KPN", Amount: 100, BasisPoints: 2500}}}, nil
}

func (f *fakeDependency) Organizations(_ context.Context, of contracts.OrganizationFilter) (contracts.OrganizationPage, error) {
	return contracts.OrganizationPage{Items: []contracts.Organization{{Code: "GM0001"}, {Code: "GM0002"}}, Total: 2}, nil
}

func (f *fakeDependency) EachContract(_ context.Context, cf contracts.ContractFilter, fn func(contracts.ContractSummary) error) error {
	for _, c := range []contracts.ContractSummary{
		{Contract: contracts.Contract{Exit: contracts.ExitFacts{ExitPlan: true, BusinessCritical: true}}},
		{Contract: contracts.Contract{Exit: contracts.ExitFacts{OpenData: true, Continuity: true}}},
		{Contract: contracts.Contract{Exit: contracts.ExitFacts{ExitPlan: true}}, Dates: contracts.Dates{Expired: true}},
	} {
		if err := fn(c); err != nil {
			return err
		}
	}
	return nil
}

func TestLoadDependencyReportCooperative(t *testing.T) {
	t.Parallel()
	src := &fakeDependency{}
	r, err := exports.LoadDependencyReport(context.Background(), src, exports.DependencyQuery{Year: 2026, Generated: depGenerated})
	if err != nil {
		t.Fatal(err)
	}
	if r.Organizations != 2 || len(r.LockIn) != exports.DependencyLockInListed || r.LockIn[0].LockIn.Score != 70 {
		t.Errorf("organizations %d, lock-in %d (top %d); want 2, the top %d merged, highest 70 first", r.Organizations, len(r.LockIn),
			r.LockIn[0].LockIn.Score, exports.DependencyLockInListed)
	}
	if len(r.Deadlines) != exports.DependencyDeadlinesListed || r.MoreDeadlines != 20 {
		t.Errorf("deadlines %d listed, %d more; want %d and 20", len(r.Deadlines), r.MoreDeadlines, exports.DependencyDeadlinesListed)
	}
	if r.Exit.Ready != 200 || r.Exit.Total != 600 || r.Exit.BasisPoints != 3333 {
		t.Errorf("exit = %+v, want 200 of 600 (33,33 %%)", r.Exit.ExitReadiness)
	}
	if r.Exit.InForce != 2 || r.Exit.ExitPlan != 1 || r.Exit.OpenData != 1 || r.Exit.Continuity != 1 || r.Exit.CriticalWithoutContinuity != 1 {
		t.Errorf("exit counts = %+v, want the two contracts in force counted (the expired one not)", r.Exit)
	}
	if r.Concentration.HHI != 6250 || len(r.Vendors) != 2 || r.Vendors[0].GroupID != 4 {
		t.Errorf("concentration HHI %d with %d vendors, want 6,250 (75²+25²) over 2", r.Concentration.HHI, len(r.Vendors))
	}
}
