package exports_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

var spendGenerated = time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam)

// spendFixture is a workbook about Súdwest-Fryslân (90,000 inhabitants)
// over 2026–2030: two vendor groups in 2026, a third from 2027, one of
// them named like a formula, and a category row without a category.
func spendFixture() contracts.SpendWorkbook {
	org := contracts.Organization{Code: "GM1900", Name: "Súdwest-Fryslân", Kind: contracts.KindMunicipality, Population: 90000}
	index := contracts.IndexRates{Default: 250, ByYear: map[int]int{2026: 310, 2025: 420}}
	const pop = 90000
	rep := func(g contracts.SpendGroupBy, year int, rows ...contracts.SpendRow) contracts.SpendReport {
		r := contracts.SpendReport{Year: year, GroupBy: g, Organization: org, AsOf: date(2026, 11, 22), Index: index, Rows: rows, Population: pop}
		for i := range r.Rows {
			r.Rows[i].Population = pop
			r.Total += r.Rows[i].Amount
		}
		return r
	}
	reports := map[contracts.SpendGroupBy][]contracts.SpendReport{}
	for i := range contracts.SpendWorkbookYears {
		y := 2026 + i
		grow := contracts.Money(100 + 3*i)
		groups := []contracts.SpendRow{
			{Key: "4", Label: "Centric", Amount: 123456 * grow / 100, Contracts: 2},
			{Key: "9", Label: "=HYPERLINK(\"x\")", Amount: 50000 * grow / 100, Contracts: 1},
		}
		if i > 0 {
			groups = append(groups, contracts.SpendRow{Key: "2", Label: "'s-Hertogenbosch ICT", Amount: 7500, Contracts: 1})
		}
		reports[contracts.ByVendorGroup] = append(reports[contracts.ByVendorGroup], rep(contracts.ByVendorGroup, y, groups...))
		reports[contracts.ByVendor] = append(reports[contracts.ByVendor], rep(contracts.ByVendor, y,
			contracts.SpendRow{Key: "5", Label: "Centric Netherlands B.V.", Amount: 123456 * grow / 100, Contracts: 2},
			contracts.SpendRow{Key: "9", Label: "=HYPERLINK(\"x\")", Amount: 50000 * grow / 100, Contracts: 1}))
		reports[contracts.ByCategory] = append(reports[contracts.ByCategory], rep(contracts.ByCategory, y,
			contracts.SpendRow{Key: "3", Label: "Zaakgericht werken", Amount: 123456 * grow / 100, Contracts: 2},
			contracts.SpendRow{Key: "0", Label: "", Amount: 50000 * grow / 100, Contracts: 1}))
		reports[contracts.ByOrganization] = append(reports[contracts.ByOrganization], rep(contracts.ByOrganization, y,
			contracts.SpendRow{Key: "GM1900", Label: "Súdwest-Fryslân", Amount: 173456 * grow / 100, Contracts: 3}))
	}
	fc := contracts.SpendForecast{Organization: org, AsOf: date(2026, 11, 22), Index: index, Population: pop}
	for i := range contracts.SpendWorkbookYears {
		var total contracts.Money
		for _, r := range reports[contracts.ByVendorGroup][i].Rows {
			total += r.Amount
		}
		fc.Years = append(fc.Years, contracts.YearSpend{Year: 2026 + i, Amount: total, Contracts: 3})
	}
	// Two licence lines over quota listed of three: the sheet notes the
	// third.
	lic := contracts.LicencePage{Total: 3, OverQuota: 3, ExcessCost: 290_000, Items: []contracts.LicenceRow{
		{LicenceLine: contracts.LicenceLine{Product: "Zaaksysteem", Metric: contracts.MetricConcurrent, Quantity: 10, SeatsInUse: 12,
			UnitPrice: 100_000, PricePeriod: contracts.PerYear}, ContractNumber: "2024-017", ContractTitle: "Zaaksysteem",
			OrganizationName: "Súdwest-Fryslân", VendorName: "Centric Netherlands B.V."},
		{LicenceLine: contracts.LicenceLine{Product: "=HYPERLINK(\"x\")", Metric: contracts.MetricNamedUser, Quantity: 100, SeatsInUse: 130,
			UnitPrice: 1_200, PricePeriod: contracts.PerMonth}, ContractNumber: "2025-003", ContractTitle: "Kantoor",
			OrganizationName: "Súdwest-Fryslân", VendorName: "Wad B.V."},
	}}
	return contracts.SpendWorkbook{Generated: spendGenerated, Organization: org, From: 2026, Reports: reports, Forecast: fc, Licences: lic}
}

func spendWorkbookBytes(t *testing.T, s contracts.SpendWorkbook) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.SpendXLSX(&buf, s); err != nil {
		t.Fatalf("SpendXLSX: %v", err)
	}
	return buf.Bytes()
}

func TestSpendXLSXGolden(t *testing.T) {
	t.Parallel()
	f := openWorkbook(t, spendWorkbookBytes(t, spendFixture()))
	checkGolden(t, "spend.xlsx.golden", []byte(dumpXLSX(t, f)))
}

func TestSpendXLSXIsDeterministic(t *testing.T) {
	t.Parallel()
	if !bytes.Equal(spendWorkbookBytes(t, spendFixture()), spendWorkbookBytes(t, spendFixture())) {
		t.Error("two workbooks from the same input differ; nothing may depend on the clock or map order")
	}
}

// TestSpendXLSXTotals re-opens the workbook and checks that every total
// is a SUM over exactly the rows above it, year by year.
func TestSpendXLSXTotals(t *testing.T) {
	t.Parallel()
	f := openWorkbook(t, spendWorkbookBytes(t, spendFixture()))
	checkSum(t, f, "Prognose", "B10", "B", 5, 9)
	tests := []struct {
		sheet string
		rows  int
	}{
		{"Per leveranciersgroep", 3},
		{"Per leverancier", 2},
		{"Per categorie", 2},
		{"Per organisatie", 1},
	}
	for _, tt := range tests {
		total := 2 + tt.rows
		for y, col := range []string{"C", "D", "E", "F", "G"} {
			if head, _ := f.GetCellValue(tt.sheet, col+"1"); head != fmt.Sprint(2026+y) {
				t.Errorf("%s!%s1 = %q, want the year %d", tt.sheet, col, head, 2026+y)
			}
			checkSum(t, f, tt.sheet, fmt.Sprintf("%s%d", col, total), col, 2, total-1)
		}
	}
	if got, _ := f.GetCellFormula("Per leveranciersgroep", "H2"); got != "IF(C$5=0,0,C2/C$5)" {
		t.Errorf("share of the first row = %q, want it against the total row", got)
	}
	if got, _ := f.GetCellFormula("Per leveranciersgroep", "J3"); got != "C3/$I3" {
		t.Errorf("per inhabitant = %q, want the amount over the inhabitants", got)
	}
}

func TestSpendXLSXNoFormulaInjection(t *testing.T) {
	t.Parallel()
	checkNoInjectedFormulas(t, openWorkbook(t, spendWorkbookBytes(t, spendFixture())), `=HYPERLINK("x")`)
}
