package apperr

import (
	"fmt"
	"strings"
)

// The catalogue of the codes: the English text of each, and what kind of
// code it is.

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
	{BadCursor, "is not a position in this list (it belongs to another sort order or was changed); start again from the first page", nil},
	{PageTooDeep, "lies more than %d rows from the first; follow the next link (cursor) instead", []any{10000}},
	{TooManyValues, "takes at most %d values", []any{50}},
	{CategoryOrContract, "unknown category or replaced contract", nil},

	{CPVFormat, "must look like 64210000-1", nil},
	{CPVListEmpty, "at least one CPV code is required", nil},
	{KvKFormat, "must be 8 digits (KvK number)", nil},
	{NoticeEstimate, "the estimated value is incomplete, so the procedure is not determined", nil},
	{NoticeNoMandates, "no participant has signed its mandate: a notice names the buyers with a signed mandate", nil},
	{NoticeBuyerAddress, "the street and postcode of %s are missing", []any{"Gemeente Zwolle"}},
	{NoticeBuyerCity, "the city of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeBuyerNUTS, "the NUTS code of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeBuyerID, "the OIN or KvK number of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeBuyerLegalType, "the buyer legal type of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeBuyerActivity, "the main activity of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeContactEmail, "the contact e-mail address of %s is missing", []any{"Gemeente Zwolle"}},
	{NoticeDescription, "the tender's description is missing", nil},
	{NoticeCPV, "the tender's main CPV code is missing", nil},
	{NoticeNoLots, "the tender has no lots", nil},
	{NoticeLotCPV, "the CPV code of lot %d (%s) is missing", []any{1, "Vaste telefonie"}},
	{NoticeDocumentsURL, "the internet address of the procurement documents is missing", nil},
	{NoticeDeadline, "the tender deadline is not planned", nil},
	{NoticeNotAwarded, "the award decision has not been sent", nil},
	{NoticeReviewID, "the OIN or KvK number of the review body %s is missing", []any{"Rechtbank Den Haag"}},
	{NoticeLotVendor, "lot %d (%s) has no awarded vendor", []any{1, "Vaste telefonie"}},
	{NoticeVendorCity, "the city of the winning vendor %s is missing", []any{"Polderlink Telecom B.V."}},
	{NoticeBuyerNUTS3, "the NUTS 3 code of %s is missing (%s is a NUTS 2 region)", []any{"Gemeente Zwolle", "NL21"}},
	{PostcodeFormat, "must be a Dutch postcode like 1011 AB", nil},
	{NUTSFormat, "must be a Dutch NUTS code like NL32B (NUTS 3)", nil},
	{OINFormat, "must be 20 digits (OIN)", nil},
	{PhoneFormat, "must be a telephone number like +31 20 123 4567", nil},
	{URLFormat, "must be an internet address starting with https://", nil},
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
	{PublishDeadlineTooEarly, "published today (%[2]s), the tender deadline %[1]s is shorter than the minimum period: choose %[3]s or later first",
		[]any{Day("2026-12-10"), Day("2026-12-07"), Day("2027-01-21")}},
	{HTTPSURL, "must be an absolute https URL, like https://raad.example.nl/besluit/123, got %q", []any{"raad.example.nl"}},
	{NoParticipants, "choose at least one participant", nil},
	{MandateRowOrg, "%q is no participant of this tender (by code or name)", []any{"Gemeente Nergenshuizen"}},
	{MandateRowTwice, "%s also appears in row %d", []any{"GM0363", 2}},
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

	{TableNoHeader, "the file has no header row", nil},
	{TableNoRows, "the file has no data rows", nil},
	{TableMissingColumns, "missing required column %[1]s", []any{"organisatie (or: organization, organisation)", []string{"organisatie"}}},
	{SheetUnsupported, "unsupported file type: want CSV (UTF-8 or Windows-1252, comma or semicolon separated) or XLSX", nil},
	{SheetEmpty, "the file is empty", nil},
	{SheetTooLarge, "the file is larger than %d MiB", []any{64}},
	{SheetXLS, "unsupported file type: an Excel 97-2003 workbook (.xls); save it as Excel workbook (.xlsx) or as CSV", nil},
	{SheetUTF16, "unsupported file type: UTF-16 text (Excel's \"Unicode text\"); save it as CSV UTF-8 or as Excel workbook (.xlsx)", nil},
	{SheetCSVLine, "CSV line %d: %s", []any{3, "bare \" in non-quoted field"}},
	{SheetBOMNotUTF8, "the file starts as UTF-8 (byte order mark) but byte %s on line %d is not UTF-8; save it again as CSV UTF-8", []any{"0x81", 2}},
	{SheetEncoding, "unsupported file type: byte %s on line %d is neither UTF-8 nor Windows-1252; save the file as CSV UTF-8 or as Excel workbook (.xlsx)", []any{"0x81", 2}},
	{SheetTooManyCells, "the sheet has more than %d cells", []any{5_000_000}},
	{SheetCellTooLong, "row %d has a cell longer than %d bytes", []any{7, 32767}},
	{SheetTooManyRows, "the sheet has more than %d rows", []any{250_000}},
	{SheetNotXLSX, "not a readable XLSX workbook", nil},
	{SheetXLSXRow, "XLSX row %d cannot be read", []any{12}},
	{SheetTooManyParts, "the workbook has more than %d parts", []any{10_000}},
	{SheetUnpacked, "the workbook unpacks to more than %s", []any{"256 MiB"}},
	{SheetPartRatio, "the workbook part %s unpacks to %d times its packed size, more than the %d accepted", []any{"xl/worksheets/sheet1.xml", 400, 100}},
	{SheetPartTooLarge, "the workbook part %s unpacks to more than %s", []any{"xl/styles.xml", "16 MiB"}},

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
