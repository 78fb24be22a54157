package exports

import "github.com/samenkoop/samenkoop/procurement"

// The OCDS codelists the release's codes come from, mapped from the
// tender's lifecycle, procedure, contract kind and milestones (codelists
// of OCDS 1.1.5).

// ocdsTag is the release tag for the stage the tender reached
// (releaseTag codelist).
func ocdsTag(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderPublished, procurement.TenderEvaluating:
		return "tender"
	case procurement.TenderAwarded:
		return "award"
	case procurement.TenderContracted, procurement.TenderClosed:
		return "contract"
	case procurement.TenderCancelled:
		return "tenderCancellation"
	}
	return "planning"
}

// ocdsTenderStatus maps the lifecycle to the tenderStatus codelist:
// before publication the tender is in planning, while tenders come in it
// is active, and from the award decision on the tender process is
// complete.
func ocdsTenderStatus(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderPublished, procurement.TenderEvaluating:
		return "active"
	case procurement.TenderAwarded, procurement.TenderContracted, procurement.TenderClosed:
		return "complete"
	case procurement.TenderCancelled:
		return "cancelled"
	}
	return "planning"
}

// ocdsMethod maps a procedure to the method codelist: the open
// procedures are open; the restricted procedure, the competitive
// procedure with negotiation and the competitive dialogue invite only
// selected candidates (selective); a multiple-private procedure invites
// suppliers of the buyer's choice (limited); a single-source procedure
// asks one supplier (direct). The light regime's procedure is designed by
// the authority (Aw 2012 art. 2.38–2.39), so no code fits it, and without
// a determination there is none: both are left out, and
// procurementMethodDetails and procurementMethodRationale say why.
func ocdsMethod(p procurement.Procedure) string {
	switch p {
	case procurement.ProcedureOpen:
		return "open"
	case procurement.ProcedureRestricted, procurement.ProcedureCompetitiveNegotiation, procurement.ProcedureCompetitiveDialogue:
		return "selective"
	case procurement.ProcedureMultiplePrivate:
		return "limited"
	case procurement.ProcedureSingleSource:
		return "direct"
	}
	return ""
}

// ocdsCategory maps a contract kind to the procurementCategory codelist.
func ocdsCategory(k procurement.ContractKind) string {
	switch k {
	case procurement.KindSupplies:
		return "goods"
	case procurement.KindServices, procurement.KindSocial:
		return "services"
	case procurement.KindWorks:
		return "works"
	}
	return ""
}

// ocdsMilestoneType maps a milestone to the milestoneType codelist.
func ocdsMilestoneType(key string) string {
	switch key {
	case procurement.MilestonePreparationStart:
		return "preProcurement"
	case procurement.MilestoneAwardDecision:
		return "assessment"
	case procurement.MilestoneStandstillEnd, procurement.MilestoneContractSignature:
		return "approval"
	case procurement.MilestoneStart:
		return "delivery"
	}
	return "engagement"
}
