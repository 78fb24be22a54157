package nl

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
)

// LockInFactor words one factor of a contract's lock-in score (DESIGN
// §4) for a CIO: "geen exitplan (GIBIT art. 26)", "6 jaar bij deze
// leverancier", "leverancier heeft 67,5 % van de uitgaven".
func LockInFactor(f contracts.LockInFactor) string {
	switch f.Key {
	case "noExitPlan":
		return "geen exitplan (GIBIT art. 26)"
	case "noOpenData":
		return "geen data-export in open standaard (GIBIT art. 21 en 8)"
	case "tenure":
		return fmt.Sprintf("%d jaar bij deze leverancier", f.Years)
	case "vendorShare":
		return fmt.Sprintf("leverancier heeft %s van de uitgaven", Percent(f.BasisPoints))
	case "tacitRenewal":
		if f.Renewal == contracts.RenewalIndefinite {
			return "loopt voor onbepaalde tijd door tot opzegging"
		}
		return RenewalKind(contracts.RenewalTacit)
	case "criticalWithoutContinuity":
		return "bedrijfskritisch zonder continuïteitsregeling (GIBIT art. 36)"
	}
	return f.Key
}
