package procurement

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// A tender's participants: their mandates of the lead authority and their
// volumes per lot.

// MandateStatus is where a participant's mandate stands.
type MandateStatus string

// The mandate statuses (DESIGN §3).
const (
	MandateRequested MandateStatus = "requested"
	MandateSigned    MandateStatus = "signed"
	MandateRevoked   MandateStatus = "revoked"
)

// MandateStatuses returns the mandate statuses.
func MandateStatuses() []MandateStatus {
	return []MandateStatus{MandateRequested, MandateSigned, MandateRevoked}
}

// Valid reports whether s is a known mandate status.
func (s MandateStatus) Valid() bool {
	return s == MandateRequested || s == MandateSigned || s == MandateRevoked
}

// DecidingBody is the body that granted a mandate.
type DecidingBody string

// The deciding bodies: the college of mayor and aldermen decides on
// procurement for a municipality (Gemeentewet art. 160), the council only
// where it reserved the decision; provinces, water boards and joint
// arrangements have their own boards.
const (
	BodyCollege        DecidingBody = "college"
	BodyCouncil        DecidingBody = "raad"
	BodyExecutiveBoard DecidingBody = "dagelijks_bestuur"
	BodyGeneralBoard   DecidingBody = "algemeen_bestuur"
	BodyDirector       DecidingBody = "directie"
)

// DecidingBodies returns the deciding bodies.
func DecidingBodies() []DecidingBody {
	return []DecidingBody{BodyCollege, BodyCouncil, BodyExecutiveBoard, BodyGeneralBoard, BodyDirector}
}

// Valid reports whether b is a known deciding body.
func (b DecidingBody) Valid() bool { return slices.Contains(DecidingBodies(), b) }

// MandateScope is what a participant authorizes the lead authority to do
// on its behalf.
type MandateScope struct {
	Documents    bool // draw up and publish the procurement documents
	Award        bool // take the award decision
	Litigation   bool // conduct summary proceedings and litigation
	Substitution bool // delegate these powers further
}

// Mandate is a participant's authorization of the lead authority.
type Mandate struct {
	Status MandateStatus
	// Requested is when the mandate was asked for; Signed when it was
	// granted (zero unless signed).
	Requested contracts.Date
	Signed    contracts.Date
	Body      DecidingBody
	Scope     MandateScope
	// Reference points at the decision (a document number or link).
	Reference string
	// DecisionURL links to the council's or college's decision in the
	// organization's council information system (RIS): an absolute https
	// URL, or "".
	DecisionURL string
	// Document is the reference of the signed mandate document (its
	// number in the document system), or "".
	Document string
}

// maxURL bounds a mandate's decision link.
const maxURL = 500

// CheckHTTPSURL adds a problem on field unless s is empty or an absolute
// https URL with a host, at most 500 characters, without spaces or
// control characters.
func CheckHTTPSURL(fe *apperr.FieldErrors, field, s string) {
	if s == "" {
		return
	}
	if utf8.RuneCountInString(s) > maxURL {
		fe.Add(field, apperr.TooLong, maxURL)
		return
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || strings.ContainsAny(s, " \t\r\n") {
		fe.Add(field, apperr.HTTPSURL, s)
	}
}

// Validate returns every problem with m as apperr.FieldErrors (fields
// prefixed "mandate."), or nil.
func (m Mandate) Validate(today contracts.Date) error {
	var fe apperr.FieldErrors
	if !m.Status.Valid() {
		fe.Add("mandate.status", apperr.OneOf, apperr.Or(string(MandateRequested), string(MandateSigned), string(MandateRevoked)), string(m.Status))
	}
	if m.Body != "" && !m.Body.Valid() {
		fe.Add("mandate.body", apperr.OneOf, mandateBodyList(), string(m.Body))
	}
	if m.Status == MandateSigned {
		if m.Signed.IsZero() {
			fe.Add("mandate.signed", apperr.MandateSignedRequired)
		} else if !today.IsZero() && m.Signed.After(today) {
			fe.Add("mandate.signed", apperr.NotInFuture)
		}
		if m.Body == "" {
			fe.Add("mandate.body", apperr.MandateSignedRequired)
		}
		if !m.Scope.Documents && !m.Scope.Award && !m.Scope.Litigation && !m.Scope.Substitution {
			fe.Add("mandate.scope", apperr.MandateScopeEmpty)
		}
	}
	if m.Status != MandateSigned && !m.Signed.IsZero() {
		fe.Add("mandate.signed", apperr.MandateSignedOnly)
	}
	if utf8.RuneCountInString(m.Reference) > 200 {
		fe.Add("mandate.reference", apperr.TooLong, 200)
	}
	contracts.CheckText(&fe, "mandate.reference", m.Reference, false)
	CheckHTTPSURL(&fe, "mandate.decisionUrl", m.DecisionURL)
	if utf8.RuneCountInString(m.Document) > 200 {
		fe.Add("mandate.document", apperr.TooLong, 200)
	}
	contracts.CheckText(&fe, "mandate.document", m.Document, false)
	contracts.CheckDate(&fe, "mandate.requested", m.Requested)
	contracts.CheckDate(&fe, "mandate.signed", m.Signed)
	return fe.Err()
}

// LotVolume is a participant's demand in one lot.
type LotVolume struct {
	LotID    int64
	Quantity int64
	// Annual is the participant's estimated annual value in the lot,
	// excluding VAT.
	Annual contracts.Money
}

// Participant is an organization in a tender with its demand per lot and
// its mandate.
type Participant struct {
	TenderID     int64
	Organization string
	// DemandID is the registered demand the participant joined from (0:
	// added by hand).
	DemandID int64
	Joined   contracts.Date
	Volumes  []LotVolume
	Mandate  Mandate

	// Read-only, filled when loaded.
	Name       string
	Kind       contracts.OrgKind
	Province   string
	Population int
}

// Annual is the participant's annual value over every lot.
func (p Participant) Annual() contracts.Money {
	var sum contracts.Money
	for _, v := range p.Volumes {
		sum = contracts.SatAdd(sum, v.Annual)
	}
	return sum
}

// Volume returns the participant's volume in lot, and whether it has one.
func (p Participant) Volume(lot int64) (LotVolume, bool) {
	for _, v := range p.Volumes {
		if v.LotID == lot {
			return v, true
		}
	}
	return LotVolume{}, false
}

// ValidateVolumes returns every problem with the participant's volumes for
// the tender's lots as apperr.FieldErrors, or nil.
func (p Participant) ValidateVolumes(lots []Lot) error {
	var fe apperr.FieldErrors
	known := make(map[int64]bool, len(lots))
	for _, l := range lots {
		known[l.ID] = true
	}
	seen := map[int64]bool{}
	for i, v := range p.Volumes {
		f := fmt.Sprintf("volumes[%d]", i)
		if !known[v.LotID] {
			fe.Add(f+".lotId", apperr.NotTenderLot, v.LotID)
		}
		if seen[v.LotID] {
			fe.Add(f+".lotId", apperr.LotTwice, v.LotID)
		}
		seen[v.LotID] = true
		if v.Quantity < 0 {
			fe.Add(f+".quantity", apperr.Negative, v.Quantity)
		} else {
			contracts.CheckQuantity(&fe, f+".quantity", v.Quantity)
		}
		contracts.CheckMoney(&fe, f+".annual", v.Annual)
	}
	return fe.Err()
}
