package exports_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/procurement"
)

// TestDossierProcedureTexts: the dossier workbook and the OCDS release
// state the light regime's reasons for social and other specific services
// (Aw 2012 art. 2.38–2.39), and without a complete estimate that no
// procedure is determined and which values are missing (DESIGN §4).
func TestDossierProcedureTexts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		edit       func(*procurement.TenderView)
		wantXLSX   []string
		wantMethod string
		wantOCDS   []string
	}{
		{"social services at or above €750,000: light regime, never the open procedure of art. 2.26 (Aw 2012 art. 2.38)",
			func(v *procurement.TenderView) { v.Tender.Kind = procurement.KindSocial },
			[]string{"verlicht regime voor sociale en andere specifieke diensten (Aw 2012 art. 2.38–2.39)", "aankondiging van de gegunde opdracht (Aw 2012 art. 2.39)"},
			"", []string{"verlicht regime (Aw 2012 art. 2.38), geen Europese openbare procedure"}},
		{"no estimate: no procedure, names the missing values (DESIGN §4)",
			func(v *procurement.TenderView) {
				for i := range v.Participants {
					v.Participants[i].Volumes = nil
				}
			},
			[]string{"nog niet bepaald: de raming is onvolledig", "Ontbrekende waarde"},
			"", []string{"geen procedure bepaald: de raming mist"}},
		{"indefinite services term without a total price: monthly value × 48 (Aw 2012 art. 2.16)",
			func(v *procurement.TenderView) {
				v.Tender.TermIndefinite, v.Tender.TotalPrice, v.Tender.Options = true, false, nil
			},
			[]string{"daarna voor onbepaalde tijd (raming: maandwaarde × 48, Aw 2012 art. 2.16)"}, "open", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := dossierView()
			tt.edit(&v)
			v.Plan = plan(v)
			d := fixtureDossier(v)
			dump := dumpXLSX(t, openXLSX(t, dossierXLSXBytes(t, d)))
			for _, want := range tt.wantXLSX {
				if !strings.Contains(dump, want) {
					t.Errorf("dossier workbook lacks %q", want)
				}
			}
			var pkg struct {
				Releases []struct {
					Tender struct {
						ProcurementMethod          string `json:"procurementMethod"`
						ProcurementMethodDetails   string `json:"procurementMethodDetails"`
						ProcurementMethodRationale string `json:"procurementMethodRationale"`
						ContractPeriod             *struct {
							MaxExtentDate string `json:"maxExtentDate"`
						} `json:"contractPeriod"`
					} `json:"tender"`
				} `json:"releases"`
			}
			if err := json.Unmarshal(ocdsBytes(t, d), &pkg); err != nil || len(pkg.Releases) != 1 {
				t.Fatalf("OCDS package: %v, %d releases", err, len(pkg.Releases))
			}
			ot := pkg.Releases[0].Tender
			if ot.ProcurementMethod != tt.wantMethod {
				t.Errorf("procurementMethod = %q, want %q", ot.ProcurementMethod, tt.wantMethod)
			}
			for _, want := range tt.wantOCDS {
				if !strings.Contains(ot.ProcurementMethodRationale, want) {
					t.Errorf("procurementMethodRationale = %q, want %q", ot.ProcurementMethodRationale, want)
				}
			}
			if v.Tender.TermIndefinite && ot.ContractPeriod != nil && ot.ContractPeriod.MaxExtentDate != "" {
				t.Errorf("contractPeriod.maxExtentDate = %q, want none for an indefinite term", ot.ContractPeriod.MaxExtentDate)
			}
		})
	}
}
