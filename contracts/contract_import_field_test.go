package contracts_test

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestContractImportField(t *testing.T) {
	t.Parallel()
	for header, want := range map[string]string{
		"Continuïteit/escrow":        "continuity",
		"CONTINUITEIT-ESCROW":        "continuity",
		"Opzegtermijn (maanden)":     "noticeMonths",
		"opzegtermijn":               "noticeMonths",
		"noticeDays":                 "noticeDays",
		"Uiterste einddatum":         "maxEnd",
		"KvK-nummer":                 "kvk",
		"Prijs per eenheid":          "unitPrice",
		"Organisatienaam":            "",
		"Einde na alle verlengingen": "",
		"Opzeggen uiterlijk":         "",
		"Licentieregels":             "",
		"":                           "",
		" – ":                        "",
	} {
		if got := contracts.ContractImportField(header); got != want {
			t.Errorf("ContractImportField(%q) = %q, want %q", header, got, want)
		}
	}
}
