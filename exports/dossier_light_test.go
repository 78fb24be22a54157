package exports_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// lightView is the dossier fixture for social and other specific
// services (Annex XIV) well above €750,000: the light regime (Aw 2012
// art. 2.38–2.39), published Monday 2 November 2026.
func lightView() procurement.TenderView {
	v := dossierView()
	v.Tender.Kind = procurement.KindSocial
	v.Tender.Publication = date(2026, 11, 2)
	// 32 days: Friday 4 December 2026; the award decision 30 days later
	// is Sunday 3 January 2027 and day 20 of the standstill Saturday 23
	// January, which runs on to Monday 25 January (Atw art. 1).
	v.Tender.TenderDeadline = date(2026, 12, 4)
	v.Plan = plan(v)
	return v
}

// TestDossierLightRegime: the dossier (PDF and workbook) and the OCDS
// release of a light-regime tender carry its reasons (Aw 2012
// art. 2.38–2.39), the chosen deadline shorter than the planning
// assumption with its warning, the award notice after the contract, and
// the standstill that ran on past the weekend (Algemene termijnenwet
// art. 1).
func TestDossierLightRegime(t *testing.T) {
	t.Parallel()
	v := lightView()
	if v.Plan.Procedure != procurement.ProcedureLight || v.Plan.DeadlineProblem.Kind != "" {
		t.Fatalf("fixture: procedure %s, deadline problem %q; want the light regime and the chosen deadline taken", v.Plan.Procedure, v.Plan.DeadlineProblem.Message())
	}
	d := fixtureDossier(v)
	want := []string{
		"verlicht regime voor sociale en andere specifieke diensten (Aw 2012 art. 2.38–2.39)",
		"gekozen sluitingstermijn; vroegst toegestaan 03-11-2026 (het verlicht regime kent geen wettelijke minimumtermijn",
		"korter dan de planningsaanname van 40 dagen",
		"beginselen van proportionaliteit en transparantie",
		"eindigt op zaterdag 23-01-2027; loopt door tot maandag 25-01-2027 (Algemene termijnenwet art. 1)",
		"Aankondiging gegunde opdracht",
		"Richtlijn 2014/24/EU art. 75 lid 2",
	}

	t.Run("PDF", func(t *testing.T) {
		t.Parallel()
		p := exports.DossierPDFDocument(d)
		var buf bytes.Buffer
		if err := p.Output(&buf); err != nil {
			t.Fatal(err)
		}
		text := strings.ReplaceAll(strings.Join(p.Text(), "\n"), "\n", " ")
		for _, w := range append(want, "25-01-2027", "30-04-2027") {
			if !strings.Contains(text, w) {
				t.Errorf("dossier PDF lacks %q", w)
			}
		}
	})
	t.Run("XLSX", func(t *testing.T) {
		t.Parallel()
		dump := dumpXLSX(t, openXLSX(t, dossierXLSXBytes(t, d)))
		for _, w := range want {
			if !strings.Contains(dump, w) {
				t.Errorf("dossier workbook lacks %q", w)
			}
		}
	})
	t.Run("OCDS", func(t *testing.T) {
		t.Parallel()
		var pkg struct {
			Releases []struct {
				Tender struct {
					ProcurementMethodRationale string `json:"procurementMethodRationale"`
					Milestones                 []struct {
						ID          string `json:"id"`
						Description string `json:"description"`
						DueDate     string `json:"dueDate"`
					} `json:"milestones"`
				} `json:"tender"`
			} `json:"releases"`
		}
		if err := json.Unmarshal(ocdsBytes(t, d), &pkg); err != nil || len(pkg.Releases) != 1 {
			t.Fatalf("OCDS package: %v", err)
		}
		ot := pkg.Releases[0].Tender
		if !strings.Contains(ot.ProcurementMethodRationale, "verlicht regime (Aw 2012 art. 2.38)") {
			t.Errorf("procurementMethodRationale = %q, want the light regime", ot.ProcurementMethodRationale)
		}
		got := map[string]string{}
		for _, m := range ot.Milestones {
			got[m.ID] = m.DueDate + " " + m.Description
		}
		for id, w := range map[string]string{
			procurement.MilestoneTenderDeadline: "2026-12-04",
			procurement.MilestoneStandstillEnd:  "loopt door tot maandag 25-01-2027 (Algemene termijnenwet art. 1)",
			procurement.MilestoneAwardNotice:    "2027-04-30",
		} {
			if !strings.Contains(got[id], w) {
				t.Errorf("OCDS milestone %s = %q, want %q", id, got[id], w)
			}
		}
	})
}
