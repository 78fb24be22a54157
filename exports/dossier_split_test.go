package exports_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// splitView is the dossier fixture cut down to its first lot, with
// Schiermonnikoog's volume there without value, a knock-out requirement
// only Schiermonnikoog rates must, and the split warning the service finds
// with a second tender of the category: Noord € 200.000 and Zuid
// € 60.000, each under € 216.000, overlapping.
func splitView() procurement.TenderView {
	v := dossierView()
	v.Tender.Framework, v.Tender.Options = false, nil
	v.Lots = v.Lots[:1]
	v.Participants = v.Participants[:3]
	for i := range v.Participants {
		v.Participants[i].Volumes = v.Participants[i].Volumes[:1]
	}
	// 24 months of € 100.000 a year: € 200.000.
	v.Participants[0].Volumes[0].Annual = 0
	v.Participants[1].Volumes[0].Annual = 70_000_00
	v.Participants[2].Volumes[0].Annual = 30_000_00
	v.Requirements = []procurement.Requirement{
		{ID: 105, TenderID: 42, Number: 1, Kind: procurement.KnockOut, Text: "Dekking op de Waddeneilanden",
			Ratings: map[string]procurement.Rating{"GM0088": procurement.Must}},
	}
	v.Plan = plan(v)
	other := procurement.CategoryTender{
		Tender: procurement.Tender{ID: 43, Title: "Telefonie Zuid", CategoryID: v.Tender.CategoryID, Kind: procurement.KindServices,
			TermMonths: 24, TotalPrice: true, NeededStart: date(2028, 1, 1), Status: procurement.TenderCollecting},
		Lots:   []procurement.Lot{{ID: 31, TenderID: 43, Number: 1, Title: "Vaste telefonie"}},
		Annual: map[int64]contracts.Money{31: 30_000_00},
	}
	v.Splits = procurement.SplitWarnings(v.Tender, v.Plan.Estimate.Total, v.Plan.Threshold, []procurement.CategoryTender{other})
	return v
}

// TestDossierSplitAndRequirements checks that the dossier, PDF and
// workbook, carries the split warning, the insufficiently rated
// requirement and who rates it must (DESIGN §4).
func TestDossierSplitAndRequirements(t *testing.T) {
	t.Parallel()
	v := splitView()
	if len(v.Splits) != 1 {
		t.Fatalf("fixture: SplitWarnings = %+v (estimate %d), want one warning", v.Splits, v.Plan.Estimate.Total)
	}
	d := fixtureDossier(v)
	wantSplit := "categorie Telefonie en datacommunicatie: 2 aanbestedingen elk onder de drempel, samen €\u00a0260.000,00 ≥ drempel €\u00a0216.000,00"
	wantTenders := "Aanbestedingen: Vaste & mobiele telefonie en data 2027 (kenmerk 42) €\u00a0200.000,00, 01-07-2027 t/m 30-06-2029; Telefonie Zuid (kenmerk 43) €\u00a060.000,00, 01-01-2028 t/m 31-12-2029."

	t.Run("PDF: split in the summary, insufficiently rated 1 of 3 and the must kept visible (Aw 2012 art. 2.16; DESIGN §4 requirements)", func(t *testing.T) {
		p := exports.DossierPDFDocument(d)
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			t.Fatal(err)
		}
		// Paragraphs wrap: compare with the lines joined.
		text := strings.ReplaceAll(strings.Join(p.Text(), "\n"), "\n", " ")
		for _, want := range []string{
			"Opsplitsing", wantSplit,
			"43 | Telefonie Zuid | €\u00a060.000,00 | 01-01-2028 t/m 31-12-2029",
			"| Samen | €\u00a0260.000,00 |",
			"onvoldoende beoordeeld (1 van 3)",
			"Moet bij deelnemers",
			"Eis 1: onvoldoende beoordeeld (1 van 3); moet bij: Schiermonnikoog (minder dan 20.000 inwoners)",
			"1 deelnemer heeft volume zonder waarde (Schiermonnikoog)",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("dossier PDF lacks %q", want)
			}
		}
		if strings.Contains(text, "| won't |") {
			t.Errorf("dossier PDF consolidates a requirement as won't:\n%s", text)
		}
	})

	t.Run("XLSX: split in the summary, state and Must bij column (Aw 2012 art. 2.16; DESIGN §4 requirements)", func(t *testing.T) {
		f := openXLSX(t, dossierXLSXBytes(t, d))
		dump := dumpXLSX(t, f)
		for _, want := range []string{
			`text "Opsplitsing"`, wantSplit, wantTenders,
			`D2 = text "onvoldoende beoordeeld (1 van 3)"`,
			`I1 = text "Moet bij"`,
			`I2 = text "Schiermonnikoog (GM0088)"`,
		} {
			// The dump quotes each text as Go does, the no-break space
			// after the euro sign as \u00a0.
			if !strings.Contains(dump, strings.ReplaceAll(want, "\u00a0", `\u00a0`)) {
				t.Errorf("dossier workbook lacks %q", want)
			}
		}
	})
}
