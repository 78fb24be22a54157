package sheet

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// TestReadRefusesBomb: an XLSX of under a megabyte whose sheet unpacks to
// 200 MB cost 22-55 s of CPU and some 850 MB per upload. It is refused
// now from the zip's directory, before anything is unpacked.
func TestReadRefusesBomb(t *testing.T) {
	b := bomb(t)
	if len(b) > 1<<20 {
		t.Fatalf("bomb is %d bytes packed, want under 1 MiB", len(b))
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := Read(bytes.NewReader(b))
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if !errors.Is(err, apperr.Invalid) || !strings.Contains(apperr.Detail(err, ""), "unpacks to") {
		t.Fatalf("Read(bomb) = %v, want Invalid saying what it unpacks to", err)
	}
	if elapsed > 500*time.Millisecond {
		t.Errorf("Read(bomb) took %v, want well under a second", elapsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("Read(bomb) allocated %d MiB, want a few at most", alloc>>20)
	}
}

// xlsxRows is a hand-written workbook of the given rows of inline strings.
func xlsxRows(t testing.TB, rows ...[]string) []byte {
	t.Helper()
	return handWorkbook(t, func(w io.Writer) error {
		for _, r := range rows {
			var b strings.Builder
			b.WriteString("<row>")
			for _, c := range r {
				b.WriteString(`<c t="inlineStr"><is><t>` + c + `</t></is></c>`)
			}
			b.WriteString("</row>")
			if _, err := io.WriteString(w, b.String()); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestReadLimited(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 101)
	rows := func(n int) [][]string {
		out := [][]string{{"code", "name"}}
		for i := range n {
			out = append(out, []string{"GM" + strconv.Itoa(i), "naam"})
		}
		return out
	}
	csvOf := func(rows [][]string) []byte {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, ",") + "\n")
		}
		return []byte(b.String())
	}
	// A sheet of some 3 MiB of distinct numbers packs about tenfold, so
	// only the unpacked-size cap refuses it.
	var sheet3MiB [][]string
	for i := 0; len(sheet3MiB)*100 < 3<<20; i++ {
		sheet3MiB = append(sheet3MiB, []string{strconv.Itoa(i * 7919), strconv.Itoa(i * 104729)})
	}
	tests := []struct {
		name string
		in   []byte
		lim  Limits
		want string // detail; "" for no error
	}{
		{"CSV within every limit", csvOf(rows(3)), Limits{MaxRows: 4, MaxCells: 8, MaxCellBytes: 4}, ""},
		{"CSV rows", csvOf(rows(4)), Limits{MaxRows: 4}, "the sheet has more than 4 rows"},
		{"CSV rows count blank lines, as the file numbers them", []byte("code,name\n\n\n\nGM1,a\n"), Limits{MaxRows: 4}, "more than 4 rows"},
		{"CSV cells", csvOf(rows(4)), Limits{MaxCells: 9}, "the sheet has more than 9 cells"},
		{"CSV cell length", csvOf([][]string{{"code"}, {long}}), Limits{MaxCellBytes: 100}, "row 2 has a cell longer than 100 bytes"},
		{"XLSX within every limit", xlsxRows(t, rows(3)...), Limits{MaxRows: 4, MaxCells: 8, MaxCellBytes: 4}, ""},
		{"XLSX rows", xlsxRows(t, rows(4)...), Limits{MaxRows: 4}, "the sheet has more than 4 rows"},
		{"XLSX rows count a jump to the last row", handWorkbook(t, func(w io.Writer) error {
			_, err := io.WriteString(w, `<row r="1"><c t="inlineStr"><is><t>code</t></is></c></row><row r="1048576"><c><v>1</v></c></row>`)
			return err
		}), Limits{}, "the sheet has more than 250000 rows"},
		{"XLSX cells", xlsxRows(t, rows(4)...), Limits{MaxCells: 9}, "the sheet has more than 9 cells"},
		{"XLSX cell length", xlsxRows(t, []string{"code"}, []string{long}), Limits{MaxCellBytes: 100}, "row 2 has a cell longer than 100 bytes"},
		{"XLSX unpacked size", xlsxRows(t, sheet3MiB...), Limits{MaxUnpacked: 2 << 20}, "the workbook unpacks to more than 2 MiB"},
		{"XLSX unpacked size, within", xlsxRows(t, sheet3MiB...), Limits{MaxUnpacked: 4 << 20}, ""},
		{"XLSX bomb, by its ratio", bomb(t), Limits{}, "xl/worksheets/sheet1.xml unpacks to"},
		{"XLSX bomb, by its size", bomb(t), Limits{MaxUnpacked: 100 << 20}, "the workbook unpacks to more than 100 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadLimited(bytes.NewReader(tt.in), tt.lim)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("ReadLimited(%s, %+v) = %v, want no error", tt.name, tt.lim, err)
			case tt.want != "" && (!errors.Is(err, apperr.Invalid) || !strings.Contains(apperr.Detail(err, ""), tt.want)):
				t.Errorf("ReadLimited(%s, %+v) = %v, want Invalid saying %q", tt.name, tt.lim, err, tt.want)
			}
		})
	}
}

// TestReadCheckedRefusesHeaderFirst: a header the caller refuses ends the
// read before the body is looked at. The bodies here are past a limit, so
// reading any of them would answer with that limit instead.
func TestReadCheckedRefusesHeaderFirst(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 200)
	wrong := apperr.WithDetail(apperr.Invalid, "missing required column Contractnummer")
	tests := []struct {
		name string
		in   []byte
	}{
		{"CSV", []byte("Organisatie;Omschrijving\nGM0363;" + long + "\nGM0363;\"unbalanced\n")},
		{"XLSX", xlsxRows(t, []string{"Organisatie", "Omschrijving"}, []string{"GM0363", long})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			_, _, err := ReadChecked(bytes.NewReader(tt.in), Limits{MaxCellBytes: 100}, func(header []string) error {
				got = header
				return wrong
			})
			if err != wrong {
				t.Errorf("ReadChecked(%s) = %v, want the header check's error", tt.name, err)
			}
			if !slices.Equal(got, []string{"Organisatie", "Omschrijving"}) {
				t.Errorf("header check saw %q, want the header row", got)
			}
		})
	}
	// A header the check accepts reads on, into the body's limit.
	_, _, err := ReadChecked(bytes.NewReader(tests[1].in), Limits{MaxCellBytes: 100}, func([]string) error { return nil })
	if !strings.Contains(apperr.Detail(err, ""), "longer than 100 bytes") {
		t.Errorf("ReadChecked(accepted header) = %v, want the cell length refused", err)
	}
}
