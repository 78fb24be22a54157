package contracts

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

func TestValidateCode(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		code  string
		kind  OrgKind
		valid bool
	}{
		{"CBS municipality code GM + 4 digits", "GM0363", KindMunicipality, true},
		{"CBS municipality code too short", "GM36", KindMunicipality, false},
		{"CBS municipality code with letters", "GM03A3", KindMunicipality, false},
		{"municipality without GM prefix", "0363", KindMunicipality, false},
		{"CBS province code PV20 (Groningen)", "PV20", KindProvince, true},
		{"CBS province code PV31 (Limburg)", "PV31", KindProvince, true},
		{"province code out of range PV19", "PV19", KindProvince, false},
		{"province code out of range PV32", "PV32", KindProvince, false},
		{"free code for a water board", "WS-AGV", KindWaterBoard, true},
		{"free code may not pose as a municipality", "GM9999", KindCooperation, false},
		{"free code may not pose as a province", "PV27", KindOther, false},
		{"free code with a space", "VNG ICT", KindCooperation, false},
		{"empty code", "", KindOther, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ValidateCode(tt.code, tt.kind) == ""; got != tt.valid {
				t.Errorf("ValidateCode(%q, %s) valid = %v, want %v", tt.code, tt.kind, got, tt.valid)
			}
		})
	}
}

func TestSizeClassOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		population int
		want       SizeClass
	}{
		{0, SizeUnknown}, {971, SizeSmall}, {19_999, SizeSmall}, {20_000, SizeMedium},
		{49_999, SizeMedium}, {50_000, SizeLarge}, {99_999, SizeLarge}, {100_000, SizeXLarge}, {934_526, SizeXLarge},
	}
	for _, tt := range tests {
		if got := SizeClassOf(tt.population); got != tt.want {
			t.Errorf("SizeClassOf(%d) = %q, want %q (DESIGN §3: <20k, 20–50k, 50–100k, 100k+)", tt.population, got, tt.want)
		}
	}
}

func TestOrganizationValidateListsEveryField(t *testing.T) {
	t.Parallel()
	o := Organization{Code: "GM36", Kind: KindMunicipality, Province: "PV99", Population: -5}
	err := o.Validate()
	if !errors.Is(err, apperr.Invalid) {
		t.Fatalf("Validate() = %v, want Invalid", err)
	}
	var fields []string
	for _, fe := range apperr.Fields(err) {
		fields = append(fields, fe.Field)
	}
	for _, want := range []string{"code", "name", "province", "population"} {
		if !slices.Contains(fields, want) {
			t.Errorf("Validate() fields = %v, missing %q", fields, want)
		}
	}
}

func TestParseOrganizationTableHeaderVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		header []string
		row    []string
		want   Organization
	}{
		{
			name:   "CBS publication headers, numeric code",
			header: []string{"Gemeentecode", "Gemeentenaam", "Provincienaam", "Inwoners", "Peildatum"},
			row:    []string{"363", "Amsterdam", "Noord-Holland", "934.526", "1-1-2025"},
			want:   Organization{Code: "GM0363", Name: "Amsterdam", Kind: KindMunicipality, Province: "PV27", Population: 934526, PopulationDate: NewDate(2025, 1, 1)},
		},
		{
			name:   "GemeentecodeGM and ProvinciecodePV, any case",
			header: []string{"GEMEENTECODEGM", "gemeentenaam", "ProvinciecodePV"},
			row:    []string{"GM1900", "Súdwest-Fryslân", "PV21"},
			want:   Organization{Code: "GM1900", Name: "Súdwest-Fryslân", Kind: KindMunicipality, Province: "PV21"},
		},
		{
			name:   "reference file columns",
			header: []string{"code", "code_num", "name", "province_code", "province_num", "province_name", "population", "population_date"},
			row:    []string{"GM0820", "0820", "Nuenen, Gerwen en Nederwetten", "PV30", "30", "Noord-Brabant", "23500", "2025-01-01"},
			want:   Organization{Code: "GM0820", Name: "Nuenen, Gerwen en Nederwetten", Kind: KindMunicipality, Province: "PV30", Population: 23500, PopulationDate: NewDate(2025, 1, 1)},
		},
		{
			name:   "Friesland is accepted for Fryslân",
			header: []string{"code", "naam", "provincie"},
			row:    []string{"GM0080", "Leeuwarden", "Friesland"},
			want:   Organization{Code: "GM0080", Name: "Leeuwarden", Kind: KindMunicipality, Province: "PV21"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems, err := ParseOrganizationTable(Table{Header: tt.header, Rows: [][]string{tt.row}})
			if err != nil || len(problems) > 0 {
				t.Fatalf("ParseOrganizationTable: err %v, problems %v", err, problems)
			}
			if len(got) != 1 || !sameOrganization(got[0], tt.want) {
				t.Errorf("ParseOrganizationTable(%v) = %+v, want %+v", tt.row, got, tt.want)
			}
		})
	}
}

func TestParseOrganizationTableReportsEveryBadRow(t *testing.T) {
	t.Parallel()
	header := []string{"code", "name", "province_name", "population", "population_date"}
	rows := [][]string{
		{"GM0363", "Amsterdam", "Noord-Holland", "934526", "2025-01-01"},
		{"GM36", "Kort", "Noord-Holland", "100", "2025-01-01"},
		{"GM0599", "Rotterdam", "Holland", "-3", "2025-01-01"},
		{"GM0363", "", "Utrecht", "12", "gisteren"},
	}
	got, problems, err := ParseOrganizationTable(Table{Header: header, Rows: rows})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Errorf("parsed %d good rows, want 1", len(got))
	}
	want := []RowProblem{
		rowProblem(3, "code", "code", apperr.MunicipalityCode),
		rowProblem(4, "province_name", "provinceName", apperr.NotAProvince, "Holland"),
		rowProblem(4, "population", "population", apperr.Negative, -3),
		rowProblem(5, "code", "code", apperr.DuplicateRow, "GM0363", 2),
		rowProblem(5, "name", "name", apperr.Required),
		rowProblem(5, "population_date", "populationDate", apperr.NotADate, "gisteren"),
	}
	if !reflect.DeepEqual(problems, want) {
		t.Errorf("problems =\n%+v, want\n%+v", problems, want)
	}
}

func TestParseOrganizationTableMissingColumn(t *testing.T) {
	t.Parallel()
	_, _, err := ParseOrganizationTable(Table{Header: []string{"Gemeentenaam", "Inwoners"}})
	if !errors.Is(err, apperr.Invalid) || !strings.Contains(apperr.Detail(err, ""), "missing required column code") {
		t.Fatalf("err = %v, want Invalid naming the missing code column", err)
	}
}

func TestEmbeddedCPVHasValidSyntax(t *testing.T) {
	t.Parallel()
	list := EmbeddedCPV()
	if len(list) < 20 {
		t.Fatalf("EmbeddedCPV() has %d codes, want the ICT and telecom subset", len(list))
	}
	for _, c := range list {
		if !ValidCPVSyntax(c.Code) || c.Label == "" {
			t.Errorf("embedded CPV %+v: want a code like 64210000-1 and a Dutch label", c)
		}
	}
}

func TestParseOrganizationTableAppliesTheSameRulesAsTheAPI(t *testing.T) {
	t.Parallel()
	tab := Table{
		Header: []string{"code", "name", "province_code"},
		Rows: [][]string{
			{"PV27", "Noord-Holland", "PV26"},
			{"GM0363", strings.Repeat("A", 201), "PV27"},
		},
		Lines: []int{2, 5},
	}
	_, problems, err := ParseOrganizationTable(tab)
	if err != nil {
		t.Fatal(err)
	}
	want := []RowProblem{{Row: 2, Column: "province_code"}, {Row: 5, Column: "name"}}
	if len(problems) != len(want) {
		t.Fatalf("problems = %+v, want %d", problems, len(want))
	}
	for i, w := range want {
		if problems[i].Row != w.Row || problems[i].Column != w.Column {
			t.Errorf("problem %d = %+v, want row %d column %s", i, problems[i], w.Row, w.Column)
		}
	}
}

func TestParseImportDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Date
	}{
		{"2025-01-01", NewDate(2025, 1, 1)},
		{"1-1-2025", NewDate(2025, 1, 1)},
		{"31-12-2024", NewDate(2024, 12, 31)},
		{"45658", NewDate(2025, 1, 1)}, // Excel serial day
		{"61", NewDate(1900, 3, 1)},    // after Excel's phantom 29 February 1900
	}
	for _, tt := range tests {
		if got, err := parseImportDate(tt.in); err != nil || got != tt.want {
			t.Errorf("parseImportDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if _, err := parseImportDate("01-31-25"); err == nil {
		t.Error(`parseImportDate("01-31-25") succeeded; an American date must be refused`)
	}
}
