package procurement

import (
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The minimum periods of a European procedure, as law kept as data.

// TimeLimits holds the minimum periods of a European procedure in calendar
// days. They are law (Aw 2012 art. 2.71–2.74a, 2.127) and PIANOo practice,
// kept as data so that configuration can follow a change in either; Validate
// guards the floors the Act sets.
type TimeLimits struct {
	// Open is the open procedure's period from sending the notice to the
	// tender deadline: 45 days (Aw 2012 art. 2.71).
	Open int
	// OpenElectronicReduction is subtracted from Open when tenders are
	// submitted electronically, the normal case via TenderNed: 5 days
	// (Aw 2012 art. 2.71/2.74a).
	OpenElectronicReduction int
	// OpenDocumentsNotOnline is added when the procurement documents are not
	// fully available online from the notice: 5 days (Aw 2012 art. 2.74a).
	OpenDocumentsNotOnline int
	// OpenPIN is the open procedure's period after a prior information
	// notice sent 52 days to 12 months earlier, as PIANOo's table gives it:
	// 29 days.
	OpenPIN int
	// OpenPINFloor is the Act's absolute floor for the period after a prior
	// information notice: 22 days (Aw 2012 art. 2.71). OpenPIN may be
	// configured down to it, never below.
	OpenPINFloor int
	// OpenUrgent is the open procedure's period in a substantiated urgency:
	// 15 days (Aw 2012 art. 2.71–2.74a).
	OpenUrgent int
	// RestrictedRequests is the restricted procedure's period for requests
	// to participate: 30 days (Aw 2012 art. 2.71–2.74a).
	RestrictedRequests int
	// RestrictedTenders is the restricted procedure's tender period from
	// sending the invitation: 40 days (Aw 2012 art. 2.71–2.74a).
	RestrictedTenders int
	// RestrictedElectronic is RestrictedTenders when tenders are submitted
	// electronically: 35 days (Aw 2012 art. 2.71–2.74a).
	RestrictedElectronic int
	// RestrictedRequestsUrgent and RestrictedTendersUrgent are the
	// restricted procedure's periods for requests to participate and for
	// tenders in a substantiated urgency: 15 and 10 days (Aw 2012
	// art. 2.74).
	RestrictedRequestsUrgent int
	RestrictedTendersUrgent  int
	// ClarificationBefore is how many days before the tender deadline the
	// last clarification notice (nota van inlichtingen) must be out: 10
	// (PIANOo, DESIGN §4).
	ClarificationBefore int
	// ClarificationBeforeSelection is the same limit before the deadline for
	// requests to participate in a restricted procedure: 6 (PIANOo,
	// DESIGN §4).
	ClarificationBeforeSelection int
	// Standstill is the minimum standstill after the award decision is sent,
	// in calendar days starting the day after sending: 20 (Aw 2012
	// art. 2.127).
	Standstill int
	// Calendar says which days are working days. Every period above that
	// is law and counted forward (the tender and request periods and the
	// standstill) and ends on a Saturday, Sunday or recognized holiday
	// runs on to the next working day (Algemene termijnenwet art. 1 and 3;
	// Reg. 1182/71 art. 3(4); Hof Den Haag 20-04-2021 for the standstill).
	// The zero Calendar has the decree's days made equal
	// (contracts.DefaultEqualDays).
	Calendar contracts.Calendar
}

// DefaultTimeLimits returns the minimum periods of DESIGN §4 (Aw 2012
// art. 2.71–2.74a and 2.127; PIANOo for the 29-day PIN period and the
// clarification limits).
func DefaultTimeLimits() TimeLimits {
	return TimeLimits{
		Open:                         45,
		OpenElectronicReduction:      5,
		OpenDocumentsNotOnline:       5,
		OpenPIN:                      29,
		OpenPINFloor:                 22,
		OpenUrgent:                   15,
		RestrictedRequests:           30,
		RestrictedTenders:            40,
		RestrictedElectronic:         35,
		RestrictedRequestsUrgent:     15,
		RestrictedTendersUrgent:      10,
		ClarificationBefore:          10,
		ClarificationBeforeSelection: 6,
		Standstill:                   20,
	}
}

// Validate reports every problem with l: no period may be negative, the
// electronic reduction may not exceed the open period, the PIN period may
// never go below the Act's 22-day floor (Aw 2012 art. 2.71), and the
// standstill may never go below 20 days (Aw 2012 art. 2.127). A
// configuration can lengthen a period, never shorten it below the law.
func (l TimeLimits) Validate() error {
	var fe apperr.FieldErrors
	fields := []struct {
		name string
		v    int
	}{
		{"open", l.Open},
		{"openElectronicReduction", l.OpenElectronicReduction},
		{"openDocumentsNotOnline", l.OpenDocumentsNotOnline},
		{"openPIN", l.OpenPIN},
		{"openPINFloor", l.OpenPINFloor},
		{"openUrgent", l.OpenUrgent},
		{"restrictedRequests", l.RestrictedRequests},
		{"restrictedTenders", l.RestrictedTenders},
		{"restrictedElectronic", l.RestrictedElectronic},
		{"restrictedRequestsUrgent", l.RestrictedRequestsUrgent},
		{"restrictedTendersUrgent", l.RestrictedTendersUrgent},
		{"clarificationBefore", l.ClarificationBefore},
		{"clarificationBeforeSelection", l.ClarificationBeforeSelection},
		{"standstill", l.Standstill},
	}
	for _, f := range fields {
		if f.v < 0 {
			fe.Add(f.name, apperr.Negative, f.v)
		}
	}
	if l.OpenElectronicReduction > l.Open {
		fe.Add("openElectronicReduction", apperr.ExceedsOpenPeriod, l.Open, l.OpenElectronicReduction)
	}
	if l.OpenPINFloor < actPINFloor {
		fe.Add("openPINFloor", apperr.BelowLegalMinimum, actPINFloor, "Aw 2012 art. 2.71", l.OpenPINFloor)
	}
	if l.OpenPIN < l.OpenPINFloor || l.OpenPIN < actPINFloor {
		fe.Add("openPIN", apperr.BelowLegalMinimum, max(l.OpenPINFloor, actPINFloor), "Aw 2012 art. 2.71", l.OpenPIN)
	}
	if l.Standstill < actStandstill {
		fe.Add("standstill", apperr.BelowLegalMinimum, actStandstill, "Aw 2012 art. 2.127", l.Standstill)
	}
	if err := fe.Err(); err != nil {
		return fmt.Errorf("procurement: validate time limits: %w", err)
	}
	return nil
}

// Floors fixed by the Act itself. They are not configurable: Validate
// refuses a TimeLimits that goes below them.
const (
	actPINFloor   = 22 // Aw 2012 art. 2.71
	actStandstill = 20 // Aw 2012 art. 2.127
)
