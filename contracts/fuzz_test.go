package contracts

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// FuzzParseDate: ParseDate never panics, and accepts only the spelling
// String writes, so what it reads writes back unchanged.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-22", "2024-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2026-1-2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		// 0001-01-01 is the zero time: it reads as the unknown date, which
		// String writes as "".
		if d.IsZero() && s == "0001-01-01" {
			return
		}
		if d.String() != s {
			t.Errorf("ParseDate(%q) = %v, which writes as %q", s, d, d.String())
		}
	})
}

// dutchDate writes d as a Dutch document does: 31-01-2026.
func dutchDate(d Date) string {
	return fmt.Sprintf("%02d-%02d-%04d", d.Day(), int(d.Month()), d.Year())
}

// FuzzImportDate: the import's date reader (31-01-2026, 2026-01-31, an
// Excel serial day, with or without a midnight time) never panics, keeps
// to its plausible years, and reads back what String writes and a Dutch
// document writes.
func FuzzImportDate(f *testing.F) {
	for _, s := range []string{"31-01-2026", "1-2-2026", "2026-01-31", "45658", "60", "61", "2958465", "31-01-2026 00:00",
		"2026-01-31T00:00:00", "29-02-2023", "-1", "1e5", "31-01-2026 12:00", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := importDate(s)
		if err != nil {
			return
		}
		if d.Year() < 1950 || d.Year() > 2150 {
			t.Errorf("importDate(%q) = %v, outside 1950..2150", s, d)
		}
		for _, back := range []string{d.String(), dutchDate(d)} {
			if got, err := importDate(back); err != nil || got != d {
				t.Errorf("importDate(%q) = %v, %v; want %v (from %q)", back, got, err, d, s)
			}
		}
	})
}

// FuzzParseImportDate: the organization import's date reader never
// panics, and reads back the ISO date it returns.
func FuzzParseImportDate(f *testing.F) {
	for _, s := range []string{"2025-01-01", "1-1-2025", "01-01-2025", "45658", "1", "2958465", "2958466", "0", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseImportDate(s)
		if err != nil || d.IsZero() {
			return
		}
		if got, err := parseImportDate(d.String()); err != nil || got != d {
			t.Errorf("parseImportDate(%q) = %v, %v; want %v (from %q)", d.String(), got, err, d, s)
		}
	})
}

// dutchMoney writes m as a Dutch document does: € 1.234,56.
func dutchMoney(m Money) string {
	neg, c := m < 0, int64(m)
	if neg {
		c = -c
	}
	whole := strconv.FormatInt(c/100, 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	sign := ""
	if neg {
		sign = "-"
	}
	return fmt.Sprintf("%s€ %s,%02d", sign, b.String(), c%100)
}

// FuzzImportMoney: the import's amount reader never panics, stays within
// its cap, and reads back an amount written the Dutch way (€ 1.234,56)
// and the way a workbook's raw value holds it (1234.56).
func FuzzImportMoney(f *testing.F) {
	for _, s := range []string{"€ 1.234,56", "1,234.56", "1234,5", "1,234", "1.234", "1.234.567", "12.5", "0,-", "EUR 10",
		"-5", "−5", "1.234,567", "1.234,560", "99999999999999", "1000000000000,00", ".5", ",5", "1..2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := importMoney(s)
		if err != nil {
			return
		}
		if m > maxImportMoney || m < -maxImportMoney {
			t.Errorf("importMoney(%q) = %d cents, past the cap %d", s, m, int64(maxImportMoney))
		}
		raw := fmt.Sprintf("%d.%02d", int64(m)/100, abs(int64(m))%100)
		if m < 0 {
			raw = "-" + strings.TrimPrefix(raw, "-")
		}
		for _, back := range []string{dutchMoney(m), raw} {
			if got, err := importMoney(back); err != nil || got != m {
				t.Errorf("importMoney(%q) = %d, %v; want %d (from %q)", back, got, err, m, s)
			}
		}
	})
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// FuzzImportWhole: the import's whole-number reader never panics and
// reads back the number it returns.
func FuzzImportWhole(f *testing.F) {
	for _, s := range []string{"36", "-1", "+1", "1.500", "1 500", "1,5", "999999999", "1000000000", "-", "0.1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := importWhole(s)
		if err != nil {
			return
		}
		if got, err := importWhole(strconv.Itoa(n)); err != nil || got != n {
			t.Errorf("importWhole(%q) = %d, %v; want %d (from %q)", strconv.Itoa(n), got, err, n, s)
		}
	})
}

// FuzzParsePopulation: the organization import's population reader never
// panics, never returns a negative number, and reads back what it returns.
func FuzzParsePopulation(f *testing.F) {
	for _, s := range []string{"934526", "934.526", "934,526", "934 526", "-1", "1.2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parsePopulation(s)
		if err != nil {
			return
		}
		if n < 0 {
			t.Errorf("parsePopulation(%q) = %d, want no negative population", s, n)
		}
		if got, err := parsePopulation(strconv.Itoa(n)); err != nil || got != n {
			t.Errorf("parsePopulation(%q) = %d, %v; want %d", strconv.Itoa(n), got, err, n)
		}
	})
}

// templateHeader is the contract import's header as the template writes it.
func templateHeader() string {
	var h []string
	for _, c := range ContractColumns() {
		h = append(h, c.Header)
	}
	return strings.Join(h, ";")
}

// FuzzImportRow puts one arbitrary row (cells split on ";", as Dutch
// Excel saves a CSV) under a header through the contract import's
// parsing: it never panics, a problem names row 2 and a column, and a
// row without problems passes the same validation as the API.
func FuzzImportRow(f *testing.F) {
	header := templateHeader()
	for _, row := range []string{
		"GM0363;A-1;Telefonie;KPN B.V.;27124701;;;01-02-2023;36;stilzwijgend;12;;;;3;;;€ 125.000,00;;",
		"GM0363;A-1;Telefonie;KPN B.V.;;;;2023-02-01;36;geen;;;;;;;;1.000;;",
		"GM0363;A-1;Telefonie;KPN B.V.;;;;45000;36;optie;12;2;01-01-2030;1;3;30;;=SUM(K1:K9);actief;ja",
		";;;;;;;;;;;;;;;;;;;",
		"GM0363;A-1;" + strings.Repeat("x", 300) + ";KPN;;;;2023-02-01;-1;soms;;;;;;;;-5;;",
	} {
		f.Add(header, row)
	}
	f.Add("Organisatie;Contractnummer", "GM0363;A-1")
	f.Fuzz(func(t *testing.T, header, row string) {
		tab := Table{Header: strings.Split(header, ";"), Rows: [][]string{strings.Split(row, ";")}}
		rows, problems, err := ParseContractTable(tab, ContractImportOptions{})
		if err != nil {
			return
		}
		for _, p := range problems {
			if p.Row != 2 || p.Column == "" || !apperr.Known(p.Code) {
				t.Errorf("problem %+v, want row 2 with a column and a code of the catalogue", p)
			}
		}
		if len(rows) > 1 {
			t.Fatalf("%d contracts from one row", len(rows))
		}
		if len(problems) > 0 {
			return
		}
		for _, r := range rows {
			c := r.Contract
			c.VendorID = 1 // the service resolves the vendor the row names
			if err := c.Validate(); err != nil {
				t.Errorf("accepted row %q: Contract.Validate() = %v", row, err)
			}
			for _, l := range r.Lines {
				if err := l.Validate(); err != nil {
					t.Errorf("accepted row %q: LicenceLine.Validate() = %v", row, err)
				}
			}
		}
	})
}
