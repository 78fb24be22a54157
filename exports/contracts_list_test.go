package exports_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/sheet"
)

// listFixture holds contracts whose names a spreadsheet could take for a
// formula (=, +, -, @), Dutch and Frisian names, an amount of
// € 1.234,56 and every renewal kind and status.
func listFixture() []contracts.ContractSummary {
	exit := contracts.ExitFacts{ExitPlan: true, OpenData: true, BusinessCritical: true, Interfaces: 4}
	return []contracts.ContractSummary{
		{Contract: contracts.Contract{ID: 1, Organization: "GM0796", Number: "2024-017", Title: "Zaaksysteem", CPV: "48000000-8",
			Start: date(2024, 2, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalTacit, RenewalPeriodMonths: 12, MaxRenewals: 2,
			NoticeMonths: 3, LeadDays: 30, AnnualValue: 123456, Status: contracts.StatusActive, Exit: exit},
			Dates: contracts.Dates{InitialEnd: date(2027, 1, 31), CurrentEnd: date(2027, 1, 31), CommittedEnd: date(2027, 1, 31),
				NoticeDeadline: date(2026, 10, 31), ActionDate: date(2026, 10, 1), MaxExtent: date(2029, 1, 31)},
			OrganizationName: "'s-Hertogenbosch", VendorName: "Centric Netherlands B.V.", VendorKVK: "01234567", VendorGroupName: "Centric",
			CategoryName: "Zaakgericht werken", LicenceLines: 2},
		{Contract: contracts.Contract{ID: 2, Organization: "GM1900", Number: "SWF 2021-17", Title: `=HYPERLINK("http://x.example","klik")`,
			Start: date(2021, 4, 1), InitialTermMonths: 48, RenewalKind: contracts.RenewalExpress, RenewalPeriodMonths: 12, MaxRenewals: 1,
			MaxEnd: date(2027, 3, 31), RenewalsExercised: 1, NoticeDays: 90, LeadDays: 14, AnnualValue: 98765432, Status: contracts.StatusActive,
			Notes: "Optie 1 gelicht op 15-09-2025;\nbesluit B&W 2025/311."},
			Dates: contracts.Dates{InitialEnd: date(2025, 3, 31), CurrentEnd: date(2026, 3, 31), CommittedEnd: date(2026, 3, 31),
				OptionDecision: date(2025, 9, 30)},
			OrganizationName: "Súdwest-Fryslân", VendorName: "+31 Telecom & Co <b>", VendorGroupName: "@Groep", CategoryName: "-Telefonie"},
		{Contract: contracts.Contract{ID: 3, Organization: "GM0518", Number: "DH-0031", Title: "Werkplekken; \"beheer\"\nen support",
			Start: date(2020, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, NoticeGivenOn: date(2021, 6, 1),
			AnnualValue: -1250, Status: contracts.StatusTerminated},
			Dates:            contracts.Dates{InitialEnd: date(2021, 12, 31), CurrentEnd: date(2021, 12, 31), CommittedEnd: date(2021, 12, 31)},
			OrganizationName: "'s-Gravenhage", VendorName: "Ŝtrange Ĉharacters", VendorGroupName: "Ŝtrange Ĉharacters"},
	}
}

// rowsOf yields cs as a store would.
func rowsOf(cs []contracts.ContractSummary) exports.ContractRows {
	return func(fn func(contracts.ContractSummary) error) error {
		for _, c := range cs {
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

var listInfo = exports.ContractListInfo{Created: time.Date(2026, 11, 22, 9, 30, 0, 0, contracts.Amsterdam), Filter: "Alle contracten"}

func contractsXLSX(t *testing.T, cs []contracts.ContractSummary) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.ContractsXLSX(&buf, listInfo, rowsOf(cs)); err != nil {
		t.Fatalf("ContractsXLSX: %v", err)
	}
	return openWorkbook(t, buf.Bytes())
}

func TestContractsXLSXGolden(t *testing.T) {
	t.Parallel()
	f := contractsXLSX(t, listFixture())
	checkGolden(t, "contracts_list.xlsx.golden", []byte(dumpXLSX(t, f)))
}

// TestContractsXLSXTotal re-opens the workbook: the Totaal sheet counts
// exactly the contract rows and sums their annual value column, and the
// Contracten sheet ends with the last contract, so that it imports again.
func TestContractsXLSXTotal(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 3} {
		t.Run(fmt.Sprintf("%d contracts", n), func(t *testing.T) {
			t.Parallel()
			f := contractsXLSX(t, listFixture()[:n])
			const col = "AB"
			head, err := f.GetCellValue("Contracten", col+"1")
			if err != nil || head != "Jaarwaarde" {
				t.Fatalf("%s1 = %q, %v; want the Jaarwaarde header", col, head, err)
			}
			rows, err := f.GetRows("Contracten")
			if err != nil || len(rows) != n+1 {
				t.Errorf("Contracten has %d rows, %v; want the header and %d contracts, nothing below", len(rows), err, n)
			}
			wantCount, wantSum := "0", "0"
			if n > 0 {
				wantCount, wantSum = fmt.Sprintf("COUNTA(Contracten!C2:C%d)", n+1), fmt.Sprintf("SUM(Contracten!%[1]s2:%[1]s%[2]d)", col, n+1)
			}
			if got, _ := f.GetCellFormula("Totaal", "B1"); got != wantCount {
				t.Errorf("Totaal!B1 = %q, want %q (a range over row 1 would count the header)", got, wantCount)
			}
			if got, _ := f.GetCellFormula("Totaal", "B2"); got != wantSum {
				t.Errorf("Totaal!B2 = %q, want %q", got, wantSum)
			}
		})
	}
}

// TestContractsXLSXNoFormulaInjection: names starting with =, +, - or @
// are stored as text, and the only formula is the total.
func TestContractsXLSXNoFormulaInjection(t *testing.T) {
	t.Parallel()
	f := contractsXLSX(t, listFixture())
	checkNoInjectedFormulas(t, f, `=HYPERLINK("http://x.example","klik")`, "+31 Telecom & Co <b>", "@Groep", "-Telefonie")
}

func TestContractsCSVGolden(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := exports.ContractsCSV(&buf, rowsOf(listFixture())); err != nil {
		t.Fatal(err)
	}
	got := buf.Bytes()
	checkGolden(t, "contracts_list.csv.golden", got)
	if !bytes.HasPrefix(got, []byte("\xEF\xBB\xBFOrganisatie;Organisatienaam;")) {
		t.Errorf("CSV starts %q, want a UTF-8 byte order mark and ;-separated headers", got[:min(len(got), 30)])
	}
	for _, want := range []string{";1234,56;", ";987654,32;", ";-12,50;", ";'s-Hertogenbosch;", ";Súdwest-Fryslân;", `;"'=HYPERLINK(""http://x.example"",""klik"")";`,
		";'+31 Telecom & Co <b>;", ";'@Groep;", ";'-Telefonie;", ";31-10-2026;", "\r\n"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}

// TestSafeText follows OWASP's CSV injection advice: a cell that starts
// with =, +, -, @, tab or carriage return is prefixed with an apostrophe.
func TestSafeText(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+31 20 123", "'+31 20 123"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'s-Hertogenbosch", "'s-Hertogenbosch"},
		{"Súdwest-Fryslân", "Súdwest-Fryslân"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := exports.SafeText(tt.in); got != tt.want {
			t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContractListStopsOnError(t *testing.T) {
	t.Parallel()
	boom := errors.New("read failed")
	rows := func(fn func(contracts.ContractSummary) error) error {
		if err := fn(listFixture()[0]); err != nil {
			return err
		}
		return boom
	}
	if err := exports.ContractsXLSX(io.Discard, listInfo, rows); !errors.Is(err, boom) {
		t.Errorf("ContractsXLSX with a failing read = %v, want %v", err, boom)
	}
	if err := exports.ContractsCSV(io.Discard, rows); !errors.Is(err, boom) {
		t.Errorf("ContractsCSV with a failing read = %v, want %v", err, boom)
	}
}

// syntheticRows yields n contracts made from the fixture, with numbers
// and amounts varied, without holding them in memory.
func syntheticRows(n int) exports.ContractRows {
	base := listFixture()
	return func(fn func(contracts.ContractSummary) error) error {
		for i := range n {
			c := base[i%len(base)]
			c.ID = int64(i + 1)
			c.Number = fmt.Sprintf("C-%07d", i+1)
			c.AnnualValue = contracts.Money(1000 + i*37)
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// nationalContracts is the number of contracts at the national scale
// (DESIGN §7).
const nationalContracts = 100_000

// BenchmarkContractsXLSX writes the national register's contracts as the
// export does, next to a bare excelize StreamWriter that writes the same
// cell values (computed beforehand): the ratio is what the export adds.
// Each iteration runs both, alternating which goes first, so that a
// machine busy with other work slows both alike; the metrics are the
// time of each per run and their ratio.
func BenchmarkContractsXLSX(b *testing.B) {
	// bare writes cell values computed beforehand; they are computed
	// untimed before each run and dropped after it, so that the export's
	// run does not pay for collecting garbage next to them.
	bare := func() time.Duration {
		cells := make([][]any, 0, nationalContracts)
		if err := syntheticRows(nationalContracts)(func(cs contracts.ContractSummary) error {
			cells = append(cells, exports.ContractCells(cs))
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		start := time.Now()
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		for i, row := range cells {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			if err := sw.SetRow(cell, row); err != nil {
				b.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if _, err := f.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	export := func() time.Duration {
		runtime.GC()
		start := time.Now()
		if err := exports.ContractsXLSX(io.Discard, listInfo, syntheticRows(nationalContracts)); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var exportTime, bareTime time.Duration
	n := 0
	for b.Loop() {
		if n%2 == 0 {
			exportTime += export()
			bareTime += bare()
		} else {
			bareTime += bare()
			exportTime += export()
		}
		n++
	}
	b.ReportMetric(float64(exportTime.Milliseconds())/float64(n), "export-ms/op")
	b.ReportMetric(float64(bareTime.Milliseconds())/float64(n), "bare-ms/op")
	b.ReportMetric(float64(exportTime)/float64(bareTime), "ratio")
}

// BenchmarkContractsXLSXPeakMemory writes the stress scale (1,000,000
// contracts, DESIGN §7) and reports the peak heap in use while writing,
// sampled every 10 ms, and the total memory obtained from the system.
func BenchmarkContractsXLSXPeakMemory(b *testing.B) {
	const stressContracts = 1_000_000
	for b.Loop() {
		runtime.GC()
		var (
			peak uint64
			done = make(chan struct{})
			wg   sync.WaitGroup
		)
		wg.Go(func() {
			var ms runtime.MemStats
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				select {
				case <-done:
					return
				case <-tick.C:
				}
			}
		})
		err := exports.ContractsXLSX(io.Discard, listInfo, syntheticRows(stressContracts))
		close(done)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
	}
}

func TestContractCellsMatchTheSheet(t *testing.T) {
	t.Parallel()
	cs := listFixture()[0]
	f := contractsXLSX(t, []contracts.ContractSummary{cs})
	cells := exports.ContractCells(cs)
	row, err := f.GetRows("Contracten", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range cells {
		want := ""
		if v != nil {
			want = strings.TrimSuffix(fmt.Sprint(v), ".0")
		}
		if i < len(row[1]) && row[1][i] != want {
			t.Errorf("column %d: sheet %q, ContractCells %q", i+1, row[1][i], want)
		}
	}
}

// TestSafeTextReadsBack: every text SafeText writes into a CSV reads back
// as it was through the import's reader, which drops the apostrophe
// SafeText adds; text that starts with apostrophes keeps them.
func TestSafeTextReadsBack(t *testing.T) {
	t.Parallel()
	texts := []string{"=1+1", "+31 20 123", "-2+3", "@SUM(A1)", "'=1", "''+x", "'", "''", "'s-Hertogenbosch", "Súdwest-Fryslân", "a=b", "\t=1"}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"tekst", "nr"})
	for i, s := range texts {
		_ = w.Write([]string{exports.SafeText(s), fmt.Sprint(i)})
	}
	w.Flush()
	tab, err := sheet.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range texts {
		if got := tab.Rows[i][0]; got != s {
			t.Errorf("%q written as %q reads back as %q", s, exports.SafeText(s), got)
		}
	}
}

// TestContractListCarriesEveryImportColumn: the list's header holds every
// contract column of the import, once, under the template's header, and
// every other column is one the import ignores, so the list imports
// again. Licence lines are not in the list, one row per contract.
func TestContractListCarriesEveryImportColumn(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := exports.ContractsCSV(&buf, rowsOf(listFixture())); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := contractsXLSX(t, nil).GetRows("Contracten")
	if err != nil || strings.Join(rows[0], ";") != strings.Join(tab.Header, ";") {
		t.Fatalf("XLSX header %q, %v; want the CSV's %q", rows[0], err, tab.Header)
	}
	template := map[string]string{}
	for _, c := range contracts.ContractColumns() {
		if !c.Line {
			template[c.Field] = c.Header
		}
	}
	seen := map[string]bool{}
	for _, h := range tab.Header {
		field := contracts.ContractImportField(h)
		switch {
		case field == "":
		case seen[field]:
			t.Errorf("column %q is the import's %s a second time", h, field)
		case template[field] != h:
			t.Errorf("column %q is the import's %s, whose template header is %q", h, field, template[field])
		}
		seen[field] = true
	}
	for field, h := range template {
		if !seen[field] {
			t.Errorf("the list lacks the import's column %s (%s)", h, field)
		}
	}
	if _, _, err := contracts.ParseContractTable(contracts.Table{Header: tab.Header}, contracts.ContractImportOptions{}); err != nil {
		t.Errorf("the import refuses the list's header: %v", err)
	}
}
