package exports

import "encoding/json"

// The JSON shapes of the OCDS release package (OCDS 1.1.5 with the lots
// and contract buyer extensions); encoding/json writes the fields in the
// order given here. A field that may be unknown is a pointer or has
// omitempty, so that it is left out rather than written empty or as 0.

type ocdsPackage struct {
	URI               string        `json:"uri"`
	Version           string        `json:"version"`
	Extensions        []string      `json:"extensions"`
	PublishedDate     string        `json:"publishedDate"`
	Publisher         ocdsPublisher `json:"publisher"`
	License           string        `json:"license,omitempty"`
	PublicationPolicy string        `json:"publicationPolicy,omitempty"`
	Releases          []ocdsRelease `json:"releases"`
}

type ocdsPublisher struct {
	Name string `json:"name"`
	URI  string `json:"uri,omitempty"`
}

type ocdsRelease struct {
	OCID           string         `json:"ocid"`
	ID             string         `json:"id"`
	Date           string         `json:"date"`
	Tag            []string       `json:"tag"`
	InitiationType string         `json:"initiationType"`
	Language       string         `json:"language"`
	Parties        []ocdsParty    `json:"parties"`
	Buyer          *ocdsOrgRef    `json:"buyer,omitempty"`
	Tender         ocdsTender     `json:"tender"`
	Awards         []ocdsAward    `json:"awards,omitempty"`
	Contracts      []ocdsContract `json:"contracts,omitempty"`
}

type ocdsParty struct {
	Name    string       `json:"name"`
	ID      string       `json:"id"`
	Address *ocdsAddress `json:"address,omitempty"`
	Roles   []string     `json:"roles"`
}

type ocdsAddress struct {
	Region      string `json:"region,omitempty"`
	CountryName string `json:"countryName"`
}

type ocdsOrgRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type ocdsTender struct {
	ID                         string          `json:"id"`
	Title                      string          `json:"title"`
	Description                string          `json:"description,omitempty"`
	Status                     string          `json:"status"`
	ProcuringEntity            ocdsOrgRef      `json:"procuringEntity"`
	Items                      []ocdsItem      `json:"items,omitempty"`
	Value                      *ocdsValue      `json:"value,omitempty"`
	ProcurementMethod          string          `json:"procurementMethod,omitempty"`
	ProcurementMethodDetails   string          `json:"procurementMethodDetails,omitempty"`
	ProcurementMethodRationale string          `json:"procurementMethodRationale,omitempty"`
	MainProcurementCategory    string          `json:"mainProcurementCategory,omitempty"`
	SubmissionMethod           []string        `json:"submissionMethod,omitempty"`
	TenderPeriod               *ocdsPeriod     `json:"tenderPeriod,omitempty"`
	AwardPeriod                *ocdsPeriod     `json:"awardPeriod,omitempty"`
	ContractPeriod             *ocdsPeriod     `json:"contractPeriod,omitempty"`
	Milestones                 []ocdsMilestone `json:"milestones,omitempty"`
	Lots                       []ocdsLot       `json:"lots"`
}

type ocdsItem struct {
	ID             string              `json:"id"`
	Description    string              `json:"description"`
	Classification *ocdsClassification `json:"classification,omitempty"`
	Quantity       *int64              `json:"quantity,omitempty"`
	Unit           *ocdsUnit           `json:"unit,omitempty"`
	RelatedLot     string              `json:"relatedLot"`
}

type ocdsClassification struct {
	Scheme string `json:"scheme"`
	ID     string `json:"id"`
}

type ocdsUnit struct {
	Name string `json:"name"`
}

// ocdsValue is an amount in euros. Amount is a JSON number written from
// the cents, so 123456 cents is 1234.56 exactly. Every value is a pointer
// that is nil when the amount is unknown.
type ocdsValue struct {
	Amount   json.Number `json:"amount"`
	Currency string      `json:"currency"`
}

type ocdsPeriod struct {
	StartDate     string `json:"startDate,omitempty"`
	EndDate       string `json:"endDate,omitempty"`
	MaxExtentDate string `json:"maxExtentDate,omitempty"`
}

type ocdsMilestone struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
	DueDate     string `json:"dueDate"`
}

type ocdsLot struct {
	ID             string      `json:"id"`
	Title          string      `json:"title"`
	Status         string      `json:"status"`
	Value          *ocdsValue  `json:"value,omitempty"`
	ContractPeriod *ocdsPeriod `json:"contractPeriod,omitempty"`
}

type ocdsAward struct {
	ID             string       `json:"id"`
	Title          string       `json:"title"`
	Status         string       `json:"status"`
	Date           string       `json:"date,omitempty"`
	Value          *ocdsValue   `json:"value,omitempty"`
	Suppliers      []ocdsOrgRef `json:"suppliers"`
	ContractPeriod *ocdsPeriod  `json:"contractPeriod,omitempty"`
	RelatedLots    []string     `json:"relatedLots"`
}

type ocdsContract struct {
	ID          string      `json:"id"`
	AwardID     string      `json:"awardID"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Status      string      `json:"status"`
	Period      *ocdsPeriod `json:"period,omitempty"`
	Value       *ocdsValue  `json:"value,omitempty"`
	// Buyer is the participant that concludes the call-off
	// (OCDSContractBuyerExtension).
	Buyer *ocdsOrgRef `json:"buyer,omitempty"`
}
