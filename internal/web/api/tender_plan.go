package api

import (
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// A tender's plan as the API shows it: value, procedure, timeline, gaps,
// consolidation and the assumptions, each determination with its
// reasoning and legal basis in Dutch.

type splitTenderJSON struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	Value int64  `json:"value" doc:"Estimated value, euro cents excl. VAT"`
	Start string `json:"start" format:"date" doc:"Needed start, or publication when there is none"`
	End   string `json:"end,omitempty" format:"date" doc:"End of the whole term including options; absent for an indefinite term"`
	// Indefinite: the term runs on without end.
	Indefinite bool `json:"indefinite,omitempty" doc:"The term runs on for an indefinite period"`
}

type splitWarningJSON struct {
	Category  string            `json:"category"`
	Sum       int64             `json:"sum" doc:"The tenders' estimated values together, euro cents"`
	Threshold int64             `json:"threshold" doc:"The EU threshold each stays under, euro cents"`
	Tenders   []splitTenderJSON `json:"tenders" doc:"This tender first, then the others by start"`
	Message   string            `json:"message" doc:"The warning in Dutch, citing its basis"`
}

type classJSON struct {
	SizeClass string `json:"sizeClass"`
	Must      int    `json:"must"`
	Wont      int    `json:"wont"`
}

type milestoneJSON struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Date  string `json:"date" format:"date"`
	Basis string `json:"basis" doc:"The legal minimum or planning assumption behind the date"`
}

type gapJSON struct {
	Organization   string `json:"organization"`
	Name           string `json:"name"`
	Kind           string `json:"kind" enum:"no_contract,fits,overlap,gap,unknown"`
	ContractID     int64  `json:"contractId,omitempty"`
	ContractNumber string `json:"contractNumber,omitempty"`
	VendorName     string `json:"vendorName,omitempty"`
	CommittedEnd   string `json:"committedEnd,omitempty" format:"date"`
	Days           int    `json:"days,omitempty"`
	Bridgeable     bool   `json:"bridgeable"`
	BridgeUntil    string `json:"bridgeUntil,omitempty" format:"date"`
	Reason         string `json:"reason"`
}

type assumptionJSON struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

type planJSON struct {
	Estimated         int64              `json:"estimated" doc:"Estimated value of all lots together, euro cents"`
	EstimateBasis     string             `json:"estimateBasis"`
	Threshold         int64              `json:"threshold" doc:"EU threshold in force on thresholdDate, euro cents"`
	ThresholdDate     string             `json:"thresholdDate" format:"date"`
	Determination     string             `json:"determination" enum:"determined,missing_input" doc:"missing_input: the estimate lacks values (see missing) and no procedure is determined; procedure is then empty"`
	Missing           []string           `json:"missing" doc:"The values the estimate lacks, in Dutch: lots without any participant's value, participants without a volume, volumes without an annual value"`
	Procedure         string             `json:"procedure" doc:"The procedure that applies; light_regime for social and other specific services at or above their threshold (Aw 2012 art. 2.38–2.39); empty without a determination"`
	ProcedureName     string             `json:"procedureName"`
	European          bool               `json:"european"`
	Overridden        bool               `json:"overridden"`
	Reasons           []string           `json:"reasons" doc:"The procedure's reasoning, in Dutch"`
	Exemption         []string           `json:"exemption" doc:"The lot exemption's outcome, in Dutch"`
	TimelineProcedure string             `json:"timelineProcedure"`
	Timeline          []milestoneJSON    `json:"timeline"`
	TimelineProblem   string             `json:"timelineProblem,omitempty"`
	DeadlineProblem   string             `json:"deadlineProblem,omitempty" doc:"Why the chosen tender deadline is too short, in Dutch"`
	Gaps              []gapJSON          `json:"gaps" doc:"Participants' current contracts against the planned start (only those in the caller's scope)"`
	Conflicts         int                `json:"conflicts"`
	Participants      int                `json:"participants"`
	Signed            int                `json:"signed"`
	Municipalities    int                `json:"municipalities"`
	MunicipalitiesOK  int                `json:"municipalitiesSigned"`
	Warnings          []string           `json:"warnings" doc:"What needs attention in the plan, in Dutch"`
	WarningCodes      []warningJSON      `json:"warningCodes" doc:"The same warnings, in the same order, as stable codes with their arguments and an English text"`
	SplitWarnings     []splitWarningJSON `json:"splitWarnings" doc:"Tenders of the same category with overlapping periods that each stay under the threshold while together they reach it: splitting to avoid the rules is forbidden (Aw 2012 art. 2.15–2.19; Directive 2014/24/EU art. 5(3)). Empty in a bundle's draft plan"`
	Assumptions       []assumptionJSON   `json:"assumptions"`
}

// dutchWarning is w in Dutch, or "" when there is none.
func dutchWarning(w apperr.Warning) string {
	if w.Kind == "" {
		return ""
	}
	return nl.Warning(w)
}

// warningJSON is one warning of a plan as a code.
type warningJSON struct {
	Kind    apperr.Code `json:"kind" doc:"The warning's stable code, e.g. 'framework_term'"`
	Args    []any       `json:"args,omitempty" doc:"The code's arguments"`
	Message string      `json:"message" doc:"The warning in English"`
}

func toPlanJSON(p procurement.Plan) planJSON {
	pj := planJSON{Estimated: int64(p.Estimate.Total), EstimateBasis: nl.EstimateBasis, Threshold: int64(p.Threshold),
		ThresholdDate: web.DateString(p.ThresholdDate), Determination: string(p.Determination.State), Missing: append([]string{}, nl.MissingValues(p.Determination.Missing)...),
		Procedure: string(p.Procedure), ProcedureName: nl.Procedure(p.Procedure),
		European: p.Procedure.European() && p.Determination.European, Overridden: p.Overridden,
		Reasons: append([]string{}, nl.DeterminationReasons(p.Determination)...), Exemption: append([]string{}, nl.ExemptionReasons(p.Exemption)...),
		TimelineProcedure: string(p.TimelineProcedure), Timeline: []milestoneJSON{}, TimelineProblem: dutchWarning(p.TimelineProblem), DeadlineProblem: dutchWarning(p.DeadlineProblem),
		Gaps: []gapJSON{}, Conflicts: p.Conflicts, Participants: p.Mandates.Participants, Signed: p.Mandates.Signed,
		Municipalities: p.Mandates.Municipalities, MunicipalitiesOK: p.Mandates.MunicipalitiesSigned,
		Warnings: []string{}, WarningCodes: []warningJSON{}, Assumptions: []assumptionJSON{}}
	for _, w := range p.Warnings {
		pj.Warnings = append(pj.Warnings, nl.Warning(w))
		pj.WarningCodes = append(pj.WarningCodes, warningJSON{Kind: w.Kind, Args: w.Args, Message: w.Message()})
	}
	pj.SplitWarnings = []splitWarningJSON{}
	for _, m := range p.Timeline {
		pj.Timeline = append(pj.Timeline, milestoneJSON{Key: m.Key, Label: nl.Capitalize(nl.Milestone(m.Key)), Date: m.Date.String(), Basis: nl.Basis(m.Basis)})
	}
	for _, g := range p.Gaps {
		pj.Gaps = append(pj.Gaps, gapJSON{Organization: g.Organization, Name: g.Name, Kind: string(g.Kind), ContractID: g.ContractID,
			ContractNumber: g.ContractNumber, VendorName: g.VendorName, CommittedEnd: web.DateString(g.CommittedEnd), Days: g.Days,
			Bridgeable: g.Bridgeable, BridgeUntil: web.DateString(g.BridgeUntil), Reason: nl.GapReason(g)})
	}
	for _, as := range p.Assumptions {
		pj.Assumptions = append(pj.Assumptions, assumptionJSON(nl.Assumption(as)))
	}
	return pj
}
