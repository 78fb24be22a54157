package procurement

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// Tender is a joint tender: one procurement run by a lead authority
// (penvoerder) on behalf of every participant (DESIGN §3).
type Tender struct {
	ID          int64
	Title       string
	Description string
	CategoryID  int64
	// CPV is the main CPV code of the tender.
	CPV string
	// Lead is the code of the lead authority, whose procurement policy
	// decides below the threshold.
	Lead string
	Kind ContractKind
	// Framework says the tender concludes framework agreements under which
	// the participants call off (Aw 2012 art. 2.140).
	Framework bool
	// FrameworkJustified records an objective justification for a
	// framework term over 48 months.
	FrameworkJustified bool
	// TermMonths is the initial contract term; Options the extensions on
	// top of it.
	TermMonths int
	Options    []Option
	// TermIndefinite says the contract runs on for an indefinite period
	// after TermMonths; its estimate is then the monthly value × 48
	// (Aw 2012 art. 2.16). It has no options and no total price.
	TermIndefinite bool
	// TotalPrice says the contract states a total price (the ×48 rule
	// applies only to services without one).
	TotalPrice bool
	// Circumstances of the procedure that change its minimum periods.
	Electronic      bool
	DocumentsOnline bool
	PIN             bool
	Urgent          bool
	// Publication is the planned date the contract notice is sent; the
	// threshold is the one in force on it. When zero the plan runs backward
	// from NeededStart.
	Publication contracts.Date
	// NeededStart is the earliest date a participant needs the new
	// contract.
	NeededStart contracts.Date
	// TenderDeadline is the tender deadline the procurement officer chose;
	// zero lets the plan take the legal minimum. It may not be shorter
	// than the minimum period from the publication (CheckDeadline).
	TenderDeadline contracts.Date
	// Procedure overrides the determined procedure when set, with the
	// coordinator's written justification.
	Procedure              Procedure
	ProcedureJustification string
	Status                 TenderStatus
	// AwardDecision is the date the award decision was sent; zero until
	// awarded.
	AwardDecision contracts.Date
	// NoticeDetails are what its European notices need beyond the terms.
	NoticeDetails

	// Read-only, filled when loaded.
	LeadName     string
	CategoryName string
}

// Validate returns every problem with t as apperr.FieldErrors, or nil.
func (t Tender) Validate() error {
	var fe apperr.FieldErrors
	switch title := strings.TrimSpace(t.Title); {
	case title == "":
		fe.Add("title", apperr.Required)
	case utf8.RuneCountInString(title) > 200:
		fe.Add("title", apperr.TooLong, 200)
	}
	if utf8.RuneCountInString(t.Description) > 5000 {
		fe.Add("description", apperr.TooLong, 5000)
	}
	if t.CategoryID <= 0 {
		fe.Add("categoryId", apperr.Required)
	}
	if t.CPV != "" && !contracts.ValidCPVSyntax(t.CPV) {
		fe.Add("cpv", apperr.CPVFormat)
	}
	if t.Lead == "" {
		fe.Add("lead", apperr.LeadRequired)
	}
	if !t.Kind.Valid() {
		fe.Add("kind", apperr.OneOf, apperr.Or(string(KindSupplies), string(KindServices), string(KindWorks), string(KindSocial)), string(t.Kind))
	}
	switch {
	case t.TermMonths < 1:
		fe.Add("termMonths", apperr.AtLeast, 1)
	case t.TermMonths > 120:
		fe.Add("termMonths", apperr.AtMostMonths, 120)
	case t.Framework:
		if err := FrameworkTermCheck(t.TotalMonths(), t.FrameworkJustified); err != nil {
			fe = append(fe, apperr.Fields(err)...)
		}
	}
	if !t.TenderDeadline.IsZero() && t.Publication.IsZero() {
		fe.Add("tenderDeadline", apperr.DeadlineNeedsPublication)
	}
	if len(t.Options) > 10 {
		fe.Add("options", apperr.TooManyOptions, 10)
	}
	for i, o := range t.Options {
		if o.Months < 1 || o.Months > 60 {
			fe.Add(fmt.Sprintf("options[%d].months", i), apperr.RangeMonths, 1, 60, o.Months)
		}
	}
	if t.TermIndefinite {
		// An indefinite term has no total: its value is the monthly value
		// × 48 (Aw 2012 art. 2.16), and nothing is left to extend.
		if t.TotalPrice {
			fe.Add("termIndefinite", apperr.IndefiniteTotalPrice)
		}
		if len(t.Options) > 0 {
			fe.Add("termIndefinite", apperr.IndefiniteOptions)
		}
		if t.Framework && !t.FrameworkJustified {
			fe.Add("termIndefinite", apperr.FrameworkIndefinite, FrameworkMaxMonths)
		}
	}
	if t.Procedure != "" {
		switch {
		case !t.Procedure.Valid():
			fe.Add("procedure", apperr.Unknown, string(t.Procedure))
		case t.Procedure == ProcedureLight:
			fe.Add("procedure", apperr.LightRegimeChosen)
		}
		if strings.TrimSpace(t.ProcedureJustification) == "" {
			fe.Add("procedureJustification", apperr.JustificationRequired)
		}
	}
	if !t.Status.Valid() {
		fe.Add("status", apperr.Unknown, string(t.Status))
	}
	t.NoticeDetails.validate(&fe)
	contracts.CheckText(&fe, "title", t.Title, false)
	contracts.CheckText(&fe, "description", t.Description, true)
	contracts.CheckText(&fe, "procedureJustification", t.ProcedureJustification, true)
	contracts.CheckDate(&fe, "publication", t.Publication)
	contracts.CheckDate(&fe, "neededStart", t.NeededStart)
	contracts.CheckDate(&fe, "tenderDeadline", t.TenderDeadline)
	contracts.CheckDate(&fe, "awardDecision", t.AwardDecision)
	return fe.Err()
}

// TotalMonths is the initial term plus every option.
func (t Tender) TotalMonths() int {
	m := t.TermMonths
	for _, o := range t.Options {
		m += o.Months
	}
	return m
}

// Editable reports whether the tender's terms, lots and requirements may
// still change: only before publication.
func (t Tender) Editable() bool {
	return t.Status == TenderDraft || t.Status == TenderCollecting || t.Status == TenderMandating
}

// Joinable reports whether organizations may join or leave: only while
// demand is collected (DESIGN §4; the list freezes on publication).
func (t Tender) Joinable() bool {
	return t.Status == TenderDraft || t.Status == TenderCollecting || t.Status == TenderMandating
}

// Lot is one part of a tender, awarded on its own.
type Lot struct {
	ID       int64
	TenderID int64
	// Number orders the lots from 1.
	Number int
	Title  string
	CPV    string
	// Unit names what participants' quantities count; UnitPrice is an
	// assumed yearly price per unit used when a participant gives a
	// quantity without an annual value.
	Unit      string
	UnitPrice contracts.Money
	// VendorID is the awarded vendor; 0 until awarded.
	VendorID   int64
	VendorName string
	// proposed is the key of a lot a bundling suggestion proposes
	// (Suggestion.DraftLots), which is not stored and has no id of its
	// own yet.
	proposed LotKey
}

// Key identifies the lot in estimates and the lot exemption: "lot-" and
// its id, or for a lot a bundling suggestion proposes, the proposal's key.
func (l Lot) Key() LotKey {
	if l.proposed != "" {
		return l.proposed
	}
	return LotKey("lot-" + strconv.FormatInt(l.ID, 10))
}

// Validate returns every problem with l as apperr.FieldErrors, or nil.
func (l Lot) Validate() error {
	var fe apperr.FieldErrors
	switch title := strings.TrimSpace(l.Title); {
	case title == "":
		fe.Add("title", apperr.Required)
	case utf8.RuneCountInString(title) > 200:
		fe.Add("title", apperr.TooLong, 200)
	}
	if l.CPV != "" && !contracts.ValidCPVSyntax(l.CPV) {
		fe.Add("cpv", apperr.CPVFormat)
	}
	if utf8.RuneCountInString(l.Unit) > 60 {
		fe.Add("unit", apperr.TooLong, 60)
	}
	contracts.CheckMoney(&fe, "unitPrice", l.UnitPrice)
	contracts.CheckText(&fe, "title", l.Title, false)
	contracts.CheckText(&fe, "unit", l.Unit, false)
	return fe.Err()
}

// RequirementKind says how a requirement weighs in the tender.
type RequirementKind string

// The requirement kinds.
const (
	// KnockOut is an eis: a tender that does not meet it is invalid.
	KnockOut RequirementKind = "knockout"
	// AwardCriterion is a wens: it scores in the award.
	AwardCriterion RequirementKind = "award"
)

// RequirementKinds returns the requirement kinds.
func RequirementKinds() []RequirementKind { return []RequirementKind{KnockOut, AwardCriterion} }

// Valid reports whether k is a known kind.
func (k RequirementKind) Valid() bool { return k == KnockOut || k == AwardCriterion }

// Rating is a participant's MoSCoW rating of a requirement.
type Rating string

// The MoSCoW ratings, from highest to lowest priority.
const (
	Must   Rating = "must"
	Should Rating = "should"
	Could  Rating = "could"
	Wont   Rating = "wont"
)

// Ratings returns the ratings from highest to lowest priority.
func Ratings() []Rating { return []Rating{Must, Should, Could, Wont} }

// Valid reports whether r is a known rating.
func (r Rating) Valid() bool { return r == Must || r == Should || r == Could || r == Wont }

// rank orders ratings: 0 must … 3 wont.
func (r Rating) rank() int {
	switch r {
	case Must:
		return 0
	case Should:
		return 1
	case Could:
		return 2
	}
	return 3
}

// Requirement is a requirement of a tender with each participant's rating.
type Requirement struct {
	ID       int64
	TenderID int64
	Number   int
	Text     string
	Kind     RequirementKind
	// Ratings maps a participant's organization code to its rating.
	Ratings map[string]Rating
}

// Validate returns every problem with r as apperr.FieldErrors, or nil.
func (r Requirement) Validate() error {
	var fe apperr.FieldErrors
	switch text := strings.TrimSpace(r.Text); {
	case text == "":
		fe.Add("text", apperr.Required)
	case utf8.RuneCountInString(text) > 2000:
		fe.Add("text", apperr.TooLong, 2000)
	}
	if !r.Kind.Valid() {
		fe.Add("kind", apperr.OneOf, apperr.Or(string(KnockOut), string(AwardCriterion)), string(r.Kind))
	}
	contracts.CheckText(&fe, "text", r.Text, true)
	// By organization code, so the listed problems come in the same order
	// on every call (map order is random).
	for _, org := range slices.Sorted(maps.Keys(r.Ratings)) {
		if rating := r.Ratings[org]; !rating.Valid() {
			fe.Add("ratings."+org, apperr.OneOf, RatingList, string(rating))
		}
	}
	return fe.Err()
}

// Award is the outcome of a tender: the vendor per lot and the date the
// award decision was sent.
type Award struct {
	DecisionSent contracts.Date
	// Vendors maps a lot id to the awarded vendor id.
	Vendors map[int64]int64
}
