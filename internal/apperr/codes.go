package apperr

// Code names one kind of problem with an input field, or one kind of
// warning, in a stable spelling the API sends to clients ("required",
// "too_long"). The domain reports codes with arguments, never sentences:
// the English text in the catalogue (catalogue.go) is what the API sends
// beside the code, and internal/nl holds the Dutch one for the forms, the
// dossier and the other documents. A code keeps its meaning and its
// arguments once released; a new meaning gets a new code.
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
	BadCursor               Code = "bad_cursor"
	PageTooDeep             Code = "page_too_deep"   // the most rows before a page
	TooManyValues           Code = "too_many_values" // the maximum
	PostcodeFormat          Code = "postcode_format"
	NUTSFormat              Code = "nuts_format"
	OINFormat               Code = "oin_format"
	PhoneFormat             Code = "phone_format"
	URLFormat               Code = "url_format"
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
	// The refusals of a lifecycle step (Refused): what blocks it.
	PublishDeadlineTooEarly Code = "publish_deadline_too_early" // the deadline, today, the earliest deadline (Day)
	// The mandates: the decision's link and the bulk and imported mandates.
	HTTPSURL        Code = "https_url" // the value
	NoParticipants  Code = "no_participants"
	MandateRowOrg   Code = "mandate_row_org"   // the cell: no participant by that code or name
	MandateRowTwice Code = "mandate_row_twice" // the participant's code, the row that has it first
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

// The codes of what a European notice (eForms) still misses for
// publication.
const (
	NoticeEstimate       Code = "notice_estimate"
	NoticeNoMandates     Code = "notice_no_mandates"
	NoticeBuyerAddress   Code = "notice_buyer_address"    // the organization's name
	NoticeBuyerCity      Code = "notice_buyer_city"       // the organization's name
	NoticeBuyerNUTS      Code = "notice_buyer_nuts"       // the organization's name
	NoticeBuyerID        Code = "notice_buyer_id"         // the organization's name
	NoticeBuyerLegalType Code = "notice_buyer_legal_type" // the organization's name
	NoticeBuyerActivity  Code = "notice_buyer_activity"   // the organization's name
	NoticeContactEmail   Code = "notice_contact_email"    // the organization's name
	NoticeDescription    Code = "notice_description"
	NoticeCPV            Code = "notice_cpv"
	NoticeNoLots         Code = "notice_no_lots"
	NoticeLotCPV         Code = "notice_lot_cpv" // the lot's number and title
	NoticeDocumentsURL   Code = "notice_documents_url"
	NoticeDeadline       Code = "notice_deadline"
	NoticeNotAwarded     Code = "notice_not_awarded"
	NoticeReviewID       Code = "notice_review_id"   // the review body's name
	NoticeLotVendor      Code = "notice_lot_vendor"  // the lot's number and title
	NoticeVendorCity     Code = "notice_vendor_city" // the vendor's name
	NoticeBuyerNUTS3     Code = "notice_buyer_nuts3" // the organization's name, its NUTS code
)

// The codes of a file that cannot be read as a table at all
// (internal/sheet): the whole file is refused, not a row or a field.
const (
	SheetUnsupported  Code = "sheet_unsupported"
	SheetEmpty        Code = "sheet_empty"
	SheetTooLarge     Code = "sheet_too_large" // the limit in MiB
	SheetXLS          Code = "sheet_xls"
	SheetUTF16        Code = "sheet_utf16"
	SheetCSVLine      Code = "sheet_csv_line"     // the line, the parser's reason (English)
	SheetBOMNotUTF8   Code = "sheet_bom_not_utf8" // the byte ("0x81"), the line
	SheetEncoding     Code = "sheet_encoding"     // the byte ("0x81"), the line
	SheetTooManyCells Code = "sheet_too_many_cells"
	SheetCellTooLong  Code = "sheet_cell_too_long" // the row, the most bytes
	SheetTooManyRows  Code = "sheet_too_many_rows" // the most rows
	SheetNotXLSX      Code = "sheet_not_xlsx"
	SheetXLSXRow      Code = "sheet_xlsx_row"       // the row
	SheetTooManyParts Code = "sheet_too_many_parts" // the most parts
	SheetUnpacked     Code = "sheet_unpacked"       // the most it may unpack to ("256 MiB")
	SheetPartRatio    Code = "sheet_part_ratio"     // the part, its ratio, the most accepted
	SheetPartTooLarge Code = "sheet_part_too_large" // the part, the most it may unpack to ("16 MiB")
)

// The codes of a table that is read but cannot be imported at all.
const (
	TableNoHeader       Code = "table_no_header"
	TableNoRows         Code = "table_no_rows"
	TableMissingColumns Code = "table_missing_columns" // the columns with the names they may go by (English), the columns' names
)
