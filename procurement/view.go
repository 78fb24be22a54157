package procurement

import "github.com/samenkoop/samenkoop/contracts"

// TenderView is a tender with everything loaded and its plan computed: what
// the tender page, the API's detail and the exports (dossier, OCDS) show.
type TenderView struct {
	Tender       Tender
	Lots         []Lot
	Participants []Participant
	Requirements []Requirement
	// Current maps a participant's organization code to its current
	// contract in the tender's category.
	Current  map[string]contracts.ContractSummary
	CallOffs []CallOff
	Plan     Plan
	// Lead is the lead authority.
	Lead contracts.Organization
	// Today is the date the plan was computed for.
	Today contracts.Date
}
