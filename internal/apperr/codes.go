package apperr

import (
	"fmt"
	"strings"
)

// Code names one kind of problem with an input field, or one kind of
// warning, in a stable spelling the API sends to clients ("required",
// "too_long"). The domain reports codes with arguments, never sentences:
// the English text below is what the API sends beside the code, and
// internal/nl holds the Dutch one for the forms, the dossier and the other
// documents. A code keeps its meaning and its arguments once released; a
// new meaning gets a new code.
type Code string

// Arguments of codes are JSON-safe values: strings, integers, lists of
// strings, FieldErrors (the reasons behind a warning), a Basis (the legal
// basis a problem quotes) and the two types below, which tell a renderer
// how to write them.
type (
	// Cents is an amount of money in euro cents (contracts.Money).
	Cents int64
	// Day is a calendar date in ISO form, 2026-12-14 (contracts.Date).
	Day string
)

// The codes of field problems shared by many fields. The comment after a
// code names its arguments, in order.
const (
	Required           Code = "required"
	TooLong            Code = "too_long"       // max characters
	TooLongBytes       Code = "too_long_bytes" // max bytes
	Negative           Code = "negative"       // got
	Positive           Code = "positive"
	AtLeast            Code = "at_least"          // min
	AtMostMonths       Code = "at_most_months"    // max months
	AtMostDays         Code = "at_most_days"      // max days
	Range              Code = "range"             // min, max, got
	RangeMonths        Code = "range_months"      // min, max, got
	RangeDays          Code = "range_days"        // min, max, got
	OneOf              Code = "one_of"            // the values allowed ("a, b or c"), got
	Unknown            Code = "unknown"           // got
	NotAnID            Code = "not_an_id"         // got
	DateOutOfRange     Code = "date_out_of_range" // min, max (Day), the date (Day)
	DerivedDate        Code = "derived_date"      // min, max (Day), what is derived, the date (Day)
	MoneyCap           Code = "money_cap"         // the cap (Cents)
	Cap                Code = "cap"               // the cap
	ControlChar        Code = "control_char"      // the character (rune), its byte offset
	DateFormat         Code = "date_format"       // an example ("2025-01-01")
	DaysFormat         Code = "days_format"       // a number of days like 90d
	ToBeforeFrom       Code = "to_before_from"    // an end before the start of a period
	BeforeStart        Code = "before_start"      // a date before the start
	NotInFuture        Code = "not_in_future"     // a date that cannot lie in the future
	RequiredWith       Code = "required_with"     // the other field
	NoOrganization     Code = "no_organization"   // the code
	NoCategory         Code = "no_category"
	NoVendor           Code = "no_vendor"
	NoContract         Code = "no_contract"
	NoDemand           Code = "no_demand"
	UnknownCPV         Code = "unknown_cpv" // the CPV code
	VendorOrCategory   Code = "vendor_or_category_unknown"
	CategoryOrContract Code = "category_or_contract_unknown"
)

// The codes of the register: organizations, vendors, contracts, licences,
// CPV sets, spend and lock-in.
const (
	CPVFormat               Code = "cpv_format"
	CPVListEmpty            Code = "cpv_list_empty"
	KvKFormat               Code = "kvk_format"
	KvKTaken                Code = "kvk_taken"
	CountryFormat           Code = "country_format"
	ProvinceCode            Code = "province_code"
	MunicipalityCode        Code = "municipality_code"
	ReservedGM              Code = "code_reserved_gm"
	ReservedPV              Code = "code_reserved_pv"
	FreeCode                Code = "code_format"
	ProvinceSelf            Code = "province_self"
	PopulationDateRequired  Code = "population_date_required"
	MemberOfSelf            Code = "member_of_self"
	NotCooperation          Code = "not_cooperation" // the code, its kind
	NoPopulation            Code = "no_population"   // the code
	VendorOwnParent         Code = "vendor_own_parent"
	VendorGroupCycle        Code = "vendor_group_cycle"
	ContractNumber          Code = "contract_number"
	NumberTaken             Code = "contract_number_taken"
	RenewalIndefinitePeriod Code = "renewal_indefinite_period"
	RenewalNonePeriod       Code = "renewal_none_period"
	ExpressFinite           Code = "express_finite"
	RenewalsExercised       Code = "renewals_exercised"
	RenewalsExceedOptions   Code = "renewals_exceed_options" // the number of options
	BeforeInitialEnd        Code = "before_initial_end"      // the initial end (Day)
	NoticeBothUnits         Code = "notice_both_units"
	NoticeLongerThanTerm    Code = "notice_longer_than_term"
	NoticeLongerThanRenewal Code = "notice_longer_than_renewal"
	LicenceQuantity         Code = "licence_quantity"
	LicenceAmountCap        Code = "licence_amount_cap" // the cap (Cents)
	DemandOwner             Code = "demand_owner"       // the organization
	ReplacesOther           Code = "replaces_other_organization"
	IndexRate               Code = "index_rate" // min, max (basis points), got
	IndexYear               Code = "index_year" // first, last year
	CalendarYear            Code = "calendar_year"
	ForecastEnd             Code = "forecast_end"  // the last year, the latest start
	LockInWeight            Code = "lockin_weight" // the weight's name, got
	LockInSum               Code = "lockin_sum"    // got
	CompareOrganization     Code = "compare_organization_required"
)

// The codes of joint procurement: tenders, lots, participants, mandates,
// requirements, the award, the timeline and the bundling settings.
const (
	LeadRequired             Code = "lead_required"
	OrganizationCodeRequired Code = "organization_code_required"
	JustificationRequired    Code = "justification_required"
	TooManyOptions           Code = "too_many_options" // the maximum
	FrameworkIndefinite      Code = "framework_indefinite"
	FrameworkTooLong         Code = "framework_too_long" // the maximum months, got
	IndefiniteTotalPrice     Code = "indefinite_total_price"
	IndefiniteOptions        Code = "indefinite_options"
	LightRegimeChosen        Code = "light_regime_chosen"
	EuropeanOnlyIncomplete   Code = "european_only_incomplete"
	EuropeanOnlyAbove        Code = "european_only_above"
	DeadlineNeedsPublication Code = "deadline_needs_publication"
	DeadlineTooEarly         Code = "deadline_too_early"             // the earliest, the publication (Day), the earliest's Basis
	DeadlineNotAfterPub      Code = "deadline_not_after_publication" // the publication (Day)
	NoPublicationDate        Code = "no_publication_date"            // days searched, the needed start (Day)
	MandateSignedRequired    Code = "mandate_required_when_signed"
	MandateScopeEmpty        Code = "mandate_scope_empty"
	MandateSignedOnly        Code = "mandate_signed_only"
	DemandNotInTender        Code = "demand_not_in_tender"
	NotTenderLot             Code = "not_tender_lot"         // the lot id
	NotTenderRequirement     Code = "not_tender_requirement" // the requirement id
	NotParticipant           Code = "not_participant"        // the organization
	LotTwice                 Code = "lot_twice"              // the lot id
	RequirementTwice         Code = "requirement_twice"      // the requirement id
	VolumeCap                Code = "volume_cap"             // the cap (Cents)
	LotNeedsVendor           Code = "lot_needs_vendor"       // the lot's number and title
	AwardRequired            Code = "award_required"
	DecisionBeforeDeadline   Code = "decision_before_deadline" // the tender deadline (Day)
	BandAbove                Code = "band_above"               // the lower band's field
	RegionWithCooperation    Code = "region_with_cooperation"
	ThresholdsEmpty          Code = "thresholds_empty"
	ThresholdOverlap         Code = "threshold_overlap"   // from, to (Day)
	ExceedsOpenPeriod        Code = "exceeds_open_period" // the open period, got
	BelowLegalMinimum        Code = "below_legal_minimum" // the minimum days, the article, got
)

// The codes of the imports: a problem with one cell of a spreadsheet.
// The comment after a code names its arguments; "the cell" is the cell's
// text as the file has it, "the values" the values the column accepts in
// the API's spelling ([]string), which a renderer may word as the
// template does.
const (
	ImportOtherOrganization Code = "import_other_organization" // the row's organization, the import's
	RowDiffers              Code = "row_differs"               // the cell, the contract's first row
	DuplicateRow            Code = "duplicate_row"             // the value, the row that has it first
	RequiredChoice          Code = "required_choice"           // the values
	NotAChoice              Code = "not_a_choice"              // the cell, the values
	NotYesNo                Code = "not_yes_no"                // the cell
	LineRequired            Code = "licence_line_required"
	LineChoice              Code = "licence_line_choice" // the values
	LineQuantity            Code = "licence_line_quantity"
	LinePrice               Code = "licence_line_price"
	VendorRequired          Code = "vendor_required"
	KvKCell                 Code = "kvk_cell"                   // the cell
	Formula                 Code = "formula"                    // the cell
	NotADate                Code = "not_a_date"                 // the cell
	ImplausibleDate         Code = "implausible_date"           // the cell, the date it reads as (Day)
	NotAWholeNumber         Code = "not_a_whole_number"         // the cell
	NotAnAmount             Code = "not_an_amount"              // the cell
	AmountAmbiguous         Code = "amount_ambiguous"           // the cell
	AmountGrouping          Code = "amount_grouping"            // the cell
	AmountCents             Code = "amount_cents"               // the cell
	WithStoredValues        Code = "with_stored_values"         // the problems (FieldErrors)
	NoCategoryNamed         Code = "no_category_named"          // the name
	VendorNotRegistered     Code = "vendor_not_registered"      // the name, the KvK number
	NewVendorNamedOtherwise Code = "new_vendor_named_otherwise" // the name, the row naming the new vendor, its KvK number, its name
	VendorKvKDiffers        Code = "vendor_kvk_differs"         // the vendor's name, its KvK number, the KvK number given
	VendorsNamedNoKvK       Code = "vendors_named_no_kvk"       // how many, the name, the KvK number given
	VendorsNamed            Code = "vendors_named"              // how many, the name
	NoVendorKvK             Code = "no_vendor_kvk"              // the KvK number
	NoVendorNamed           Code = "no_vendor_named"            // the name
	ProvinceMismatch        Code = "province_mismatch"          // the cell, the province code, its name
	NotAProvince            Code = "not_a_province"             // the cell
	PopulationNeedsDate     Code = "population_needs_date"
	KindHasMembers          Code = "kind_has_members" // the cooperation's code, its number of members
)

// The codes of user accounts and API tokens.
const (
	PasswordTooShort        Code = "password_too_short" // the minimum
	EmailFormat             Code = "email_format"
	EmailTaken              Code = "email_taken"
	MemberNeedsOrganization Code = "member_needs_organization"
	StaffHasNoOrganization  Code = "staff_has_no_organization"
	TokenNameRequired       Code = "token_name_required"
)

// The kinds of warnings (Warning.Kind): a plan or a tender is valid but
// something in it needs attention.
const (
	WarnThresholdAssumed   Code = "threshold_assumed"           // the publication (Day)
	WarnProcedureRefused   Code = "procedure_refused"           // the procedure chosen, why (FieldErrors)
	WarnProcedureUndecided Code = "procedure_refused_undecided" // the procedure chosen, why (FieldErrors)
	WarnFrameworkTerm      Code = "framework_term"              // the term with options, the maximum (months)
	WarnLightDeadline      Code = "light_deadline_short"        // the deadline (Day), its days after publication, the days assumed
	WarnWithoutValue       Code = "volume_without_value"        // how many, the first names ([]string)
	WarnSplit              Code = "split_threshold"             // the category, how many tenders, their sum and the threshold (Cents)
	WarnStartAfterNeeded   Code = "start_after_needed"          // the publication, the earliest start, the needed start (Day)
	WarnPublicationPast    Code = "publication_past"            // the needed start, the latest publication (Day)
	WarnNoPlanDates        Code = "no_plan_dates"
	WarnNoTimeline         Code = "no_timeline"                   // why (FieldErrors, or a detail)
	WarnDeadlineNotAfter   Code = "deadline_not_after"            // the deadline, the publication (Day)
	WarnDeadlineTooShort   Code = "deadline_too_short"            // the deadline, the publication, the earliest (Day), its Basis
	WarnDeadlineRestricted Code = "deadline_too_short_restricted" // as WarnDeadlineTooShort, then the request and selection days
)

// The kinds of contract alerts (contracts.Alert.Note): what must be done
// by when. Their arguments are dates (Day).
const (
	AlertNoticeMissed     Code = "alert_notice_missed"     // the deadline missed, the end now committed to
	AlertOverdueNotice    Code = "alert_overdue_notice"    // the action date, the notice deadline
	AlertOverdueOption    Code = "alert_overdue_option"    // the action date, the option decision
	AlertNoticeAction     Code = "alert_notice_action"     // the notice deadline
	AlertNotice           Code = "alert_notice"            // the notice deadline, the end, the renewed end
	AlertNoticeIndefinite Code = "alert_notice_indefinite" // the notice deadline, the end, the earliest end after it
	AlertOptionAction     Code = "alert_option_action"     // the option decision
	AlertOption           Code = "alert_option"            // the option decision, the end with the option, the end without
	AlertExpiry           Code = "alert_expiry"            // the final end
	AlertBeginNow         Code = "alert_begin_now"         // the action date that passed
)

// The kinds of legal bases and planning assumptions behind the dates of a
// tender's timeline (Basis.Kind). Their arguments are numbers of days
// unless the comment names them.
const (
	BasisPublication              Code = "basis_publication"
	BasisPreparation              Code = "basis_preparation" // the days of preparation
	BasisPlanning                 Code = "basis_planning"
	BasisOpen                     Code = "basis_open"                       // the period
	BasisOpenElectronic           Code = "basis_open_electronic"            // the period, the electronic reduction
	BasisOpenPIN                  Code = "basis_open_pin"                   // the period, the Act's floor
	BasisOpenUrgent               Code = "basis_open_urgent"                // the period
	BasisDocumentsNotOnline       Code = "basis_documents_not_online"       // the period's basis (Basis), the days added
	BasisRestrictedRequests       Code = "basis_restricted_requests"        // the period
	BasisRestrictedRequestsUrgent Code = "basis_restricted_requests_urgent" // the period
	BasisRestrictedTenders        Code = "basis_restricted_tenders"         // the period
	BasisRestrictedElectronic     Code = "basis_restricted_electronic"      // the period
	BasisRestrictedTendersUrgent  Code = "basis_restricted_tenders_urgent"  // the period
	BasisLightPeriod              Code = "basis_light_period"               // the period assumed
	BasisLightNoMinimum           Code = "basis_light_no_minimum"
	// BasisRunOn: the period's basis (Basis), its last calendar day (Day),
	// why that day is no working day (a contracts.DayOff), the working day
	// the period ends on (Day).
	BasisRunOn                  Code = "basis_run_on"
	BasisClarification          Code = "basis_clarification"           // the days before the deadline
	BasisSelectionClarification Code = "basis_selection_clarification" // the days before the deadline
	BasisStandstill             Code = "basis_standstill"              // the standstill
	BasisNoStandstill           Code = "basis_no_standstill"
	BasisSignature              Code = "basis_signature"
	BasisAwardNotice            Code = "basis_award_notice"
	BasisChosenDeadline         Code = "basis_chosen_deadline" // the earliest deadline allowed (Day), its basis (Basis)
	BasisDecisionSent           Code = "basis_decision_sent"
	BasisNeededStart            Code = "basis_needed_start"
)

// entry is one code of the catalogue: its English template (fmt verbs,
// one per argument, in order) and arguments of the kinds it takes, for
// tests and documentation.
type entry struct {
	code    Code
	english string
	example []any
}

// catalogue is every code with its English text; internal/nl has the
// Dutch one for each. The English texts are the messages API clients
// have always read.
var catalogue = []entry{
	{Required, "is required", nil},
	{TooLong, "must be at most %d characters", []any{200}},
	{TooLongBytes, "must be at most %d bytes", []any{200}},
	{Negative, "must not be negative, got %v", []any{-5}},
	{Positive, "must be positive", nil},
	{AtLeast, "must be at least %d", []any{1}},
	{AtMostMonths, "must be at most %d months", []any{600}},
	{AtMostDays, "must be at most %d days", []any{3660}},
	{Range, "must be %d–%d, got %d", []any{0, 10, 11}},
	{RangeMonths, "must be %d–%d months, got %d", []any{1, 60, 61}},
	{RangeDays, "must be %d–%d days, got %d", []any{0, 365, 400}},
	{OneOf, "must be %s, got %q", []any{"draft, active or terminated", "klaar"}},
	{Unknown, "is not a known value, got %q", []any{"onbekend"}},
	{NotAnID, "must be an id, got %d", []any{-1}},
	{DateOutOfRange, "lies outside %s..%s: %s", []any{Day("1900-01-01"), Day("2199-12-31"), Day("2200-01-01")}},
	{DerivedDate, "lies outside %s..%s once derived: %s %s", []any{Day("1900-01-01"), Day("2199-12-31"), "initial end", Day("2202-11-30")}},
	{MoneyCap, "exceeds the cap of %d cents (€10^12)", []any{Cents(100_000_000_000_000)}},
	{Cap, "exceeds the cap of %d", []any{1_000_000_000}},
	{ControlChar, "contains a control character (%U at byte %d): remove it", []any{rune(9), 3}},
	{DateFormat, "must be a date like %s", []any{"2025-01-01"}},
	{DaysFormat, "must be a number of days like 90d", nil},
	{ToBeforeFrom, "must not be before from", nil},
	{BeforeStart, "must not lie before the start", nil},
	{NotInFuture, "cannot lie in the future", nil},
	{RequiredWith, "is required with %s", []any{"worksMultiplePrivateBelow"}},
	{NoOrganization, "no organization has code %s", []any{"GM9999"}},
	{NoCategory, "no category with this id", nil},
	{NoVendor, "no vendor with this id", nil},
	{NoContract, "no contract with this id", nil},
	{NoDemand, "no demand with this id", nil},
	{UnknownCPV, "unknown CPV code %s", []any{"99999999-9"}},
	{VendorOrCategory, "unknown vendor or category", nil},
	{CategoryOrContract, "unknown category or replaced contract", nil},

	{CPVFormat, "must look like 64210000-1", nil},
	{CPVListEmpty, "at least one CPV code is required", nil},
	{KvKFormat, "must be 8 digits (KvK number)", nil},
	{KvKTaken, "another vendor has this KvK number", nil},
	{CountryFormat, "must be a two-letter country code such as NL", nil},
	{ProvinceCode, "must be a CBS province code PV20–PV31", nil},
	{MunicipalityCode, "must be GM followed by 4 digits (CBS municipality code), e.g. GM0363", nil},
	{ReservedGM, "GM codes are reserved for municipalities", nil},
	{ReservedPV, "PV codes are reserved for provinces", nil},
	{FreeCode, "must be 1–32 letters, digits or dashes, starting with a letter or digit", nil},
	{ProvinceSelf, "a province lies in itself: must equal code", nil},
	{PopulationDateRequired, "is required when population is given", nil},
	{MemberOfSelf, "an organization cannot be a member of itself", nil},
	{NotCooperation, "%s is a %s, not a cooperation", []any{"GM0363", "municipality"}},
	{NoPopulation, "%s has no population: spend per inhabitant and size-class peers need one", []any{"GM0363"}},
	{VendorOwnParent, "a vendor cannot be its own parent", nil},
	{VendorGroupCycle, "that vendor belongs to this one: a group cannot own itself", nil},
	{ContractNumber, "is required: 1–64 letters, digits, spaces or . _ / -", nil},
	{NumberTaken, "the organization already has a contract with this number", nil},
	{RenewalIndefinitePeriod, "a contract that continues indefinitely has no renewal period or maximum: notice ends it", nil},
	{RenewalNonePeriod, "a contract without renewal has no renewal period or maximum", nil},
	{ExpressFinite, "express options are finite: give the number of options or a maximum end date", nil},
	{RenewalsExercised, "counts express options taken: 0 or more, and only for express renewal", nil},
	{RenewalsExceedOptions, "cannot exceed the %d options", []any{2}},
	{BeforeInitialEnd, "must not lie before the initial end %s", []any{Day("2026-12-31")}},
	{NoticeBothUnits, "give the notice period in months or in days, not both", nil},
	{NoticeLongerThanTerm, "must not be longer than the initial term", nil},
	{NoticeLongerThanRenewal, "must not be longer than the renewal period", nil},
	{LicenceQuantity, "must be a positive number, or −1 for unlimited", nil},
	{LicenceAmountCap, "exceeds the cap of %d cents (€10^12) once multiplied by the quantity", []any{Cents(100_000_000_000_000)}},
	{DemandOwner, "cannot change: the demand belongs to %s", []any{"GM0363"}},
	{ReplacesOther, "must be a contract of the same organization", nil},
	{IndexRate, "must be %d–%d basis points (−20 %%–50 %%), got %d", []any{-2000, 5000, 6000}},
	{IndexYear, "year must be %d–%d", []any{2000, 2100}},
	{CalendarYear, "must be a calendar year %d–%d", []any{2000, 2100}},
	{ForecastEnd, "the forecast must end by %d: start by %d", []any{2100, 2096}},
	{LockInWeight, "%s must be 0–100, got %d", []any{"noExitPlan", 110}},
	{LockInSum, "must sum to 100, got %d", []any{90}},
	{CompareOrganization, "is required: the organization to compare", nil},

	{LeadRequired, "is required: the code of the lead authority", nil},
	{OrganizationCodeRequired, "is required: the code of the organization", nil},
	{JustificationRequired, "is required when the procedure is overridden", nil},
	{TooManyOptions, "at most %d options", []any{10}},
	{FrameworkIndefinite, "a framework agreement runs at most %d months unless objectively justified (Aw 2012 art. 2.140)", []any{48}},
	{FrameworkTooLong, "a framework agreement runs at most %d months unless objectively justified (Aw 2012 art. 2.140), got %d", []any{48, 60}},
	{IndefiniteTotalPrice, "an indefinite term cannot have a total price (totalPrice): its value is the monthly value × 48 (Aw 2012 art. 2.16)", nil},
	{IndefiniteOptions, "an indefinite term has no extension options: remove the options", nil},
	{LightRegimeChosen, "the light regime cannot be chosen: it applies by itself to social and other specific services at or above their threshold (Aw 2012 art. 2.38)", nil},
	{EuropeanOnlyIncomplete, "without a complete estimate only a European procedure may be chosen: the threshold may be reached (Aw 2012 art. 2.26)", nil},
	{EuropeanOnlyAbove, "at or above the EU threshold only a European procedure may be chosen (Aw 2012 art. 2.26)", nil},
	{DeadlineNeedsPublication, "needs a publication date: the minimum period runs from it", nil},
	{DeadlineTooEarly, "must be on or after %s, the earliest deadline after publication on %s (%s)",
		[]any{Day("2026-12-14"), Day("2026-11-03"), Base(BasisOpenElectronic, 45, 5)}},
	{DeadlineNotAfterPub, "must be after the publication on %s: the light regime sets no minimum period (Aw 2012 art. 2.38–2.39), but tenders come after the notice",
		[]any{Day("2026-03-02")}},
	{NoPublicationDate, "no publication date within %d days gives a start on %s: the calendar has too many days off", []any{30, Day("2027-01-01")}},
	{MandateSignedRequired, "is required for a signed mandate", nil},
	{MandateScopeEmpty, "a signed mandate must authorize at least one thing", nil},
	{MandateSignedOnly, "is only set for a signed mandate", nil},
	{DemandNotInTender, "must be the organization's demand in the tender's category", nil},
	{NotTenderLot, "lot %d is not a lot of this tender", []any{7}},
	{NotTenderRequirement, "requirement %d is not a requirement of this tender", []any{7}},
	{NotParticipant, "%s does not take part in this tender", []any{"GM0363"}},
	{LotTwice, "lot %d appears twice", []any{7}},
	{RequirementTwice, "requirement %d appears twice", []any{7}},
	{VolumeCap, "exceeds the cap of %d cents (€10^12) once priced at the lot's unit price: give the annual value", []any{Cents(100_000_000_000_000)}},
	{LotNeedsVendor, "lot %d (%s) has participants: name its vendor", []any{1, "Mobiele telefonie"}},
	{AwardRequired, "is required to award: the vendor per lot and the date the decision was sent", nil},
	{DecisionBeforeDeadline, "must be after the tender deadline %s", []any{Day("2026-12-14")}},
	{BandAbove, "must be above %s, or 0 for up to the EU threshold", []any{"singleSourceBelow"}},
	{RegionWithCooperation, "cannot be combined with grouping by cooperation", nil},
	{ThresholdsEmpty, "at least one period is required", nil},
	{ThresholdOverlap, "overlaps the period %s to %s", []any{Day("2026-01-01"), Day("2027-12-31")}},
	{ExceedsOpenPeriod, "must not exceed the open period of %d days, got %d", []any{35, 40}},
	{BelowLegalMinimum, "must be at least %d days (%s), got %d", []any{10, "Aw 2012 art. 2.127", 5}},
	{ImportOtherOrganization, "%s: this import is for %s only", []any{"GM0518", "GM0363"}},
	{RowDiffers, "%q differs from row %d of the same contract: leave the cell empty or repeat that row's value", []any{"KPN", 2}},
	{DuplicateRow, "%s also appears in row %d", []any{"GM0363", 2}},
	{RequiredChoice, "is required: one of %s", []any{[]string{"none", "tacit", "express", "indefinite"}}},
	{NotAChoice, "%q is not one of: %s", []any{"soms", []string{"none", "tacit", "express", "indefinite"}}},
	{NotYesNo, "%q is not yes or no", []any{"misschien"}},
	{LineRequired, "is required when the row has licence line cells", nil},
	{LineChoice, "is required for a licence line: one of %s", []any{[]string{"month", "year", "once"}}},
	{LineQuantity, "is required for a licence line: a number of at least 1, or unlimited", nil},
	{LinePrice, "is required for a licence line: write 0 when it costs nothing", nil},
	{VendorRequired, "is required: the vendor's name or KvK number", nil},
	{KvKCell, "%q must be 8 digits (KvK number); a spreadsheet drops a leading zero from a number cell, so keep this column as text", []any{"1234567"}},
	{Formula, "%q looks like a formula; formulas are not evaluated: enter the value itself", []any{"=SUM(K1:K9)"}},
	{NotADate, "%q is not a date like 31-01-2026 or 2026-01-31", []any{"31/01/2026"}},
	{ImplausibleDate, "%q reads as %s, which is no plausible contract date", []any{"2026", Day("1905-07-18")}},
	{NotAWholeNumber, "%q is not a whole number", []any{"3,5"}},
	{NotAnAmount, "%q is not an amount in euros like € 1.234,56 or 1234.56", []any{"veel"}},
	{AmountAmbiguous, "%q is not an amount in euros: with three digits after the comma it could mean thousands or decimals; write 1234,56 or 1.234,56", []any{"1,234"}},
	{AmountGrouping, "%q is not an amount in euros: thousands are grouped by three (1.234.567)", []any{"12.34.567"}},
	{AmountCents, "%q is not an amount in euros: amounts are in whole cents, at most two decimals", []any{"12,345"}},
	{WithStoredValues, "%s (with the stored values of columns the file does not have)", []any{FieldErrors{{Field: "renewalsExercised", Code: RenewalsExercised}}}},
	{NoCategoryNamed, "no category is named %q", []any{"Telefonie"}},
	{VendorNotRegistered, "%q (KvK %s) is not registered; vendors are shared, so an administrator or coordinator adds it first", []any{"KPN B.V.", "27124701"}},
	{NewVendorNamedOtherwise, "%q: row %d names the new vendor with KvK number %s %q", []any{"KPN", 2, "27124701", "KPN B.V."}},
	{VendorKvKDiffers, "vendor %q has KvK number %s in the register, not %s", []any{"KPN B.V.", "27124701", "12345678"}},
	{VendorsNamedNoKvK, "%d vendors are named %q, none with KvK number %s", []any{2, "KPN", "12345678"}},
	{VendorsNamed, "%d vendors are named %q: give the KvK number to say which", []any{2, "KPN"}},
	{NoVendorKvK, "no vendor has KvK number %s: give the vendor's name to add it", []any{"12345678"}},
	{NoVendorNamed, "no vendor is named %q: give its KvK number to add it, or add the vendor first", []any{"KPN"}},
	{ProvinceMismatch, "%q does not match province code %s (%s)", []any{"Utrecht", "PV27", "Noord-Holland"}},
	{NotAProvince, "%q is not a Dutch province", []any{"Vlaanderen"}},
	{PopulationNeedsDate, "a population needs its reference date (column population_date or peildatum)", nil},
	{KindHasMembers, "%s has %d members; remove them before changing its kind", []any{"SW-DIMPACT", 12}},
	{PasswordTooShort, "must be at least %d characters", []any{12}},
	{EmailFormat, "must be a plain e-mail address in lower case, like naam@gemeente.nl", nil},
	{EmailTaken, "a user with this address exists", nil},
	{MemberNeedsOrganization, "a member acts for one organization: give its code", nil},
	{StaffHasNoOrganization, "admins and coordinators act for all organizations: leave it empty", nil},
	{TokenNameRequired, "is required: say what the token is for", nil},

	{WarnThresholdAssumed, "no threshold is known for a publication on %s; the latest known threshold was used", []any{Day("2031-01-01")}},
	{WarnProcedureRefused, "the chosen procedure %s is not allowed: %s; the determined procedure applies",
		[]any{"light", FieldErrors{{Field: "procedure", Code: LightRegimeChosen}}}},
	{WarnProcedureUndecided, "the chosen procedure %s is not allowed: %s; no procedure is determined yet",
		[]any{"single_source", FieldErrors{{Field: "procedure", Code: EuropeanOnlyIncomplete}, {Field: "justification", Code: JustificationRequired}}}},
	{WarnFrameworkTerm, "a framework agreement of %d months including options runs at most %d months without a recorded objective justification (Aw 2012 art. 2.140)", []any{60, 48}},
	{WarnLightDeadline, "the chosen tender deadline %s lies %d days after the publication, shorter than the planning assumption of %d days; the light regime sets no minimum period (Aw 2012 art. 2.38–2.39), but the period must be reasonable for the tenderers given the nature of the contract (principles of proportionality and transparency)",
		[]any{Day("2026-04-01"), 20, 40}},
	{WarnWithoutValue, "%d participants have volume without a value (%s): give an annual value or a unit price of the lot; without one that volume does not count in the estimate and their ratings of the requirements carry no weight",
		[]any{7, []string{"Gemeente A", "Gemeente B", "Gemeente C", "Gemeente D", "Gemeente E"}}},
	{WarnSplit, "category %s: %d tenders each below the threshold, together %d cents ≥ threshold %d cents; splitting to avoid the European procedure is forbidden (Aw 2012 art. 2.15–2.19; Directive 2014/24/EU art. 5(3))",
		[]any{"Telefonie", 2, Cents(24_000_000), Cents(22_100_000)}},
	{WarnStartAfterNeeded, "with publication on %s the contract starts %s at the earliest, after the needed start %s",
		[]any{Day("2026-03-02"), Day("2026-09-01"), Day("2026-07-01")}},
	{WarnPublicationPast, "for the needed start %s the notice had to be sent by %s (legal minimum periods); that date has passed",
		[]any{Day("2026-01-01"), Day("2025-10-01")}},
	{WarnNoPlanDates, "no publication date and no needed start: there is no timeline yet", nil},
	{WarnNoTimeline, "the timeline cannot be planned: %s", []any{FieldErrors{{Field: "neededStart", Code: DateOutOfRange,
		Args: []any{Day("1900-01-01"), Day("2199-12-31"), Day("2200-03-01")}}}}},
	{WarnDeadlineNotAfter, "the chosen tender deadline %s does not lie after the publication on %s; the light regime sets no minimum period (Aw 2012 art. 2.38–2.39), but tenders come after the notice",
		[]any{Day("2026-03-02"), Day("2026-03-02")}},
	{WarnDeadlineTooShort, "the chosen tender deadline %s is shorter than the minimum period: after publication on %s the earliest deadline is %s (%s)",
		[]any{Day("2026-12-01"), Day("2026-11-03"), Day("2026-12-14"), Base(BasisOpenElectronic, 45, 5)}},
	{WarnDeadlineRestricted, "the chosen tender deadline %s is shorter than the minimum period: after publication on %s the earliest deadline is %s (%s, after %d days for requests to participate and %d days of selection)",
		[]any{Day("2026-12-01"), Day("2026-11-03"), Day("2027-01-20"), Base(BasisRestrictedElectronic, 35), 30, 14}},

	{AlertNoticeMissed, "the notice deadline %s was missed: the contract renewed until %s", []any{Day("2025-10-31"), Day("2027-01-31")}},
	{AlertOverdueNotice, "start now: the action date %s has passed; notice must be given by %s", []any{Day("2026-08-31"), Day("2026-10-31")}},
	{AlertOverdueOption, "start now: the action date %s has passed; the extension option must be exercised by %s", []any{Day("2026-08-31"), Day("2026-10-31")}},
	{AlertNoticeAction, "start the decision on giving notice: notice must be given by %s", []any{Day("2026-10-31")}},
	{AlertNotice, "give notice by %s to end at %s, or it renews until %s", []any{Day("2026-11-30"), Day("2027-01-31"), Day("2028-01-31")}},
	{AlertNoticeIndefinite, "give notice by %s to end at %s, or it continues indefinitely, its earliest end then %s",
		[]any{Day("2026-11-30"), Day("2027-01-31"), Day("2027-03-01")}},
	{AlertOptionAction, "start the decision on the extension option: it must be exercised by %s", []any{Day("2026-10-31")}},
	{AlertOption, "exercise the extension option by %s to run until %s, or it ends at %s", []any{Day("2026-10-31"), Day("2028-01-31"), Day("2027-01-31")}},
	{AlertExpiry, "the contract ends on %s and cannot renew: arrange what follows", []any{Day("2027-01-31")}},
	{AlertBeginNow, "start now: the action date %s has passed", []any{Day("2026-08-31")}},

	{BasisPublication, "Aw 2012 art. 2.71–2.74a: the periods run from sending the notice", nil},
	{BasisPreparation, "latest start: %d days of preparation before publication (planning assumption)", []any{120}},
	{BasisPlanning, "planning assumption (no statutory period)", nil},
	{BasisOpen, "Aw 2012 art. 2.71: %d days", []any{45}},
	{BasisOpenElectronic, "Aw 2012 art. 2.71/2.74a: %d days, less %d for electronic submission", []any{45, 5}},
	{BasisOpenPIN, "PIANOo: %d days after a prior information notice (statutory floor %d days, Aw 2012 art. 2.71)", []any{29, 22}},
	{BasisOpenUrgent, "Aw 2012 art. 2.71–2.74a: at least %d days in urgency", []any{15}},
	{BasisDocumentsNotOnline, "%s, plus %d because the documents are not fully online (Aw 2012 art. 2.74a)", []any{Base(BasisOpenElectronic, 45, 5), 5}},
	{BasisRestrictedRequests, "Aw 2012 art. 2.71–2.74a: at least %d days for requests to participate", []any{30}},
	{BasisRestrictedRequestsUrgent, "Aw 2012 art. 2.74: at least %d days for requests to participate in urgency", []any{15}},
	{BasisRestrictedTenders, "Aw 2012 art. 2.71–2.74a: at least %d days after the invitation", []any{40}},
	{BasisRestrictedElectronic, "Aw 2012 art. 2.71–2.74a: at least %d days after the invitation (electronic submission)", []any{35}},
	{BasisRestrictedTendersUrgent, "Aw 2012 art. 2.74: at least %d days after the invitation in urgency", []any{10}},
	{BasisLightPeriod, "planning assumption: the light regime has no statutory minimum period (Aw 2012 art. 2.38–2.39); %d days, the open procedure's period with electronic submission, as a reasonable period", []any{40}},
	{BasisLightNoMinimum, "the light regime has no statutory minimum period (Aw 2012 art. 2.38–2.39); the period must still be reasonable", nil},
	{BasisRunOn, "%s; its last day %s is no working day (%s), so it runs on to %s (Algemene termijnenwet art. 1)",
		[]any{Base(BasisOpenElectronic, 45, 5), Day("2026-12-13"), "sunday", Day("2026-12-14")}},
	{BasisClarification, "PIANOo: last clarification notice at the latest %d days before the tender deadline", []any{10}},
	{BasisSelectionClarification, "PIANOo: last clarification notice of the selection phase at the latest %d days before the deadline", []any{6}},
	{BasisStandstill, "Aw 2012 art. 2.127: a standstill of %d calendar days, starting the day after the award decision is sent", []any{20}},
	{BasisNoStandstill, "Aw 2012 art. 2.127: no standstill for a call-off under a framework agreement", nil},
	{BasisSignature, "Aw 2012 art. 2.127: the first day after the standstill", nil},
	{BasisAwardNotice, "Aw 2012 art. 2.39: notice of the contract award; assumption: the notices are grouped per quarter and sent at the latest 30 days after the end of the quarter in which the contract was concluded (Directive 2014/24/EU art. 75(2)); the plan takes the 30th day", nil},
	{BasisChosenDeadline, "tender deadline chosen; earliest allowed %s (%s)", []any{Day("2026-12-14"), Base(BasisOpenElectronic, 45, 5)}},
	{BasisDecisionSent, "award decision sent", nil},
	{BasisNeededStart, "the participants' needed start", nil},
}

// warningKinds are the codes that are kinds of warnings (and alerts).
var warningKinds = map[Code]bool{
	AlertNoticeMissed: true, AlertOverdueNotice: true, AlertOverdueOption: true, AlertNoticeAction: true, AlertNotice: true,
	AlertNoticeIndefinite: true, AlertOptionAction: true, AlertOption: true, AlertExpiry: true, AlertBeginNow: true,
	WarnThresholdAssumed: true, WarnProcedureRefused: true, WarnProcedureUndecided: true, WarnFrameworkTerm: true,
	WarnLightDeadline: true, WarnWithoutValue: true, WarnSplit: true, WarnStartAfterNeeded: true, WarnPublicationPast: true,
	WarnNoPlanDates: true, WarnNoTimeline: true, WarnDeadlineNotAfter: true, WarnDeadlineTooShort: true, WarnDeadlineRestricted: true,
}

// basisKinds are the codes that are kinds of legal bases.
var basisKinds = map[Code]bool{
	BasisPublication: true, BasisPreparation: true, BasisPlanning: true, BasisOpen: true, BasisOpenElectronic: true,
	BasisOpenPIN: true, BasisOpenUrgent: true, BasisDocumentsNotOnline: true, BasisRestrictedRequests: true,
	BasisRestrictedRequestsUrgent: true, BasisRestrictedTenders: true, BasisRestrictedElectronic: true,
	BasisRestrictedTendersUrgent: true, BasisLightPeriod: true, BasisLightNoMinimum: true, BasisRunOn: true,
	BasisClarification: true, BasisSelectionClarification: true, BasisStandstill: true, BasisNoStandstill: true,
	BasisSignature: true, BasisAwardNotice: true, BasisChosenDeadline: true, BasisDecisionSent: true, BasisNeededStart: true,
}

// IsBasis reports whether c is a kind of legal basis (Basis.Kind).
func IsBasis(c Code) bool { return basisKinds[c] }

// IsWarning reports whether c is a kind of warning rather than a field
// problem.
func IsWarning(c Code) bool { return warningKinds[c] }

var english = func() map[Code]entry {
	m := make(map[Code]entry, len(catalogue))
	for _, e := range catalogue {
		if _, dup := m[e.code]; dup {
			panic("apperr: code " + string(e.code) + " listed twice")
		}
		m[e.code] = e
	}
	return m
}()

// Codes returns every code, in the catalogue's order.
func Codes() []Code {
	out := make([]Code, len(catalogue))
	for i, e := range catalogue {
		out[i] = e.code
	}
	return out
}

// Known reports whether c is in the catalogue.
func Known(c Code) bool {
	_, ok := english[c]
	return ok
}

// Example returns arguments of the kinds code takes, as its callers pass
// them.
func Example(c Code) []any { return english[c].example }

// English returns the English text of code with args. An unknown code is
// returned as it is, so a message is never empty.
func English(c Code, args ...any) string {
	e, ok := english[c]
	if !ok {
		return string(c)
	}
	if !strings.Contains(e.english, "%") {
		return e.english
	}
	in := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case FieldErrors: // the reasons of a warning
			msgs := make([]string, len(v))
			for j, f := range v {
				msgs[j] = f.Message()
			}
			in[i] = strings.Join(msgs, "; ")
		case []string:
			in[i] = strings.Join(v, ", ")
		case Basis: // the basis a problem or another basis quotes
			in[i] = v.Message()
		default:
			in[i] = a
		}
	}
	return fmt.Sprintf(e.english, in...)
}

// Or joins values as the English texts list alternatives: "a, b or c".
func Or(values ...string) string {
	switch len(values) {
	case 0:
		return ""
	case 1:
		return values[0]
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
