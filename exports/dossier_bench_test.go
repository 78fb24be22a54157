package exports_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// nationalView is the model case at national scale, built by hand: the
// joint telephony tender with 283 participants (241 of them with a signed
// mandate), 3 lots and 40 requirements that every participant rated,
// with conflicts between large and small municipalities, and a current
// contract for most participants.
func nationalView() procurement.TenderView {
	v := dossierView()
	v.Participants, v.Requirements = nil, nil
	v.Current = map[string]contracts.ContractSummary{}
	provinces := []string{"PV20", "PV21", "PV22", "PV23", "PV24", "PV25", "PV26", "PV27", "PV28", "PV29", "PV30", "PV31"}
	for i := range 283 {
		code := fmt.Sprintf("GM%04d", 1000+i)
		pop := 4_000 + (i*7_919)%180_000
		signed := contracts.Date{}
		if i < 241 {
			signed = date(2026, 10, 1+i%28)
		}
		q := int64(50 + pop/150)
		p := procurement.Participant{TenderID: 42, Organization: code, Joined: date(2026, 9, 1),
			Name: fmt.Sprintf("Gemeente Súdwest-Fryslân %03d", i), Kind: contracts.KindMunicipality,
			Province: provinces[i%len(provinces)], Population: pop,
			Volumes: volumes(q, contracts.Money(q)*75_00, 2*q, contracts.Money(2*q)*60_00, q/40+1, contracts.Money(q/40+1)*1_500_00),
			Mandate: mandate(signed, fmt.Sprintf("BW-%d", i))}
		v.Participants = append(v.Participants, p)
		if i%4 != 3 {
			v.Current[code] = currentContract(code, p.Name, fmt.Sprintf("C-%d", i), "KPN B.V.", date(2022+i%4, time.Month(1+i%12), 1), 60,
				[]contracts.RenewalKind{contracts.RenewalNone, contracts.RenewalTacit}[i%2], 12, 2)
		}
	}
	ratings := procurement.Ratings()
	for j := range 40 {
		r := procurement.Requirement{ID: int64(200 + j), TenderID: 42, Number: j + 1, Kind: procurement.AwardCriterion,
			Text:    fmt.Sprintf("Eis %d: de dienst ondersteunt koppeling %d met het zaaksysteem en het klantcontactcentrum van de gemeente.", j+1, j),
			Ratings: map[string]procurement.Rating{}}
		for i, p := range v.Participants {
			rating := ratings[(i+j)%4]
			if j%5 == 0 { // large municipalities must, small ones won't
				rating = procurement.Must
				if p.Population < 20_000 {
					rating = procurement.Wont
				}
			}
			r.Ratings[p.Organization] = rating
		}
		v.Requirements = append(v.Requirements, r)
	}
	v.Plan = plan(v)
	return v
}

// BenchmarkDossier writes the dossier of the 283-participant tender as
// XLSX and as PDF, each next to the bare library writing the same cell
// values or lines of text without any layout, so the ratio shows what the
// dossier's formats, styles and tables cost.
//
//	go test ./exports -run '^$' -bench BenchmarkDossier -benchmem
func BenchmarkDossier(b *testing.B) {
	d := fixtureDossier(nationalView())
	cells := dossierCells(d)
	b.Run("xlsx", func(b *testing.B) {
		for b.Loop() {
			if err := exports.DossierXLSX(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("xlsx-bare-excelize", func(b *testing.B) {
		for b.Loop() {
			bareXLSX(b, cells)
		}
	})
	b.Run("pdf", func(b *testing.B) {
		for b.Loop() {
			if err := exports.DossierPDF(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pdf-bare-fpdf", func(b *testing.B) {
		lines := dossierLines(b, d)
		b.ResetTimer()
		for b.Loop() {
			barePDF(b, lines)
		}
	})
}

// dossierCells returns the dossier workbook's cell values per sheet, read
// back once, for the bare excelize baseline.
func dossierCells(d exports.Dossier) []sheetCells {
	var buf bytes.Buffer
	if err := exports.DossierXLSX(&buf, d); err != nil {
		panic(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	var out []sheetCells
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		out = append(out, sheetCells{sh, rows})
	}
	return out
}

// sheetCells is one sheet's cell values by row.
type sheetCells struct {
	name string
	rows [][]string
}

// bareXLSX writes the same values with plain SetCellValue calls.
func bareXLSX(b *testing.B, sheets []sheetCells) {
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		name := sh.name
		if i == 0 {
			_ = f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			b.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(name, ref, v); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	if _, err := f.WriteTo(io.Discard); err != nil {
		b.Fatal(err)
	}
}

// dossierLines returns the dossier PDF's text lines, for the bare fpdf
// baseline.
func dossierLines(b *testing.B, d exports.Dossier) []string {
	p := exports.DossierPDFDocument(d)
	if err := p.Output(io.Discard); err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, page := range p.Text() {
		lines = append(lines, strings.Split(page, "\n")...)
	}
	return lines
}

// barePDF writes the lines one cell each with the Go font, as many per
// page as the dossier holds, without measuring or wrapping.
func barePDF(b *testing.B, lines []string) {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("Go", "", goregular.TTF)
	f.SetFont("Go", "", 8.5)
	f.AddPage()
	for _, l := range lines {
		if f.GetY() > 270 {
			f.AddPage()
		}
		f.CellFormat(174, 4.2, l, "", 1, "L", false, 0, "")
	}
	if err := f.Output(io.Discard); err != nil {
		b.Fatal(err)
	}
}
