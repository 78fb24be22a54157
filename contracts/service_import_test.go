package contracts_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var importNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

// importFixture is a fresh store with Amsterdam and 's-Gravenhage.
type importFixture struct {
	st  *store.Store
	svc *contracts.Service
}

func newImportFixture(t testing.TB) importFixture {
	t.Helper()
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: importNow})
	for _, o := range []contracts.Organization{
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality},
		{Code: "GM0518", Name: "'s-Gravenhage", Kind: contracts.KindMunicipality},
	} {
		if err := svc.CreateOrganization(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	return importFixture{st: st, svc: svc}
}

// contractCount returns the number of stored contracts.
func (fx importFixture) contractCount(t testing.TB) int {
	t.Helper()
	p, err := fx.svc.Contracts(context.Background(), contracts.Everyone(), contracts.ContractFilter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	return p.Total
}

// auditCount returns the number of audit entries: every write adds one,
// so an unchanged count means nothing was written.
func (fx importFixture) auditCount(t testing.TB) int {
	t.Helper()
	_, n, err := fx.st.AuditEntries(context.Background(), audit.Filter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// readTable reads a file's bytes as the CLI and the upload do.
func readTable(t testing.TB, b []byte) contracts.Table {
	t.Helper()
	tab, err := sheet.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("sheet.Read: %v", err)
	}
	return tab
}

// templateRow is one contract for the template, by Dutch header.
type templateRow map[string]any

// validRow returns contract i of a register: a few dozen vendors, every
// renewal kind, a licence line on every other contract.
func validRow(i int) templateRow {
	r := templateRow{
		"Organisatie": "GM0363", "Contractnummer": fmt.Sprintf("2024-%04d", i), "Omschrijving": fmt.Sprintf("Applicatie %d", i),
		"Leverancier": fmt.Sprintf("Leverancier %02d B.V.", i%40), "KvK-nummer": fmt.Sprintf("%08d", 10_000_000+i%40),
		"Ingangsdatum": 45000 + i%700, "Looptijd (maanden)": 12 + 12*(i%4), "Opzegtermijn (maanden)": 1 + i%6,
		"Interne doorlooptijd (dagen)": 30, "Jaarwaarde": 1000 + i, "Status": "actief", "Exitplan": "nee", "Bedrijfskritisch": "ja",
	}
	switch i % 3 {
	case 0:
		r["Verlenging"] = "geen"
	case 1:
		r["Verlenging"], r["Verlengingsperiode (maanden)"] = "stilzwijgend", 12
	case 2:
		r["Verlenging"], r["Verlengingsperiode (maanden)"], r["Maximaal aantal verlengingen"] = "optie", 12, 2
	}
	if i%2 == 0 {
		r["Product"], r["Metriek"], r["Aantal"], r["Prijs per eenheid"], r["Prijsperiode"] = "Licentie", "benoemde gebruiker", 10+i%90, 12.5, "maand"
	}
	return r
}

// filledTemplate returns the downloadable template with its example row
// replaced by rows.
func filledTemplate(t testing.TB, rows []templateRow) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.ContractTemplate(&buf, exports.TemplateOptions{NewVendors: true}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cols := contracts.ContractColumns()
	for i, r := range rows {
		values := make([]any, len(cols))
		for j, c := range cols {
			values[j] = r[c.Header]
		}
		if err := f.SetSheetRow("Contracten", fmt.Sprintf("A%d", i+2), &values); err != nil {
			t.Fatal(err)
		}
	}
	buf.Reset()
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportContractsTemplateWithThousandRows(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	rows := make([]templateRow, 1000)
	for i := range rows {
		rows[i] = validRow(i)
	}
	tab := readTable(t, filledTemplate(t, rows))
	ctx := context.Background()
	rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
	if err != nil {
		t.Fatalf("import = %v, problems %+v", err, rep.Problems)
	}
	if len(rep.Created) != 1000 || len(rep.NewVendors) != 40 || rep.Rows != 1000 {
		t.Errorf("report: %d rows, %d created, %d new vendors; want 1000, 1000, 40", rep.Rows, len(rep.Created), len(rep.NewVendors))
	}
	if n := fx.contractCount(t); n != 1000 {
		t.Errorf("stored contracts = %d, want 1000", n)
	}

	before := fx.auditCount(t)
	again, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
	if err != nil || again.Unchanged != 1000 || len(again.Created)+len(again.Updated)+len(again.NewVendors) != 0 {
		t.Errorf("re-import = %d unchanged, %d created, %d updated, %d new vendors, %v; want everything unchanged",
			again.Unchanged, len(again.Created), len(again.Updated), len(again.NewVendors), err)
	}
	if after := fx.auditCount(t); after != before {
		t.Errorf("re-import wrote %d audit entries, want none: nothing changed", after-before)
	}
}

func TestImportContractsWithThreeBadRowsImportsNothing(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	rows := make([]templateRow, 1000)
	for i := range rows {
		rows[i] = validRow(i)
	}
	rows[16]["Ingangsdatum"] = "31-02-2024" // file row 18: no such date
	rows[499]["Verlenging"] = "soms"        // file row 501: unknown renewal kind
	rows[998]["Prijs per eenheid"] = -12.5  // file row 1000: negative price
	rows[998]["Product"], rows[998]["Metriek"], rows[998]["Aantal"], rows[998]["Prijsperiode"] = "Licentie", "apparaat", 5, "jaar"
	rep, err := fx.svc.ImportContracts(context.Background(), contracts.Everyone(), readTable(t, filledTemplate(t, rows)), contracts.ContractImportOptions{}, false)
	if !errors.Is(err, contracts.ErrImportRejected) {
		t.Fatalf("import = %v, want ErrImportRejected", err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, fmt.Sprintf("%d %s", p.Row, p.Column))
	}
	want := []string{"18 Ingangsdatum", "501 Verlenging", "1000 Prijs per eenheid"}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %q (%+v), want exactly %q", got, rep.Problems, want)
	}
	if n := fx.contractCount(t); n != 0 || len(rep.Created) != 0 {
		t.Errorf("%d contracts stored, %d reported created; want nothing imported", n, len(rep.Created))
	}
	vendors, err := fx.svc.Vendors(context.Background(), contracts.Everyone(), contracts.VendorFilter{})
	if err != nil || vendors.Total != 0 {
		t.Errorf("vendors = %d, %v; want none added by a rejected import", vendors.Total, err)
	}
}

// dutchCSV is a register as Dutch Excel saves it: semicolons, a byte
// order mark, Dutch headers in their own spelling, Dutch dates and amounts.
const dutchCSV = "\ufeffOrganisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;" +
	"Verlengingsperiode (maanden);Opzegtermijn (maanden);Interne doorlooptijd (dagen);Jaarwaarde;Status;Continuïteit/escrow;" +
	"Product;Metriek;Aantal;In gebruik;Prijs per eenheid;Prijsperiode\r\n" +
	"GM0363;2023-ICT-014;Mobiele telefonie;KPN B.V.;27124701;01-02-2023;36;stilzwijgend;12;3;30;€ 125.000,00;actief;ja;" +
	"Abonnement;apparaat;1.500;1.432;€ 12,50;maand\r\n" +
	"GM0363;2023-ICT-014;;;;;;;;;;;;;Beheerportaal;organisatiebreed;onbeperkt;;€ 2.400,-;jaar\r\n" +
	"363;2021-007;Zaaksysteem;Voorbeeld Software B.V.;12345678;1-1-2021;48;optie;12;6;60;48.000;actief;nee;;;;;;\r\n"

func TestImportContractsDutchCSV(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(dutchCSV)), contracts.ContractImportOptions{}, false)
	if err == nil || !slices.ContainsFunc(rep.Problems, func(p contracts.RowProblem) bool { return p.Code == apperr.ExpressFinite }) {
		t.Fatalf("import = %v %+v; want the express contract without maximum refused (the API's rule)", err, rep.Problems)
	}
	fixed := strings.Replace(dutchCSV, "48;optie;12;6;60", "48;geen;;6;60", 1)
	rep, err = fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(fixed)), contracts.ContractImportOptions{}, false)
	if err != nil {
		t.Fatalf("import = %v, problems %+v", err, rep.Problems)
	}
	if !slices.Equal(rep.Created, []string{"GM0363/2023-ICT-014", "GM0363/2021-007"}) {
		t.Errorf("created = %q, want both contracts", rep.Created)
	}
	page, err := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Q: "2023-ICT-014"})
	if err != nil || page.Total != 1 {
		t.Fatalf("contracts = %+v, %v", page, err)
	}
	got, err := fx.svc.Contract(ctx, contracts.Everyone(), page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AnnualValue != 12_500_000 || !got.Exit.Continuity || got.VendorName != "KPN B.V." || len(got.Lines) != 2 {
		t.Errorf("stored %+v, want € 125.000,00, continuity, vendor KPN and two lines", got)
	}
	want := []contracts.LicenceLine{
		{Product: "Abonnement", Metric: contracts.MetricDevice, Quantity: 1500, SeatsInUse: 1432, UnitPrice: 1250, PricePeriod: contracts.PerMonth},
		{Product: "Beheerportaal", Metric: contracts.MetricEnterprise, Quantity: contracts.Unlimited, SeatsInUse: -1, UnitPrice: 240_000, PricePeriod: contracts.PerYear},
	}
	for i, l := range got.Lines {
		l.ID, l.ContractID = 0, 0
		if l != want[i] {
			t.Errorf("line %d = %+v, want %+v", i+1, l, want[i])
		}
	}
}

// TestImportedContractHasTheServiceDates: a contract imported from a
// spreadsheet shows the same dates as one entered through the service
// (issue 4, Must show).
func TestImportedContractHasTheServiceDates(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	csv := "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;Verlengingsperiode (maanden);Opzegtermijn (maanden);Interne doorlooptijd (dagen)\n" +
		"GM0363;IMP-1;Telefonie;KPN B.V.;27124701;31-01-2023;36;stilzwijgend;12;3;30\n"
	if rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(csv)), contracts.ContractImportOptions{}, false); err != nil {
		t.Fatalf("import = %v %+v", err, rep.Problems)
	}
	page, err := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Q: "IMP-1"})
	if err != nil || page.Total != 1 {
		t.Fatalf("contracts = %+v, %v", page, err)
	}
	imported, err := fx.svc.Contract(ctx, contracts.Everyone(), page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c := imported.Contract
	c.ID, c.Number = 0, "API-1"
	id, err := fx.svc.CreateContract(ctx, contracts.Everyone(), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	entered, err := fx.svc.Contract(ctx, contracts.Everyone(), id)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(imported.Dates) != fmt.Sprint(entered.Dates) {
		t.Errorf("imported dates %+v, entered %+v; want the same", imported.Dates, entered.Dates)
	}
	// The list reads the dates stored when the contract was written.
	if fmt.Sprint(page.Items[0].Dates.NoticeDeadline) != fmt.Sprint(entered.Dates.NoticeDeadline) || imported.Dates.NoticeDeadline.IsZero() {
		t.Errorf("stored notice deadline %v, computed %v", page.Items[0].Dates.NoticeDeadline, entered.Dates.NoticeDeadline)
	}
}

const smallCSV = "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging;Jaarwaarde\n" +
	"GM0363;A-1;Telefonie;KPN B.V.;27124701;2024-01-01;24;geen;1000\n" +
	"GM0518;B-1;Printers;Printbedrijf B.V.;87654321;2024-01-01;24;geen;2000\n"

func TestImportContractsDryRunWritesNothing(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	before := fx.auditCount(t)
	rep, err := fx.svc.ImportContracts(context.Background(), contracts.Everyone(), readTable(t, []byte(smallCSV)), contracts.ContractImportOptions{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.DryRun || len(rep.Created) != 2 || len(rep.NewVendors) != 2 {
		t.Errorf("dry run report = %+v, want 2 contracts and 2 vendors that would be created", rep)
	}
	if fx.contractCount(t) != 0 || fx.auditCount(t) != before {
		t.Error("a dry run wrote to the database")
	}
}

func TestImportContractsUpdatesAndKeepsWhatTheFileLacks(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	if _, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(smallCSV)), contracts.ContractImportOptions{}, false); err != nil {
		t.Fatal(err)
	}
	page, _ := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Q: "A-1"})
	d, err := fx.svc.Contract(ctx, contracts.Everyone(), page.Items[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	d.Notes = "Opzegging besproken met de leverancier"
	lines := []contracts.LicenceLine{{Product: "Bundel", Metric: contracts.MetricDevice, Quantity: 5, SeatsInUse: -1, PricePeriod: contracts.PerMonth}}
	err = fx.svc.UpdateContract(ctx, contracts.Everyone(), d.ID, func(contracts.ContractDetail) (contracts.Contract, []contracts.LicenceLine, error) {
		return d.Contract, lines, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(smallCSV, "geen;1000", "geen;1500", 1)
	rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(changed)), contracts.ContractImportOptions{}, false)
	if err != nil || !slices.Equal(rep.Updated, []string{"GM0363/A-1"}) || rep.Unchanged != 1 {
		t.Fatalf("re-import = %+v, %v; want A-1 updated, B-1 unchanged", rep, err)
	}
	got, err := fx.svc.Contract(ctx, contracts.Everyone(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.AnnualValue != 150_000 || got.Notes != d.Notes || len(got.Lines) != 1 {
		t.Errorf("after update: value %d, notes %q, %d lines; want 150000, the notes and the line kept (no such columns)", got.AnnualValue, got.Notes, len(got.Lines))
	}
}

func TestImportContractsResolvesVendors(t *testing.T) {
	t.Parallel()
	header := "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\n"
	row := func(n, vendor, kvk string) string {
		return fmt.Sprintf("GM0363;%s;Dienst;%s;%s;2024-01-01;24;geen\n", n, vendor, kvk)
	}
	tests := []struct {
		name       string
		rows       string
		wantVendor string // the stored vendor's name; "" when rejected
		wantNew    int
		wantColumn string
		wantCode   apperr.Code
	}{
		{"by KvK number, whatever the name", row("1", "Centric", "11111111"), "Centric Netherlands B.V.", 0, "", ""},
		{"by name, ignoring case", row("1", "CENTRIC NETHERLANDS B.V.", ""), "Centric Netherlands B.V.", 0, "", ""},
		{"by name, when the registered vendor has no KvK number", row("1", "Buitenland Ltd", "22222222"), "Buitenland Ltd", 0, "", ""},
		{"new with its KvK number", row("1", "Nieuw B.V.", "33333333"), "Nieuw B.V.", 1, "", ""},
		{"a name-only row finds a vendor the file adds", row("1", "Nieuw B.V.", "33333333") + row("2", "nieuw b.v.", ""), "Nieuw B.V.", 1, "", ""},
		{"unknown name without KvK number", row("1", "Centrik", ""), "", 0, "Leverancier", apperr.NoVendorNamed},
		{"KvK number of a registered name that differs", row("1", "Centric Netherlands B.V.", "99999999"), "", 0, "KvK-nummer", apperr.VendorKvKDiffers},
		{"unknown KvK number without a name", row("1", "", "44444444"), "", 0, "Leverancier", apperr.NoVendorKvK},
		{"one new KvK number, two names", row("1", "Nieuw B.V.", "33333333") + row("2", "Anders B.V.", "33333333"), "", 0, "Leverancier", apperr.NewVendorNamedOtherwise},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fx := newImportFixture(t)
			ctx := context.Background()
			for _, v := range []contracts.Vendor{{Name: "Centric Netherlands B.V.", KVK: "11111111"}, {Name: "Buitenland Ltd", Country: "GB"}} {
				if _, err := fx.svc.CreateVendor(ctx, v); err != nil {
					t.Fatal(err)
				}
			}
			rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(header+tt.rows)), contracts.ContractImportOptions{}, false)
			if tt.wantVendor == "" {
				if !errors.Is(err, contracts.ErrImportRejected) || len(rep.Problems) != 1 || rep.Problems[0].Column != tt.wantColumn || rep.Problems[0].Code != tt.wantCode {
					t.Errorf("import = %v %+v; want one problem in %s: %s", err, rep.Problems, tt.wantColumn, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatalf("import = %v %+v", err, rep.Problems)
			}
			page, err := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Items {
				if c.VendorName != tt.wantVendor {
					t.Errorf("contract %s has vendor %q, want %q", c.Number, c.VendorName, tt.wantVendor)
				}
			}
			if len(rep.NewVendors) != tt.wantNew {
				t.Errorf("new vendors = %q, want %d", rep.NewVendors, tt.wantNew)
			}
		})
	}
}

func TestImportContractsOrganizations(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	unknown := strings.Replace(smallCSV, "GM0518;B-1", "GM9999;B-1", 1)
	rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(unknown)), contracts.ContractImportOptions{}, false)
	if !errors.Is(err, contracts.ErrImportRejected) || len(rep.Problems) != 1 || rep.Problems[0].Row != 3 || rep.Problems[0].Column != "Organisatie" {
		t.Errorf("unknown organization: %v %+v; want a problem in row 3, Organisatie", err, rep.Problems)
	}
	// A member's import is for its own organization: another's rows are
	// problems, and nothing of the file is written.
	rep, err = fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(smallCSV)), contracts.ContractImportOptions{Organization: "GM0363"}, false)
	if !errors.Is(err, contracts.ErrImportRejected) || len(rep.Problems) != 1 || rep.Problems[0].Row != 3 {
		t.Errorf("import for GM0363 with a row of GM0518: %v %+v; want a problem in row 3", err, rep.Problems)
	}
	noColumn := "Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging\nA-1;Telefonie;KPN B.V.;27124701;2024-01-01;24;geen\n"
	_, err = fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(noColumn)), contracts.ContractImportOptions{Organization: "GM9999"}, false)
	if !errors.Is(err, apperr.Invalid) || errors.Is(err, contracts.ErrImportRejected) {
		t.Errorf("import for an unknown organization = %v, want apperr.Invalid for the whole file", err)
	}
	if fx.contractCount(t) != 0 {
		t.Error("a rejected import wrote contracts")
	}
}

func TestImportContractsLinesReplaceStoredLines(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	csv := "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging;Product;Metriek;Aantal;Prijs per eenheid;Prijsperiode\n" +
		"GM0363;L-1;Office;Software B.V.;55555555;2024-01-01;36;geen;Office E3;gebruiker;100;20;maand\n"
	for i, tc := range []struct {
		csv                               string
		created, updated, unchanged, line int
	}{
		{csv, 1, 0, 0, 100},
		{csv, 0, 0, 1, 100},
		{strings.Replace(csv, ";100;", ";120;", 1), 0, 1, 0, 120},
	} {
		rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(tc.csv)), contracts.ContractImportOptions{}, false)
		if err != nil || len(rep.Created) != tc.created || len(rep.Updated) != tc.updated || rep.Unchanged != tc.unchanged {
			t.Fatalf("import %d = %+v, %v; want %d created, %d updated, %d unchanged", i+1, rep, err, tc.created, tc.updated, tc.unchanged)
		}
		page, _ := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{})
		d, err := fx.svc.Contract(ctx, contracts.Everyone(), page.Items[0].ID)
		if err != nil || len(d.Lines) != 1 || d.Lines[0].Quantity != tc.line {
			t.Errorf("import %d: lines %+v, %v; want one line of %d", i+1, d.Lines, err, tc.line)
		}
	}
}

func TestImportContractsMissingColumnIsInvalid(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	_, err := fx.svc.ImportContracts(context.Background(), contracts.Everyone(), readTable(t, []byte("Organisatie;Omschrijving\nGM0363;x\n")), contracts.ContractImportOptions{}, false)
	if !errors.Is(err, apperr.Invalid) || errors.Is(err, contracts.ErrImportRejected) || !strings.Contains(apperr.Detail(err, ""), "Contractnummer") {
		t.Errorf("import = %v, want apperr.Invalid naming the missing Contractnummer column", err)
	}
}

// TestImportContractsNoticeTerms: a re-import updates notice in days and
// notice ending on any day when the file has their columns, keeps them
// when it has not, and an older file that states the notice in months
// replaces a stored notice in days instead of being refused for giving
// both.
func TestImportContractsNoticeTerms(t *testing.T) {
	t.Parallel()
	fx := newImportFixture(t)
	ctx := context.Background()
	const head = "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd;Verlenging;"
	imp := func(csv string) contracts.ContractImportReport {
		t.Helper()
		rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(t, []byte(csv)), contracts.ContractImportOptions{}, false)
		if err != nil || len(rep.Problems) > 0 {
			t.Fatalf("import = %+v, %v", rep, err)
		}
		return rep
	}
	stored := func() contracts.Contract {
		t.Helper()
		page, err := fx.svc.Contracts(ctx, contracts.Everyone(), contracts.ContractFilter{Q: "A-1"})
		if err != nil || len(page.Items) != 1 {
			t.Fatalf("Contracts = %+v, %v", page, err)
		}
		return page.Items[0].Contract
	}
	row := "GM0363;A-1;Telefonie;KPN B.V.;27124701;2024-01-31;24;onbepaalde tijd;"
	imp(head + "Opzegtermijn (maanden);Opzegging op elke dag\n" + row + "3;ja\n")
	if c := stored(); c.RenewalKind != contracts.RenewalIndefinite || c.NoticeMonths != 3 || !c.NoticeEndsAnyDay {
		t.Fatalf("created: kind %s, %d months, any day %v; want indefinite, 3, true", c.RenewalKind, c.NoticeMonths, c.NoticeEndsAnyDay)
	}
	// A file without the column keeps what is stored.
	if rep := imp(head + "Opzegtermijn (maanden)\n" + row + "3\n"); rep.Unchanged != 1 {
		t.Errorf("re-import without the column: %+v, want unchanged", rep)
	}
	if c := stored(); !c.NoticeEndsAnyDay {
		t.Error("re-import without the column cleared NoticeEndsAnyDay")
	}
	// The column set to nee, and notice in days replacing months.
	imp(head + "Opzegtermijn (maanden);Opzegtermijn (dagen);Opzegging op elke dag\n" + row + ";90;nee\n")
	if c := stored(); c.NoticeMonths != 0 || c.NoticeDays != 90 || c.NoticeEndsAnyDay {
		t.Errorf("updated: %d months, %d days, any day %v; want 0, 90, false", c.NoticeMonths, c.NoticeDays, c.NoticeEndsAnyDay)
	}
	// An older file with only the months column: its 2 months replace the
	// stored 90 days.
	imp(head + "Opzegtermijn (maanden)\n" + row + "2\n")
	if c := stored(); c.NoticeMonths != 2 || c.NoticeDays != 0 {
		t.Errorf("older file: %d months, %d days; want 2, 0", c.NoticeMonths, c.NoticeDays)
	}
}
