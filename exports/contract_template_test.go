package exports_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func contractTemplate(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exports.ContractTemplate(&buf, exports.TemplateOptions{NewVendors: true}); err != nil {
		t.Fatalf("ContractTemplate: %v", err)
	}
	return buf.Bytes()
}

func openWorkbook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// numFormat describes the style that style() returns: number format and
// bold, or "" for none.
func numFormat(t *testing.T, f *excelize.File, style func() (int, error)) string {
	t.Helper()
	id, err := style()
	if err != nil {
		t.Fatal(err)
	}
	if id == 0 {
		return ""
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	switch {
	case s.CustomNumFmt != nil:
		out = append(out, "format "+*s.CustomNumFmt)
	case s.NumFmt != 0:
		out = append(out, fmt.Sprintf("format #%d", s.NumFmt))
	}
	if s.Font != nil && s.Font.Bold {
		out = append(out, "bold")
	}
	if len(out) == 0 {
		return ""
	}
	return " [" + strings.Join(out, ", ") + "]"
}

func TestContractTemplateGolden(t *testing.T) {
	got := dumpXLSX(t, openWorkbook(t, contractTemplate(t)))
	golden := filepath.Join("testdata", "contract_template.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./exports -run ContractTemplateGolden -update)", err)
	}
	if got != string(want) {
		t.Errorf("contract template differs from %s (rerun with -update and review the diff):\n%s", golden, got)
	}
}

func TestContractTemplateIsDeterministic(t *testing.T) {
	t.Parallel()
	if !bytes.Equal(contractTemplate(t), contractTemplate(t)) {
		t.Error("two downloads of the template differ; the workbook must not depend on the time or map order")
	}
}

func TestContractTemplateDocumentsEveryColumn(t *testing.T) {
	t.Parallel()
	f := openWorkbook(t, contractTemplate(t))
	header, err := f.GetRows("Contracten")
	if err != nil {
		t.Fatal(err)
	}
	guide, err := f.GetRows("Toelichting")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, r := range guide {
		if len(r) >= 4 && r[2] != "" && r[3] != "" {
			documented[r[0]] = true
		}
	}
	for _, c := range contracts.ContractColumns() {
		if !slices.Contains(header[0], c.Header) {
			t.Errorf("column %s (%s) missing from the Contracten header", c.Header, c.Field)
		}
		if !documented[c.Header] {
			t.Errorf("column %s has no meaning and format on the Toelichting sheet", c.Header)
		}
	}
}

// importTemplate reads a workbook as the import does and imports it into
// a fresh store holding Amsterdam.
func importTemplate(t *testing.T, b []byte) (contracts.ContractImportReport, error) {
	t.Helper()
	tab, err := sheet.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("read the template as the import does: %v", err)
	}
	svc := contracts.NewService(storetest.New(t).Register(), contracts.Options{
		Now: func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }})
	ctx := context.Background()
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality}); err != nil {
		t.Fatal(err)
	}
	rep, err := svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
	if err == nil {
		again, err := svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
		if err != nil || again.Unchanged != len(rep.Created)+len(rep.Updated) || len(again.Created)+len(again.Updated) > 0 {
			t.Errorf("second import of the same workbook = %+v, %v; want everything unchanged", again, err)
		}
	}
	return rep, err
}

func TestContractTemplateExampleImports(t *testing.T) {
	t.Parallel()
	rep, err := importTemplate(t, contractTemplate(t))
	if err != nil {
		t.Fatalf("import of the template's example = %v (problems %+v)", err, rep.Problems)
	}
	if len(rep.Created) != 1 || rep.Created[0] != "GM0363/2024-017" || len(rep.NewVendors) != 1 {
		t.Errorf("report = %+v, want the example contract and its vendor created", rep)
	}
}

// columnOf returns the template's column letter of header.
func columnOf(t *testing.T, header string) string {
	t.Helper()
	i := slices.IndexFunc(contracts.ContractColumns(), func(c contracts.ImportColumn) bool { return c.Header == header })
	if i < 0 {
		t.Fatalf("no column %q", header)
	}
	col, _ := excelize.ColumnNumberToName(i + 1)
	return col
}

// TestContractTemplateListsImport puts every choice of every list of the
// template into the example row and checks that the import accepts it,
// so that the lists and the import cannot drift apart.
func TestContractTemplateListsImport(t *testing.T) {
	t.Parallel()
	f := openWorkbook(t, contractTemplate(t))
	dvs, err := f.GetDataValidations("Contracten")
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, dv := range dvs {
		if dv.Type != "list" {
			continue
		}
		lists++
		col := strings.TrimRight(strings.SplitN(dv.Sqref, ":", 2)[0], "0123456789")
		for _, choice := range strings.Split(strings.Trim(dv.Formula1, `"`), ",") {
			t.Run(col+" "+choice, func(t *testing.T) {
				t.Parallel()
				g := openWorkbook(t, contractTemplate(t))
				if err := g.SetCellStr("Contracten", col+"2", choice); err != nil {
					t.Fatal(err)
				}
				if (choice == "geen" || choice == "onbepaalde tijd") && col == columnOf(t, "Verlenging") {
					// Without renewal, or continuing indefinitely until
					// notice, there is no renewal period or maximum.
					for _, h := range []string{"Verlengingsperiode (maanden)", "Maximaal aantal verlengingen"} {
						if err := g.SetCellStr("Contracten", columnOf(t, h)+"2", ""); err != nil {
							t.Fatal(err)
						}
					}
				}
				var buf bytes.Buffer
				if err := g.Write(&buf); err != nil {
					t.Fatal(err)
				}
				tab, err := sheet.Read(&buf)
				if err != nil {
					t.Fatal(err)
				}
				if _, problems, err := contracts.ParseContractTable(tab, contracts.ContractImportOptions{}); err != nil || len(problems) > 0 {
					t.Errorf("%s = %q: %v %+v, want it accepted", col, choice, err, problems)
				}
			})
		}
	}
	if lists < 9 {
		t.Errorf("the template has %d list validations, want at least 9 (renewal, status, metric, price period and five ja/nee)", lists)
	}
}

// TestContractTemplateGuidePerRole: the guide promises a new vendor from
// its KvK number only to those whose import adds one; for a member it
// says an unknown vendor is refused and whom to ask.
func TestContractTemplateGuidePerRole(t *testing.T) {
	t.Parallel()
	vendorFormat := func(o exports.TemplateOptions) string {
		t.Helper()
		var buf bytes.Buffer
		if err := exports.ContractTemplate(&buf, o); err != nil {
			t.Fatal(err)
		}
		f := openWorkbook(t, buf.Bytes())
		rows, err := f.GetRows("Toelichting")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) > 3 && r[0] == "Leverancier" {
				return r[3]
			}
		}
		t.Fatal("the guide has no row for Leverancier")
		return ""
	}
	if got := vendorFormat(exports.TemplateOptions{NewVendors: true}); !strings.Contains(got, "nieuwe leverancier wordt alleen aangemaakt als ook het KvK-nummer") {
		t.Errorf("coordinator's guide for Leverancier = %q, want the promise of a new vendor by KvK number", got)
	}
	got := vendorFormat(exports.TemplateOptions{})
	if strings.Contains(got, "aangemaakt") || !strings.Contains(got, "onbekende leverancier wordt geweigerd") || !strings.Contains(got, "coördinator") {
		t.Errorf("member's guide for Leverancier = %q, want: an unknown vendor is refused, ask a coordinator", got)
	}
}
