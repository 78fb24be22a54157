package exports

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// OCDSVersion is the OCDS version of the release package: 1.1 (schema
// 1.1.5; the package states major.minor only).
const OCDSVersion = "1.1"

// OCDSLotsExtension is the lots extension the package declares, at the
// release whose schema it follows (v1.1.5).
const OCDSLotsExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"

// OCID returns the tender's open contracting id: the prefix, a dash and
// the tender id.
func (d Dossier) OCID() string {
	prefix := d.Options.OCIDPrefix
	if prefix == "" {
		prefix = DefaultOCIDPrefix
	}
	return prefix + "-" + strconv.FormatInt(d.Tender.ID, 10)
}

// OCDS writes the tender as an OCDS 1.1.5 release package with the lots
// extension: one release, a snapshot of the tender as it stands, dated
// and identified by d.Generated so that the same input gives the same
// bytes. The JSON keys come in the schema's order.
//
// Mapping, and why:
//   - parties: every participant is a buyer (each pays for its own
//     call-off), the lead authority is the procuringEntity, and after the
//     award each awarded vendor is a supplier. The release-level buyer
//     field holds one organization, which a joint tender does not have,
//     so it is left out and the parties' roles say who buys.
//   - tender: one item per lot with its CPV code (8 digits, without the
//     check digit, as TED writes it), the estimated value with every
//     option (Aw 2012 art. 2.15), the procedure as procurementMethod (open,
//     selective, limited or direct) with the Dutch name and reasoning, and
//     the planned periods; each planned milestone as a tender milestone.
//   - awards: once awarded, one per lot with its vendor, pending during
//     the standstill and active once contracted.
//   - contracts: once contracted, one per call-off contract in the
//     register, which is one per participant and lot.
//
// Amounts are decimals written from the cents (never through a float).
func OCDS(w io.Writer, d Dossier) error {
	pkg := d.ocdsPackage()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(pkg); err != nil {
		return fmt.Errorf("exports: ocds tender %d: %w", d.Tender.ID, err)
	}
	return nil
}

type ocdsPackage struct {
	URI           string        `json:"uri"`
	Version       string        `json:"version"`
	Extensions    []string      `json:"extensions"`
	PublishedDate string        `json:"publishedDate"`
	Publisher     ocdsPublisher `json:"publisher"`
	Releases      []ocdsRelease `json:"releases"`
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
	Value                      ocdsValue       `json:"value"`
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
// the cents, so 123456 cents is 1234.56 exactly.
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
	Value          ocdsValue   `json:"value"`
	ContractPeriod *ocdsPeriod `json:"contractPeriod,omitempty"`
}

type ocdsAward struct {
	ID             string       `json:"id"`
	Title          string       `json:"title"`
	Status         string       `json:"status"`
	Date           string       `json:"date,omitempty"`
	Value          ocdsValue    `json:"value"`
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
	Value       ocdsValue   `json:"value"`
}

func (d Dossier) ocdsPackage() ocdsPackage {
	ocid := d.OCID()
	uri := "urn:samenkoop:" + ocid
	if d.Options.BaseURL != "" {
		uri = fmt.Sprintf("%s/api/v1/tenders/%d/ocds", d.Options.BaseURL, d.Tender.ID)
	}
	published := d.Generated.UTC().Format(time.RFC3339)
	return ocdsPackage{
		URI:           uri,
		Version:       OCDSVersion,
		Extensions:    []string{OCDSLotsExtension},
		PublishedDate: published,
		Publisher:     ocdsPublisher{Name: d.Options.Publisher, URI: d.Options.BaseURL},
		Releases: []ocdsRelease{{
			OCID:           ocid,
			ID:             ocid + "-" + d.Generated.UTC().Format("20060102T150405Z"),
			Date:           published,
			Tag:            []string{ocdsTag(d.Tender.Status)},
			InitiationType: "tender",
			Language:       "nl",
			Parties:        d.ocdsParties(),
			Tender:         d.ocdsTender(),
			Awards:         d.ocdsAwards(),
			Contracts:      d.ocdsContracts(),
		}},
	}
}

// awarded reports whether the tender has sent its award decision.
func (d Dossier) awarded() bool {
	switch d.Tender.Status {
	case procurement.TenderAwarded, procurement.TenderContracted, procurement.TenderClosed:
		return true
	}
	return false
}

// ocdsTag is the release tag for the stage the tender reached
// (releaseTag codelist).
func ocdsTag(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderPublished, procurement.TenderEvaluating:
		return "tender"
	case procurement.TenderAwarded:
		return "award"
	case procurement.TenderContracted, procurement.TenderClosed:
		return "contract"
	case procurement.TenderCancelled:
		return "tenderCancellation"
	}
	return "planning"
}

// ocdsTenderStatus maps the lifecycle to the tenderStatus codelist:
// before publication the tender is in planning, while tenders come in it
// is active, and from the award decision on the tender process is
// complete.
func ocdsTenderStatus(s procurement.TenderStatus) string {
	switch s {
	case procurement.TenderPublished, procurement.TenderEvaluating:
		return "active"
	case procurement.TenderAwarded, procurement.TenderContracted, procurement.TenderClosed:
		return "complete"
	case procurement.TenderCancelled:
		return "cancelled"
	}
	return "planning"
}

// ocdsMethod maps a procedure to the method codelist: the open
// procedures are open; the restricted procedure, the competitive
// procedure with negotiation and the competitive dialogue invite only
// selected candidates (selective); a multiple-private procedure invites
// suppliers of the buyer's choice (limited); a single-source procedure
// asks one supplier (direct). The light regime's procedure is designed by
// the authority (Aw 2012 art. 2.38–2.39), so no code fits it, and without
// a determination there is none: both are left out, and
// procurementMethodDetails and procurementMethodRationale say why.
func ocdsMethod(p procurement.Procedure) string {
	switch p {
	case procurement.ProcedureOpen:
		return "open"
	case procurement.ProcedureRestricted, procurement.ProcedureCompetitiveNegotiation, procurement.ProcedureCompetitiveDialogue:
		return "selective"
	case procurement.ProcedureMultiplePrivate:
		return "limited"
	case procurement.ProcedureSingleSource:
		return "direct"
	}
	return ""
}

// ocdsCategory maps a contract kind to the procurementCategory codelist.
func ocdsCategory(k procurement.ContractKind) string {
	switch k {
	case procurement.KindSupplies:
		return "goods"
	case procurement.KindServices, procurement.KindSocial:
		return "services"
	case procurement.KindWorks:
		return "works"
	}
	return ""
}

// ocdsMilestoneType maps a milestone to the milestoneType codelist.
func ocdsMilestoneType(key string) string {
	switch key {
	case procurement.MilestonePreparationStart:
		return "preProcurement"
	case procurement.MilestoneAwardDecision:
		return "assessment"
	case procurement.MilestoneStandstillEnd, procurement.MilestoneContractSignature:
		return "approval"
	case procurement.MilestoneStart:
		return "delivery"
	}
	return "engagement"
}

func ocdsAmount(m contracts.Money) ocdsValue {
	c := int64(m)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return ocdsValue{Amount: json.Number(fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)), Currency: "EUR"}
}

// ocdsStart is the first moment of a calendar date in Europe/Amsterdam;
// ocdsEnd its last second, for inclusive end dates.
func ocdsStart(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, contracts.Amsterdam).Format(time.RFC3339)
}

func ocdsEnd(d contracts.Date) string {
	if d.IsZero() {
		return ""
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 23, 59, 59, 0, contracts.Amsterdam).Format(time.RFC3339)
}

func lotID(l procurement.Lot) string { return "lot-" + strconv.FormatInt(l.ID, 10) }

func vendorPartyID(id int64) string { return "vendor-" + strconv.FormatInt(id, 10) }

func (d Dossier) ocdsParties() []ocdsParty {
	lead := d.Tender.Lead
	party := func(code, name, province string, roles ...string) ocdsParty {
		p := ocdsParty{Name: name, ID: code, Address: &ocdsAddress{CountryName: "Nederland"}, Roles: roles}
		if province != "" {
			p.Address.Region = provinceName(province)
		}
		return p
	}
	var out []ocdsParty
	leadIsParticipant := false
	for _, p := range d.Participants {
		if p.Organization == lead {
			leadIsParticipant = true
		}
	}
	leadName := d.Lead.Name
	if leadName == "" {
		leadName = d.Tender.LeadName
	}
	if leadIsParticipant {
		out = append(out, party(lead, leadName, d.Lead.Province, "buyer", "procuringEntity"))
	} else if lead != "" {
		out = append(out, party(lead, leadName, d.Lead.Province, "procuringEntity"))
	}
	for _, p := range d.Participants {
		if p.Organization != lead {
			out = append(out, party(p.Organization, p.Name, p.Province, "buyer"))
		}
	}
	if !d.awarded() {
		return out
	}
	var vendors []ocdsParty
	seen := map[int64]bool{}
	for _, l := range d.Lots {
		if l.VendorID == 0 || seen[l.VendorID] {
			continue
		}
		seen[l.VendorID] = true
		vendors = append(vendors, ocdsParty{Name: l.VendorName, ID: vendorPartyID(l.VendorID), Roles: []string{"supplier"}})
	}
	slices.SortFunc(vendors, func(a, b ocdsParty) int { return strings.Compare(a.ID, b.ID) })
	return append(out, vendors...)
}

// contractPeriod is the planned contract period: from the planned start
// over the initial term (ending by the month rule, contracts.TermEnd), extendable with every option, or without a
// maximum extent for an indefinite term.
func (d Dossier) contractPeriod() *ocdsPeriod {
	start := d.Plan.Start()
	if start.IsZero() {
		return nil
	}
	period := &ocdsPeriod{
		StartDate:     ocdsStart(start),
		EndDate:       ocdsEnd(contracts.TermEnd(start, d.Tender.TermMonths)),
		MaxExtentDate: ocdsEnd(contracts.TermEnd(start, d.Tender.TotalMonths())),
	}
	if d.Tender.TermIndefinite {
		// After the initial term the contract runs on indefinitely: it
		// has no maximum extent.
		period.MaxExtentDate = ""
	}
	return period
}

func (d Dossier) ocdsTender() ocdsTender {
	t := d.Tender
	leadName := d.Lead.Name
	if leadName == "" {
		leadName = t.LeadName
	}
	ot := ocdsTender{
		ID:                         strconv.FormatInt(t.ID, 10),
		Title:                      t.Title,
		Description:                t.Description,
		Status:                     ocdsTenderStatus(t.Status),
		ProcuringEntity:            ocdsOrgRef{ID: t.Lead, Name: leadName},
		Value:                      ocdsAmount(d.Plan.Estimate.Total),
		ProcurementMethod:          ocdsMethod(d.Plan.Procedure),
		ProcurementMethodDetails:   procedureText(d.Plan),
		ProcurementMethodRationale: strings.Join(nl.DeterminationReasons(d.Plan.Determination), "; "),
		MainProcurementCategory:    ocdsCategory(t.Kind),
		ContractPeriod:             d.contractPeriod(),
		Lots:                       []ocdsLot{},
	}
	if t.Electronic {
		ot.SubmissionMethod = []string{"electronicSubmission"}
	}
	if pub, ok := d.Plan.Milestone(procurement.MilestonePublication); ok {
		if deadline, ok := d.Plan.Milestone(procurement.MilestoneTenderDeadline); ok {
			ot.TenderPeriod = &ocdsPeriod{StartDate: ocdsStart(pub.Date), EndDate: ocdsEnd(deadline.Date)}
			// The award period runs from the day after the deadline to the
			// award decision: the one sent, else the planned one.
			award := t.AwardDecision
			if m, ok := d.Plan.Milestone(procurement.MilestoneAwardDecision); ok && award.IsZero() {
				award = m.Date
			}
			if !award.IsZero() {
				ot.AwardPeriod = &ocdsPeriod{StartDate: ocdsStart(deadline.Date.AddDays(1)), EndDate: ocdsEnd(award)}
			}
		}
	}
	for _, m := range d.Plan.Timeline {
		ot.Milestones = append(ot.Milestones, ocdsMilestone{
			ID: m.Key, Title: nl.Capitalize(nl.Milestone(m.Key)), Type: ocdsMilestoneType(m.Key), Description: nl.Basis(m.Basis), DueDate: ocdsEnd(m.Date),
		})
	}
	period := d.contractPeriod()
	status := ocdsTenderStatus(t.Status)
	for _, l := range d.LotSummaries() {
		item := ocdsItem{ID: "item-" + strconv.FormatInt(l.ID, 10), Description: l.Title, RelatedLot: lotID(l.Lot)}
		if cpv := cpvCode(l.CPV, t.CPV); cpv != "" {
			item.Classification = &ocdsClassification{Scheme: "CPV", ID: cpv}
		}
		if l.Quantity > 0 {
			q := l.Quantity
			item.Quantity = &q
			if l.Unit != "" {
				item.Unit = &ocdsUnit{Name: l.Unit}
			}
		}
		ot.Items = append(ot.Items, item)
		ot.Lots = append(ot.Lots, ocdsLot{ID: lotID(l.Lot), Title: l.Title, Status: status, Value: ocdsAmount(l.Estimate.Value), ContractPeriod: period})
	}
	return ot
}

// cpvCode returns the lot's CPV code, else the tender's, as the 8-digit
// code without its check digit.
func cpvCode(lot, tender string) string {
	code, _, _ := strings.Cut(cpvOf(lot, tender), "-")
	return code
}

func awardID(l procurement.Lot) string { return "award-" + lotID(l) }

func (d Dossier) ocdsAwards() []ocdsAward {
	if !d.awarded() {
		return nil
	}
	status := "pending" // the standstill runs (Aw 2012 art. 2.127)
	if d.Tender.Status != procurement.TenderAwarded {
		status = "active"
	}
	var out []ocdsAward
	for _, l := range d.LotSummaries() {
		if l.VendorID == 0 {
			continue
		}
		out = append(out, ocdsAward{
			ID:             awardID(l.Lot),
			Title:          fmt.Sprintf("Gunning perceel %d: %s", l.Number, l.Title),
			Status:         status,
			Date:           ocdsStart(d.Tender.AwardDecision),
			Value:          ocdsAmount(l.Estimate.Value),
			Suppliers:      []ocdsOrgRef{{ID: vendorPartyID(l.VendorID), Name: l.VendorName}},
			ContractPeriod: d.contractPeriod(),
			RelatedLots:    []string{lotID(l.Lot)},
		})
	}
	return out
}

// ocdsContracts returns one contract per call-off in the register, valued
// at the participant's annual value in the lot over the initial term.
func (d Dossier) ocdsContracts() []ocdsContract {
	if d.Tender.Status != procurement.TenderContracted && d.Tender.Status != procurement.TenderClosed {
		return nil
	}
	lots := make(map[int64]procurement.Lot, len(d.Lots))
	for _, l := range d.Lots {
		lots[l.ID] = l
	}
	participants := make(map[string]procurement.Participant, len(d.Participants))
	for _, p := range d.Participants {
		participants[p.Organization] = p
	}
	var out []ocdsContract
	for _, c := range d.CallOffs {
		l, ok := lots[c.LotID]
		if !ok {
			continue
		}
		p := participants[c.Organization]
		v, _ := p.Volume(l.ID)
		name := p.Name
		if name == "" {
			name = c.Organization
		}
		value := (v.Annual*contracts.Money(d.Tender.TermMonths) + 6) / 12
		out = append(out, ocdsContract{
			ID:      "contract-" + strconv.FormatInt(c.ContractID, 10),
			AwardID: awardID(l),
			Title:   fmt.Sprintf("Nadere overeenkomst %s, perceel %d: %s", name, l.Number, l.Title),
			Description: fmt.Sprintf("Afnemer %s (%s); contractnummer %s in het contractregister; leverancier %s",
				name, c.Organization, c.ContractNumber, l.VendorName),
			Status: "active",
			Period: d.contractPeriod(),
			Value:  ocdsAmount(value),
		})
	}
	return out
}
