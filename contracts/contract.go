package contracts

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// RenewalKind says how a contract is extended (DESIGN §3).
type RenewalKind string

// The renewal kinds.
const (
	// RenewalNone: the contract ends at its initial end.
	RenewalNone RenewalKind = "none"
	// RenewalTacit: it renews by itself unless notice is given in time
	// (stilzwijgende verlenging).
	RenewalTacit RenewalKind = "tacit"
	// RenewalExpress: it is extended only when an option is exercised
	// (verlengingsoptie).
	RenewalExpress RenewalKind = "express"
	// RenewalIndefinite: after the initial term it continues for an
	// indefinite period until notice ends it ("daarna voor onbepaalde
	// tijd, opzegbaar met drie maanden"); it has no renewal period, and
	// the notice period may be of any length (DESIGN §4).
	RenewalIndefinite RenewalKind = "indefinite"
)

// RenewalKinds returns the renewal kinds.
func RenewalKinds() []RenewalKind {
	return []RenewalKind{RenewalNone, RenewalTacit, RenewalExpress, RenewalIndefinite}
}

// RenewalKindList is the renewal kinds as the API and messages list them.
const RenewalKindList = "none, tacit, express or indefinite"

// Valid reports whether k is a known renewal kind.
func (k RenewalKind) Valid() bool {
	return k == RenewalNone || k == RenewalTacit || k == RenewalExpress || k == RenewalIndefinite
}

// Periodic reports whether k renews by periods of RenewalPeriodMonths.
func (k RenewalKind) Periodic() bool { return k == RenewalTacit || k == RenewalExpress }

// ContractStatus is where a contract stands in its life.
type ContractStatus string

// The contract statuses. Whether a contract has expired follows from its
// dates (Dates.Expired), not from a status someone must remember to set.
const (
	StatusDraft      ContractStatus = "draft"      // being entered, not yet in force
	StatusActive     ContractStatus = "active"     // in force
	StatusTerminated ContractStatus = "terminated" // ended early by agreement or dissolution
)

// ContractStatuses returns the statuses.
func ContractStatuses() []ContractStatus {
	return []ContractStatus{StatusDraft, StatusActive, StatusTerminated}
}

// Valid reports whether s is a known status.
func (s ContractStatus) Valid() bool {
	return s == StatusDraft || s == StatusActive || s == StatusTerminated
}

// ExitFacts are what GIBIT 2023 asks a contract to arrange for leaving the
// vendor; they feed the lock-in score.
type ExitFacts struct {
	ExitPlan         bool // an exit plan is agreed (GIBIT art. 26)
	OpenData         bool // data access and export in an open standard (art. 21, art. 8)
	Continuity       bool // a continuity or escrow arrangement (art. 36)
	SourceRights     bool // rights to the source of custom software (art. 20.4)
	BusinessCritical bool
	Interfaces       int // number of interfaces with other systems
}

// Contract is an agreement between one buyer organization and one vendor.
type Contract struct {
	ID int64
	// Organization is the buyer's code; Number is unique per buyer.
	Organization string
	Number       string
	Title        string
	VendorID     int64
	// CategoryID is the procurement category (0: none); CPV the main CPV
	// code of the contract ("" when only the category says it).
	CategoryID int64
	CPV        string
	Start      Date
	// InitialTermMonths runs from Start; the initial end is the day before
	// Start + term.
	InitialTermMonths   int
	RenewalKind         RenewalKind
	RenewalPeriodMonths int
	// MaxRenewals caps the renewals (0: no cap by number); MaxEnd caps the
	// last end date (zero: no cap by date). Tacit renewal with neither
	// renews indefinitely.
	MaxRenewals int
	MaxEnd      Date
	// RenewalsExercised counts express options taken so far.
	RenewalsExercised int
	// NoticeMonths or NoticeDays is the notice period (at most one of them
	// is set); for express renewal, how long before the end an option must
	// be exercised.
	NoticeMonths int
	NoticeDays   int
	// NoticeEndsAnyDay says notice in months may end an indefinitely
	// continued contract on any day; without it, such notice ends the
	// contract at a month end (DESIGN §4). Notice in days ends it on any
	// day.
	NoticeEndsAnyDay bool
	// LeadDays is the organization's own lead time before a deadline
	// (approvals take time).
	LeadDays int
	// NoticeGivenOn records when notice was given; zero when not.
	NoticeGivenOn Date
	AnnualValue   Money
	Status        ContractStatus
	Exit          ExitFacts
	Notes         string
}

var contractNumber = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,63}$`)

// Validate returns every problem with c as apperr.FieldErrors, or nil. It
// checks the contract on its own; that the organization, vendor and
// category exist is the service's business.
func (c Contract) Validate() error {
	var fe apperr.FieldErrors
	if c.Organization == "" {
		fe.Add("organization", "is required")
	}
	if !contractNumber.MatchString(c.Number) {
		fe.Add("number", "is required: 1–64 letters, digits, spaces or . _ / -")
	}
	if strings.TrimSpace(c.Title) == "" {
		fe.Add("title", "is required")
	} else if len(c.Title) > 300 {
		fe.Add("title", "must be at most 300 characters")
	}
	if c.VendorID <= 0 {
		fe.Add("vendorId", "is required")
	}
	if c.CPV != "" && !ValidCPVSyntax(c.CPV) {
		fe.Add("cpv", "must look like 64210000-1")
	}
	if c.Start.IsZero() {
		fe.Add("start", "is required")
	}
	switch {
	case c.InitialTermMonths < 1:
		fe.Add("initialTermMonths", "must be at least 1: the end cannot lie before the start")
	case c.InitialTermMonths > 600:
		fe.Add("initialTermMonths", "must be at most 600 (50 years)")
	}
	if !c.RenewalKind.Valid() {
		fe.Add("renewalKind", "must be "+RenewalKindList)
	}
	switch {
	case c.RenewalKind.Periodic():
		if c.RenewalPeriodMonths < 1 || c.RenewalPeriodMonths > 120 {
			fe.Add("renewalPeriodMonths", "must be 1–120 when the contract renews")
		}
	case c.RenewalKind == RenewalIndefinite:
		if c.RenewalPeriodMonths != 0 || c.MaxRenewals != 0 || !c.MaxEnd.IsZero() {
			fe.Add("renewalKind", "a contract that continues indefinitely has no renewal period or maximum: notice ends it")
		}
	case c.RenewalPeriodMonths != 0 || c.MaxRenewals != 0 || !c.MaxEnd.IsZero():
		fe.Add("renewalKind", "a contract without renewal has no renewal period or maximum")
	}
	if c.RenewalKind == RenewalExpress && c.MaxRenewals == 0 && c.MaxEnd.IsZero() {
		fe.Add("maxRenewals", "express options are finite: give the number of options or a maximum end date")
	}
	if c.MaxRenewals < 0 {
		fe.Add("maxRenewals", "must not be negative")
	}
	if !c.MaxEnd.IsZero() && !c.Start.IsZero() && c.InitialTermMonths > 0 && c.MaxEnd.Before(c.InitialEnd()) {
		fe.Add("maxEnd", fmt.Sprintf("must not lie before the initial end %s", pendingDate(c.InitialEnd())))
	}
	if c.RenewalsExercised < 0 || c.RenewalKind != RenewalExpress && c.RenewalsExercised != 0 {
		fe.Add("renewalsExercised", "counts express options taken: 0 or more, and only for express renewal")
	} else if c.MaxRenewals > 0 && c.RenewalsExercised > c.MaxRenewals {
		fe.Add("renewalsExercised", fmt.Sprintf("cannot exceed the %d options", c.MaxRenewals))
	}
	c.checkNotice(&fe)
	if c.LeadDays < 0 || c.LeadDays > 365 {
		fe.Add("leadDays", "must be 0–365")
	}
	if !c.NoticeGivenOn.IsZero() && !c.Start.IsZero() && c.NoticeGivenOn.Before(c.Start) {
		fe.Add("noticeGivenOn", "must not lie before the start")
	}
	CheckMoney(&fe, "annualValue", c.AnnualValue)
	if !c.Status.Valid() {
		fe.Add("status", "must be draft, active or terminated")
	}
	switch {
	case c.Exit.Interfaces < 0:
		fe.Add("interfaces", "must not be negative")
	case c.Exit.Interfaces > MaxInterfaces:
		fe.Add("interfaces", fmt.Sprintf("exceeds the cap of %d", MaxInterfaces))
	}
	if len(c.Notes) > 4000 {
		fe.Add("notes", "must be at most 4000 characters")
	}
	CheckText(&fe, "title", c.Title, false)
	CheckText(&fe, "notes", c.Notes, true)
	c.checkDateBounds(&fe)
	return fe.Err()
}

// MaxNoticeDays bounds a notice period in days: ten years.
const MaxNoticeDays = 3660

// noticeField names the field the notice period was given in.
func (c Contract) noticeField() string {
	if c.NoticeDays != 0 {
		return "noticeDays"
	}
	return "noticeMonths"
}

// checkNotice adds the problems of the notice period: months or days, not
// both, never negative; for a renewing contract not longer than the
// initial term or the renewal period (DESIGN §4), while a contract that
// continues indefinitely may have notice of any length.
func (c Contract) checkNotice(fe *apperr.FieldErrors) {
	if c.NoticeMonths < 0 {
		fe.Add("noticeMonths", "must not be negative")
	}
	if c.NoticeDays < 0 {
		fe.Add("noticeDays", "must not be negative")
	}
	if c.NoticeMonths > 0 && c.NoticeDays > 0 {
		fe.Add("noticeMonths", "give the notice period in months or in days, not both")
		fe.Add("noticeDays", "give the notice period in months or in days, not both")
		return
	}
	if c.NoticeMonths < 0 || c.NoticeDays < 0 {
		return
	}
	if c.NoticeDays > MaxNoticeDays {
		fe.Add("noticeDays", fmt.Sprintf("must be at most %d (ten years)", MaxNoticeDays))
		return
	}
	if c.RenewalKind == RenewalIndefinite {
		if c.NoticeMonths > 600 {
			fe.Add("noticeMonths", "must be at most 600 (50 years)")
		}
		return
	}
	// Notice in days is compared with the initial term's days, and with
	// the renewal period at its longest (31 days a month).
	field := c.noticeField()
	switch {
	case c.InitialTermMonths > 0 && c.NoticeMonths > c.InitialTermMonths:
		fe.Add(field, "must not be longer than the initial term")
	case c.RenewalPeriodMonths > 0 && c.NoticeMonths > c.RenewalPeriodMonths:
		fe.Add(field, "must not be longer than the renewal period")
	case c.NoticeDays > 0 && c.InitialTermMonths > 0 && c.InitialTermMonths <= 600 && c.Start.InBounds() && !c.Start.IsZero() &&
		c.NoticeDays > c.Start.DaysUntil(c.InitialEnd())+1:
		fe.Add(field, "must not be longer than the initial term")
	case c.NoticeDays > 0 && c.RenewalPeriodMonths > 0 && c.NoticeDays > 31*c.RenewalPeriodMonths:
		fe.Add(field, "must not be longer than the renewal period")
	}
}

// maxRenewalsCap bounds MaxRenewals before any date is derived from it:
// 1,200 monthly renewals are a century.
const maxRenewalsCap = 1200

// checkDateBounds adds the problems of c's dates outside the bounds
// (bounds.go): the dates given, and, when those are in bounds and the
// terms valid, the dates derived from them, each on the field that
// carries it beyond: the initial end on initialTermMonths, the end after
// every renewal on maxRenewals, the first notice or option deadline on
// noticeMonths and the action date before it on leadDays. The dates that
// depend on today are checked by the service (Dates.OutOfBounds).
func (c Contract) checkDateBounds(fe *apperr.FieldErrors) {
	CheckDate(fe, "start", c.Start)
	CheckDate(fe, "maxEnd", c.MaxEnd)
	CheckDate(fe, "noticeGivenOn", c.NoticeGivenOn)
	if c.MaxRenewals > maxRenewalsCap {
		fe.Add("maxRenewals", fmt.Sprintf("exceeds the cap of %d renewals", maxRenewalsCap))
		return
	}
	if c.Start.IsZero() || !c.Start.InBounds() || !c.MaxEnd.InBounds() ||
		c.InitialTermMonths < 1 || c.InitialTermMonths > 600 || c.RenewalPeriodMonths < 0 || c.RenewalPeriodMonths > 120 ||
		c.NoticeMonths < 0 || c.NoticeMonths > 600 || c.NoticeDays < 0 || c.NoticeDays > MaxNoticeDays ||
		c.LeadDays < 0 || c.LeadDays > 365 || c.MaxRenewals < 0 {
		return // the fields themselves are refused above
	}
	end := c.InitialEnd()
	CheckDerivedDate(fe, "initialTermMonths", "initial end", end)
	switch {
	case c.RenewalKind == RenewalIndefinite:
	case !c.RenewalKind.Periodic() || c.RenewalPeriodMonths == 0:
		return
	default:
		if n, limited := c.maxPeriods(); limited && n > 0 {
			CheckDerivedDate(fe, "maxRenewals", "end after every renewal", c.periodEnd(n))
		}
	}
	notice := c.NoticeDeadlineFor(end)
	CheckDerivedDate(fe, c.noticeField(), "first notice deadline", notice)
	if notice.InBounds() {
		CheckDerivedDate(fe, "leadDays", "first action date", notice.AddDays(-c.LeadDays))
	}
}

// CheckDatesAsOf returns a problem with start when a date of c computed
// as of today (Dates) lies outside the bounds, or nil. Validate checks the
// dates that do not depend on today; a service runs both before it writes.
func (c Contract) CheckDatesAsOf(today Date) error {
	var fe apperr.FieldErrors
	if name, d, bad := c.Dates(today).OutOfBounds(); bad {
		CheckDerivedDate(&fe, "start", name, d)
	}
	return fe.Err()
}

// OutOfBounds returns the name and value of the first of d's dates outside
// the bounds (bounds.go), or false when every one lies inside.
func (d Dates) OutOfBounds() (string, Date, bool) {
	for _, x := range []struct {
		name string
		d    Date
	}{
		{"initial end", d.InitialEnd}, {"current end", d.CurrentEnd}, {"committed end", d.CommittedEnd},
		{"notice deadline", d.NoticeDeadline}, {"action date", d.ActionDate}, {"option decision", d.OptionDecision},
		{"end after every renewal", d.MaxExtent}, {"final end", d.FinalEnd},
	} {
		if !x.d.InBounds() {
			return x.name, x.d, true
		}
	}
	return "", Date{}, false
}
