package contracts

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// semicolonTable builds a table from lines of ;-separated cells, the first
// being the header.
func semicolonTable(lines ...string) Table {
	t := Table{Header: strings.Split(lines[0], ";")}
	for _, l := range lines[1:] {
		t.Rows = append(t.Rows, strings.Split(l, ";"))
	}
	return t
}

const importHeader = "Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;" +
	"Verlengingsperiode (maanden);Opzegtermijn (maanden);Interne doorlooptijd (dagen);Jaarwaarde;Status;" +
	"Product;Metriek;Aantal;In gebruik;Prijs per eenheid;Prijsperiode"

const importRow = "GM0363;2024-017;Zaaksysteem;Voorbeeld Software B.V.;12345678;01-02-2024;36;stilzwijgend;12;3;30;€ 48.000,00;actief;" +
	"Zaaksysteem gebruikerslicentie;benoemde gebruiker;250;231;16,00;maand"

func TestContractHeaderMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		field  string
	}{
		{"Organisatie", "organization"},
		{"ORGANISATIECODE", "organization"},
		{"organization", "organization"},
		{"Contractnummer", "number"},
		{"contract number", "number"},
		{"Titel", "title"},
		{"KvK-nummer", "kvk"},
		{"kvk nummer", "kvk"},
		{"KVK", "kvk"},
		{"Continuïteit/escrow", "continuity"},
		{"continuiteit escrow", "continuity"},
		{"CONTINUÏTEIT-ESCROW", "continuity"},
		{"Continuïteit", "continuity"},
		{"Looptijd (maanden)", "initialTermMonths"},
		{"initialTermMonths", "initialTermMonths"},
		{"Initial term (months)", "initialTermMonths"},
		{"Ingangsdatum", "start"},
		{"Startdatum", "start"},
		{"Start date", "start"},
		{"Opzegtermijn (maanden)", "noticeMonths"},
		{"Notice period", "noticeMonths"},
		{"Interne doorlooptijd (dagen)", "leadDays"},
		{"Jaarwaarde (€)", "annualValue"},
		{"Annual value", "annualValue"},
		{"Verlenging", "renewalKind"},
		{"renewalKind", "renewalKind"},
		{"Maximaal aantal verlengingen", "maxRenewals"},
		{"Uiterste einddatum", "maxEnd"},
		{"Bedrijfskritisch", "businessCritical"},
		{"Prijs per eenheid (€)", "unitPrice"},
		{"Prijsperiode", "pricePeriod"},
		{"Metriek", "metric"},
		{"Aantal", "quantity"},
		{"In gebruik", "seatsInUse"},
		{"\ufeffOrganisatie", "organization"},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			t.Parallel()
			header := []string{"Contractnummer", "Omschrijving", "Leverancier", "Ingangsdatum", "Looptijd", "Verlenging", "Organisatie"}
			header = append([]string{tt.header}, header...)
			p, err := newContractParser(header, ContractImportOptions{})
			if err != nil {
				t.Fatalf("newContractParser(%q): %v", tt.header, err)
			}
			if i, ok := p.cols[tt.field]; !ok || i != 0 {
				t.Errorf("header %q: field %s is column %d (%v), want 0", tt.header, tt.field, i, ok)
			}
			if got := p.column(tt.field); got != strings.TrimPrefix(tt.header, "\ufeff") {
				t.Errorf("problems in %s would be reported under %q, want the file's own %q", tt.field, got, tt.header)
			}
		})
	}
}

func TestContractHeaderRequiredColumns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		header  string
		opts    ContractImportOptions
		wantErr []string // substrings; nil: no error
	}{
		{"every required column", "Organisatie;Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging", ContractImportOptions{}, nil},
		{"KvK number instead of the vendor's name", "Organisatie;Contractnummer;Omschrijving;KvK;Ingangsdatum;Looptijd;Verlenging", ContractImportOptions{}, nil},
		{"organization from the option", "Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging", ContractImportOptions{Organization: "GM0363"}, nil},
		{"organization missing", "Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging", ContractImportOptions{}, []string{"Organisatie"}},
		{"every missing column named", "Organisatie;Omschrijving", ContractImportOptions{},
			[]string{"Contractnummer", "Leverancier", "KvK-nummer", "Ingangsdatum", "Looptijd (maanden)", "Verlenging"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := newContractParser(strings.Split(tt.header, ";"), tt.opts)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("newContractParser(%q) = %v, want no error", tt.header, err)
				}
				return
			}
			if !errors.Is(err, apperr.Invalid) {
				t.Fatalf("newContractParser(%q) = %v, want apperr.Invalid", tt.header, err)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(apperr.Detail(err, ""), w) {
					t.Errorf("error %q does not name %s", apperr.Detail(err, ""), w)
				}
			}
		})
	}
}

func TestImportMoney(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Money
		wantErr bool
	}{
		{"€ 1.234,56", 123456, false},
		{"1234.56", 123456, false},
		{"1234,56", 123456, false},
		{"1.234", 123400, false},    // rule 3: one dot, three digits after, one to three before: Dutch thousands
		{"1,234.56", 123456, false}, // rule 1: the last sign is the decimal one
		{"1.234.567", 123456700, false},
		{"1,234,567", 123456700, false}, // rule 2: several commas group thousands
		{"1.234.567,8", 123456780, false},
		{"12,5", 1250, false},
		{"12.5", 1250, false},
		{"0,5", 50, false},
		{"48000", 4800000, false},
		{"€ 48.000", 4800000, false},
		{" € 48.000,00 ", 4800000, false},
		{"€\u00a01.234,56", 123456, false},
		{"EUR 99", 9900, false},
		{"99 EUR", 9900, false},
		{"€ 1.234,-", 123400, false},
		{"1234,--", 123400, false},
		{"1234.500", 123450, false}, // four digits before the dot: a decimal sign; zeros after the cents are fine
		{"123.500", 12350000, false},
		{"0", 0, false},
		{"-12,00", -1200, false}, // read; the validation refuses it with the API's message
		{"1,234", 0, true},       // rule 2: one comma and three digits is ambiguous
		{"0.125", 0, true},       // a third decimal is below a cent
		{"12,345", 0, true},
		{"1234.567", 0, true},
		{"1.23,45", 0, true}, // thousands come in threes
		{"1,2,3", 0, true},
		{"1.234.56", 0, true},
		{"1,234,56.00", 0, true},
		{"1.234,56.7", 0, true},
		{"1e3", 0, true},
		{"abc", 0, true},
		{"€", 0, true},
		{"99999999999999", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := importMoney(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("importMoney(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestImportDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"31-01-2026", d(2026, 1, 31), false},
		{"1-2-2024", d(2024, 2, 1), false},
		{"2026-01-31", d(2026, 1, 31), false},
		{"45658", d(2025, 1, 1), false}, // Excel serial day
		{"29-02-2024", d(2024, 2, 29), false},
		{"31-01-2026 00:00", d(2026, 1, 31), false},
		{"2026-01-31T00:00:00", d(2026, 1, 31), false},
		{"2025", Date{}, true}, // a year read as a serial day would be 1905
		{"29-02-2025", Date{}, true},
		{"31/01/2026", Date{}, true},
		{"01-31-2026", Date{}, true},
		{"31-01-2026 14:30", Date{}, true},
		{"morgen", Date{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := importDate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("importDate(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestImportWhole(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    int
		wantErr bool
	}{
		{"36", 36, false},
		{"+3", 3, false},
		{"-1", -1, false},
		{"1.500", 1500, false},
		{"1 500", 1500, false},
		{"1,5", 0, true},
		{"1,500", 0, true},
		{"3.5", 0, true},
		{"drie", 0, true},
		{"9999999999", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := importWhole(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("importWhole(%q) = %d, %v; want %d, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestLooksLikeFormula(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"=SUM(A1:A3)", true},
		{"+A1", true},
		{"-B2*2", true},
		{"@INDIRECT(\"A1\")", true},
		{"-12", false},
		{"+3,5", false},
		{"-€ 12,00", false},
		{"12", false},
		{"Zaaksysteem", false},
	}
	for _, tt := range tests {
		if got := looksLikeFormula(tt.in); got != tt.want {
			t.Errorf("looksLikeFormula(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseContractTable(t *testing.T) {
	t.Parallel()
	rows, problems, err := ParseContractTable(semicolonTable(importHeader, importRow), ContractImportOptions{})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("ParseContractTable = %d rows, %v, %v; want 1 row", len(rows), problems, err)
	}
	got := rows[0]
	want := Contract{Organization: "GM0363", Number: "2024-017", Title: "Zaaksysteem", Start: d(2024, 2, 1), InitialTermMonths: 36,
		RenewalKind: RenewalTacit, RenewalPeriodMonths: 12, NoticeMonths: 3, LeadDays: 30, AnnualValue: 4_800_000, Status: StatusActive}
	if !unchangedContract(got.Contract, want) {
		t.Errorf("contract = %+v, want %+v", got.Contract, want)
	}
	if got.Vendor != (VendorRef{Name: "Voorbeeld Software B.V.", KVK: "12345678"}) || got.Row != 2 {
		t.Errorf("vendor %+v row %d, want the file's vendor in row 2", got.Vendor, got.Row)
	}
	wantLine := LicenceLine{Product: "Zaaksysteem gebruikerslicentie", Metric: MetricNamedUser, Quantity: 250, SeatsInUse: 231, UnitPrice: 1600, PricePeriod: PerMonth}
	if len(got.Lines) != 1 || got.Lines[0] != wantLine {
		t.Errorf("lines = %+v, want [%+v]", got.Lines, wantLine)
	}
}

func TestParseContractTableGroupsLinesOfOneContract(t *testing.T) {
	t.Parallel()
	second := "GM0363;2024-017;;;;;;;;;;;;Koppelvlak StUF;organisatiebreed;onbeperkt;;1.200;jaar"
	repeated := importRow[:strings.Index(importRow, "Zaaksysteem gebruikerslicentie")] + "Archief;apparaat;10;onbekend;0;eenmalig"
	other := strings.Replace(importRow, "2024-017", "2024-018", 1)
	rows, problems, err := ParseContractTable(semicolonTable(importHeader, importRow, second, repeated, other), ContractImportOptions{})
	if err != nil || len(problems) > 0 {
		t.Fatalf("ParseContractTable: %v, %v", problems, err)
	}
	if len(rows) != 2 || len(rows[0].Lines) != 3 || len(rows[1].Lines) != 1 {
		t.Fatalf("got %d contracts, want 2: the first with 3 lines, the second with 1 (%+v)", len(rows), rows)
	}
	if fmt.Sprint(rows[0].LineRows) != "[2 3 4]" || rows[1].Row != 5 {
		t.Errorf("line rows %v, second contract row %d; want [2 3 4] and 5", rows[0].LineRows, rows[1].Row)
	}
	l := rows[0].Lines[1]
	if l.Quantity != Unlimited || l.SeatsInUse != -1 || l.UnitPrice != 120_000 || l.PricePeriod != PerYear || l.Metric != MetricEnterprise {
		t.Errorf("second line = %+v, want unlimited enterprise at € 1.200 a year, seats unknown", l)
	}
}

func TestParseContractTableReportsEveryBadRow(t *testing.T) {
	t.Parallel()
	// set returns importRow as another contract, with the cells of field,
	// value pairs replaced.
	set := func(pairs ...string) string {
		pairs = append([]string{"Contractnummer", "2024-099"}, pairs...)
		cells := strings.Split(importRow, ";")
		for i, h := range strings.Split(importHeader, ";") {
			for j := 0; j < len(pairs); j += 2 {
				if h == pairs[j] {
					cells[i] = pairs[j+1]
				}
			}
		}
		return strings.Join(cells, ";")
	}
	tests := []struct {
		name   string
		row    string
		opts   ContractImportOptions
		column string
		want   apperr.FieldError
	}{
		{"formula in an amount is not evaluated", set("Jaarwaarde", "=SUM(A1:A3)"), ContractImportOptions{}, "Jaarwaarde",
			apperr.FieldError{Field: "annualValue", Code: apperr.Formula, Args: []any{"=SUM(A1:A3)"}}},
		{"formula in a whole number", set("Looptijd (maanden)", "-A1"), ContractImportOptions{}, "Looptijd (maanden)",
			apperr.FieldError{Field: "initialTermMonths", Code: apperr.Formula, Args: []any{"-A1"}}},
		{"formula in a date", set("Ingangsdatum", "=TODAY()"), ContractImportOptions{}, "Ingangsdatum",
			apperr.FieldError{Field: "start", Code: apperr.Formula, Args: []any{"=TODAY()"}}},
		{"formula in a choice", set("Verlenging", "@optie"), ContractImportOptions{}, "Verlenging",
			apperr.FieldError{Field: "renewalKind", Code: apperr.Formula, Args: []any{"@optie"}}},
		{"negative amount: the API's rule", set("Jaarwaarde", "-12,00"), ContractImportOptions{}, "Jaarwaarde",
			apperr.FieldError{Field: "annualValue", Code: apperr.Negative, Args: []any{apperr.Cents(-1200)}}},
		{"negative price", set("Prijs per eenheid", "-1"), ContractImportOptions{}, "Prijs per eenheid",
			apperr.FieldError{Field: "unitPrice", Code: apperr.Negative, Args: []any{apperr.Cents(-100)}}},
		{"unknown renewal kind: the accepted values", set("Verlenging", "soms"), ContractImportOptions{}, "Verlenging",
			apperr.FieldError{Field: "renewalKind", Code: apperr.NotAChoice, Args: []any{"soms", []string{"none", "tacit", "express", "indefinite"}}}},
		{"renewal kind left empty: the accepted values", set("Verlenging", ""), ContractImportOptions{}, "Verlenging",
			apperr.FieldError{Field: "renewalKind", Code: apperr.RequiredChoice, Args: []any{[]string{"none", "tacit", "express", "indefinite"}}}},
		{"notice longer than the term", set("Opzegtermijn (maanden)", "48"), ContractImportOptions{}, "Opzegtermijn (maanden)",
			apperr.FieldError{Field: "noticeMonths", Code: apperr.NoticeLongerThanTerm}},
		{"end before start: a term of zero", set("Looptijd (maanden)", "0"), ContractImportOptions{}, "Looptijd (maanden)",
			apperr.FieldError{Field: "initialTermMonths", Code: apperr.AtLeast, Args: []any{1}}},
		{"KvK of 7 digits", set("KvK-nummer", "1234567"), ContractImportOptions{}, "KvK-nummer",
			apperr.FieldError{Field: "kvk", Code: apperr.KvKCell, Args: []any{"1234567"}}},
		{"no vendor at all", set("Leverancier", "", "KvK-nummer", ""), ContractImportOptions{}, "Leverancier",
			apperr.FieldError{Field: "vendor", Code: apperr.VendorRequired}},
		{"ambiguous amount", set("Jaarwaarde", "1,234"), ContractImportOptions{}, "Jaarwaarde",
			apperr.FieldError{Field: "annualValue", Code: apperr.AmountAmbiguous, Args: []any{"1,234"}}},
		{"date that is no date", set("Ingangsdatum", "31-02-2024"), ContractImportOptions{}, "Ingangsdatum",
			apperr.FieldError{Field: "start", Code: apperr.NotADate, Args: []any{"31-02-2024"}}},
		{"a number read as a date far from any contract", set("Ingangsdatum", "2024"), ContractImportOptions{}, "Ingangsdatum",
			apperr.FieldError{Field: "start", Code: apperr.ImplausibleDate, Args: []any{"2024", apperr.Day("1905-07-16")}}},
		{"unknown metric: the accepted values", set("Metriek", "per stoel"), ContractImportOptions{}, "Metriek",
			apperr.FieldError{Field: "metric", Code: apperr.NotAChoice, Args: []any{"per stoel", []string{"named_user", "concurrent", "device", "per_inhabitant", "enterprise"}}}},
		{"line without a price", set("Prijs per eenheid", ""), ContractImportOptions{}, "Prijs per eenheid",
			apperr.FieldError{Field: "unitPrice", Code: apperr.LinePrice}},
		{"line cells without a product", set("Product", ""), ContractImportOptions{}, "Product",
			apperr.FieldError{Field: "product", Code: apperr.LineRequired}},
		{"line cells without a price period: the accepted values", set("Prijsperiode", ""), ContractImportOptions{}, "Prijsperiode",
			apperr.FieldError{Field: "pricePeriod", Code: apperr.LineChoice, Args: []any{[]string{"month", "year", "once"}}}},
		{"another organization than the import's", set("Organisatie", "GM0518"), ContractImportOptions{Organization: "GM0363"}, "Organisatie",
			apperr.FieldError{Field: "organization", Code: apperr.ImportOtherOrganization, Args: []any{"GM0518", "GM0363"}}},
		{"unknown status: the accepted values", set("Status", "misschien"), ContractImportOptions{}, "Status",
			apperr.FieldError{Field: "status", Code: apperr.NotAChoice, Args: []any{"misschien", []string{"draft", "active", "terminated"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, problems, err := ParseContractTable(semicolonTable(importHeader, importRow, tt.row), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) == 0 {
				t.Fatalf("row %q: no problem, want one in %s", tt.row, tt.column)
			}
			for _, p := range problems {
				if p.Row != 3 {
					t.Errorf("problem %+v in row %d, want only row 3", p, p.Row)
				}
			}
			found := false
			for _, p := range problems {
				found = found || p.Column == tt.column && reflect.DeepEqual(p.FieldError, tt.want)
			}
			if !found {
				t.Errorf("problems %+v; want one in column %q: %+v", problems, tt.column, tt.want)
			}
		})
	}
}

func TestParseContractTableRowsOfOneContractMustAgree(t *testing.T) {
	t.Parallel()
	differs := strings.Replace(importRow, "€ 48.000,00", "€ 50.000,00", 1)
	sameValueOtherSpelling := strings.Replace(importRow, "€ 48.000,00", "48000", 1)
	_, problems, err := ParseContractTable(semicolonTable(importHeader, importRow, sameValueOtherSpelling, differs), ContractImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || problems[0].Row != 4 || problems[0].Column != "Jaarwaarde" ||
		!reflect.DeepEqual(problems[0].FieldError, apperr.FieldError{Field: "annualValue", Code: apperr.RowDiffers, Args: []any{"€ 50.000,00", 2}}) {
		t.Errorf("problems = %+v, want one in row 4, Jaarwaarde, pointing at row 2", problems)
	}
}

func TestParseContractTableKeepsFormulasAsText(t *testing.T) {
	t.Parallel()
	header := "Organisatie;Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging;Opmerkingen"
	row := `GM0363;2024-1;=HYPERLINK("http://x");+31 20 555 0000;2024-01-01;12;geen;@zie dossier`
	rows, problems, err := ParseContractTable(semicolonTable(header, row), ContractImportOptions{})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("ParseContractTable = %v, %v", problems, err)
	}
	c := rows[0]
	if c.Contract.Title != `=HYPERLINK("http://x")` || c.Vendor.Name != "+31 20 555 0000" || c.Contract.Notes != "@zie dossier" {
		t.Errorf("got title %q vendor %q notes %q, want the cells as written", c.Contract.Title, c.Vendor.Name, c.Contract.Notes)
	}
}

func TestParseContractTableDashIsEmpty(t *testing.T) {
	t.Parallel()
	header := "Organisatie;Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging;Verlengingsperiode;Uiterste einddatum;Jaarwaarde"
	rows, problems, err := ParseContractTable(semicolonTable(header, "GM0363;2024-1;Dienst;KPN;2024-01-01;12;geen;-;n.v.t.;–"), ContractImportOptions{})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("ParseContractTable = %v, %v; want a dash and n.v.t. read as empty cells", problems, err)
	}
	if c := rows[0].Contract; c.RenewalPeriodMonths != 0 || !c.MaxEnd.IsZero() || c.AnnualValue != 0 {
		t.Errorf("contract = %+v, want the dashed cells empty", c)
	}
}

func TestParseContractTableOrganizationOption(t *testing.T) {
	t.Parallel()
	header := "Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd;Verlenging"
	rows, problems, err := ParseContractTable(semicolonTable(header, "A-1;Telefonie;KPN;2024-01-01;24;geen"), ContractImportOptions{Organization: "363"})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("ParseContractTable = %v, %v", problems, err)
	}
	if rows[0].Contract.Organization != "GM0363" {
		t.Errorf("organization = %q, want GM0363 from the option (CBS code 363)", rows[0].Contract.Organization)
	}
}

func TestFoldAccents(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"continuïteit": "continuiteit", "beëindigd": "beeindigd", "súdwest-fryslân": "sudwest-fryslan", "plain": "plain"} {
		if got := foldAccents(in); got != want {
			t.Errorf("foldAccents(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestContractColumnsAreUnambiguous: no header name may mean two
// columns, or a file's column would silently land in the wrong field.
func TestContractColumnsAreUnambiguous(t *testing.T) {
	t.Parallel()
	owner := map[string]string{}
	for _, c := range ContractColumns() {
		for _, name := range append([]string{c.Header, c.Field}, c.Aliases...) {
			k := importHeaderKey(name)
			if prev, ok := owner[k]; ok && prev != c.Field {
				t.Errorf("header %q means both %s and %s", name, prev, c.Field)
			}
			owner[k] = c.Field
		}
	}
}

// TestParseContractTableTerms: the optional "Opzegtermijn (dagen)" column
// and the spellings of indefinite continuation (DESIGN §4); a file
// without the column keeps working (TestParseContractTable).
func TestParseContractTableTerms(t *testing.T) {
	t.Parallel()
	header := "Organisatie;Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd (maanden);Verlenging;Opzegtermijn (maanden);Opzegtermijn (dagen)"
	tests := []struct {
		name, row string
		kind      RenewalKind
		months    int
		days      int
	}{
		{"Dutch: daarna voor onbepaalde tijd, 3 months", "GM0363;A-1;Licentie;Leverancier;01-02-2024;12;daarna voor onbepaalde tijd;3;", RenewalIndefinite, 3, 0},
		{"Dutch: onbepaalde tijd, 90 dagen", "GM0363;A-2;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;;90", RenewalIndefinite, 0, 90},
		{"English: indefinite", "GM0363;A-3;Licentie;Leverancier;01-02-2024;12;indefinite;1;", RenewalIndefinite, 1, 0},
		{"notice in days without renewal", "GM0363;A-4;Licentie;Leverancier;01-02-2024;12;geen;;30", RenewalNone, 0, 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows, problems, err := ParseContractTable(semicolonTable(header, tt.row), ContractImportOptions{})
			if err != nil || len(problems) > 0 || len(rows) != 1 {
				t.Fatalf("ParseContractTable(%s) = %d rows, %v, %v", tt.row, len(rows), problems, err)
			}
			c := rows[0].Contract
			if c.RenewalKind != tt.kind || c.NoticeMonths != tt.months || c.NoticeDays != tt.days {
				t.Errorf("ParseContractTable(%s): kind %s, notice %d months %d days; want %s, %d, %d",
					tt.row, c.RenewalKind, c.NoticeMonths, c.NoticeDays, tt.kind, tt.months, tt.days)
			}
		})
	}
}

// TestParseContractTableNoticeEndsAnyDay: the optional "Opzegging op elke
// dag" column (ja/nee, empty is nee) says notice in months may end an
// indefinitely continued contract on any day rather than at a month end
// (DESIGN §4); a file without it reads nee.
func TestParseContractTableNoticeEndsAnyDay(t *testing.T) {
	t.Parallel()
	const with = "Organisatie;Contractnummer;Omschrijving;Leverancier;Ingangsdatum;Looptijd (maanden);Verlenging;Opzegtermijn (maanden);Opzegging op elke dag"
	tests := []struct {
		name, header, row string
		want              bool
		problem           string
	}{
		{"ja", with, "GM0363;A-1;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;3;ja", true, ""},
		{"nee", with, "GM0363;A-1;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;3;nee", false, ""},
		{"empty is nee", with, "GM0363;A-1;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;3;", false, ""},
		{"English header and value", strings.Replace(with, "Opzegging op elke dag", "noticeEndsAnyDay", 1),
			"GM0363;A-1;Licentie;Leverancier;01-02-2024;12;indefinite;3;yes", true, ""},
		{"a file without the column reads nee", strings.TrimSuffix(with, ";Opzegging op elke dag"),
			"GM0363;A-1;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;3", false, ""},
		{"not ja or nee: a problem naming the column", with, "GM0363;A-1;Licentie;Leverancier;01-02-2024;12;onbepaalde tijd;3;soms", false,
			"Opzegging op elke dag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows, problems, err := ParseContractTable(semicolonTable(tt.header, tt.row), ContractImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.problem != "" {
				if len(problems) != 1 || problems[0].Column != tt.problem {
					t.Errorf("problems = %+v, want one in column %q", problems, tt.problem)
				}
				return
			}
			if len(problems) > 0 || len(rows) != 1 {
				t.Fatalf("ParseContractTable(%s) = %d rows, %v", tt.row, len(rows), problems)
			}
			if got := rows[0].Contract.NoticeEndsAnyDay; got != tt.want {
				t.Errorf("NoticeEndsAnyDay = %v, want %v", got, tt.want)
			}
		})
	}
}
