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

// OCDSContractBuyerExtension is the registered "Buyer per award or
// contract" extension (contract_buyer in the OCDS extension registry),
// which adds Contract.buyer: each call-off contract names the participant
// that concludes and pays it. Its only registered version is master, so
// the URL is the registry's; the field it adds has been an
// OrganizationReference since the extension began.
//
// Why the extension and not one contracting process per call-off: a
// call-off here is the participant's contract under the one framework
// the joint tender awarded, not a procedure of its own (no tender, no
// award of its own), and the extension states its buyer in the release
// where the award and the lots already are; separate processes would
// repeat the tender in every one and need relatedProcesses to join them
// up again.
const OCDSContractBuyerExtension = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_contract_buyer_extension/master/extension.json"

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
// and contract buyer extensions: one release, a snapshot of the tender as
// it stands. The same input gives the same bytes; the JSON keys come in
// the schema's order.
//
// The release's date is d.Released (else d.Generated): when its content
// was first recorded, which is what OCDS means by a release's date. Its id
// is the ocid and a hash of the content with that date (ocdsReleaseID), so
// an unchanged tender exported again is the same release, and any change
// is a new one. The package's publishedDate is d.Generated, the moment
// this package is made.
//
// Mapping, and why:
//   - parties and buyer: the lead authority (penvoerder) is the release's
//     buyer and the procuringEntity; every participant is a party with
//     role buyer (each pays for its own call-off), and after the award
//     each awarded vendor is a supplier. OCDS has one buyer field per
//     contracting process; its guidance on buyers (Buyers and suppliers)
//     models a process with several buyers as a lead buyer in that field
//     and the others with role buyer in parties. The lead is that lead
//     buyer: it runs the procedure and concludes the framework on the
//     participants' behalf, under their mandates. It keeps role buyer
//     also when it takes no volume itself, because release.buyer must
//     point at a party with that role.
//   - tender: one item per lot with its CPV code (8 digits, without the
//     check digit, as TED writes it), the estimated value with every
//     option (Aw 2012 art. 2.15), the procedure as procurementMethod (open,
//     selective, limited or direct) with the Dutch name and reasoning, and
//     the planned periods; each planned milestone as a tender milestone.
//   - awards: once awarded, one per lot with its vendor, pending during
//     the standstill and active once contracted.
//   - contracts: once contracted, one per call-off contract in the
//     register, which is one per participant and lot, with that
//     participant as its buyer (OCDSContractBuyerExtension).
//   - unknown values are left out, never written as 0: the tender's value
//     when the estimate lacks values (procurement.Estimate.Incomplete), a
//     lot's and its award's when the lot's does, a call-off's when the
//     participant's annual value in the lot is unknown
//     (procurement.TenderView.CallOffValue).
//   - license and publicationPolicy: the configured URLs, or left out.
//
// Amounts are decimals written from the cents (never through a float).
func OCDS(w io.Writer, d Dossier) error {
	pkg, err := d.ocdsPackage()
	if err != nil {
		return fmt.Errorf("exports: ocds tender %d: %w", d.Tender.ID, err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(pkg); err != nil {
		return fmt.Errorf("exports: ocds tender %d: %w", d.Tender.ID, err)
	}
	return nil
}

func (d Dossier) ocdsPackage() (ocdsPackage, error) {
	ocid := d.OCID()
	uri := "urn:samenkoop:" + ocid
	if d.Options.BaseURL != "" {
		uri = fmt.Sprintf("%s/api/v1/tenders/%d/ocds", d.Options.BaseURL, d.Tender.ID)
	}
	r := d.ocdsRelease()
	id, err := ocdsReleaseID(r, d.releaseDate())
	if err != nil {
		return ocdsPackage{}, err
	}
	r.ID = id
	return ocdsPackage{
		URI:               uri,
		Version:           OCDSVersion,
		Extensions:        []string{OCDSLotsExtension, OCDSContractBuyerExtension},
		PublishedDate:     d.Generated.UTC().Format(time.RFC3339),
		Publisher:         ocdsPublisher{Name: d.Options.Publisher, URI: d.Options.BaseURL},
		License:           d.Options.License,
		PublicationPolicy: d.Options.PublicationPolicy,
		Releases:          []ocdsRelease{r},
	}, nil
}

// ocdsRelease is the tender's release, dated, without its id.
func (d Dossier) ocdsRelease() ocdsRelease {
	parties := d.ocdsParties()
	r := ocdsRelease{
		OCID:           d.OCID(),
		Date:           d.releaseDate().UTC().Format(time.RFC3339),
		Tag:            []string{ocdsTag(d.Tender.Status)},
		InitiationType: "tender",
		Language:       "nl",
		Parties:        parties,
		Tender:         d.ocdsTender(),
		Awards:         d.ocdsAwards(),
		Contracts:      d.ocdsContracts(parties),
	}
	// A call-off whose organization no longer takes part still names its
	// buyer, which must be a party with role buyer.
	known := make(map[string]bool, len(parties))
	for _, p := range parties {
		known[p.ID] = true
	}
	for _, c := range r.Contracts {
		if !known[c.Buyer.ID] {
			known[c.Buyer.ID] = true
			r.Parties = append(r.Parties, ocdsParty{Name: c.Buyer.Name, ID: c.Buyer.ID, Roles: []string{"buyer"}})
		}
	}
	if lead := d.Tender.Lead; lead != "" {
		r.Buyer = &ocdsOrgRef{ID: lead, Name: d.leadName()}
	}
	return r
}

// leadName is the lead authority's name as loaded.
func (d Dossier) leadName() string {
	if d.Lead.Name != "" {
		return d.Lead.Name
	}
	return d.Tender.LeadName
}

// awarded reports whether the tender has sent its award decision.
func (d Dossier) awarded() bool {
	switch d.Tender.Status {
	case procurement.TenderAwarded, procurement.TenderContracted, procurement.TenderClosed:
		return true
	}
	return false
}

func ocdsAmount(m contracts.Money) *ocdsValue {
	c := int64(m)
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return &ocdsValue{Amount: json.Number(fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)), Currency: "EUR"}
}

// ocdsEstimate is a lot's estimated value, nil when unknown.
func ocdsEstimate(e procurement.LotEstimate) *ocdsValue {
	if e.Incomplete {
		return nil
	}
	return ocdsAmount(e.Value)
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
	if lead != "" {
		out = append(out, party(lead, d.leadName(), d.Lead.Province, "buyer", "procuringEntity"))
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
	ot := ocdsTender{
		ID:                         strconv.FormatInt(t.ID, 10),
		Title:                      t.Title,
		Description:                t.Description,
		Status:                     ocdsTenderStatus(t.Status),
		ProcuringEntity:            ocdsOrgRef{ID: t.Lead, Name: d.leadName()},
		ProcurementMethod:          ocdsMethod(d.Plan.Procedure),
		ProcurementMethodDetails:   procedureText(d.Plan),
		ProcurementMethodRationale: strings.Join(nl.DeterminationReasons(d.Plan.Determination), "; "),
		MainProcurementCategory:    ocdsCategory(t.Kind),
		ContractPeriod:             d.contractPeriod(),
		Lots:                       []ocdsLot{},
	}
	if !d.Plan.Estimate.Incomplete {
		ot.Value = ocdsAmount(d.Plan.Estimate.Total)
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
		ot.Lots = append(ot.Lots, ocdsLot{ID: lotID(l.Lot), Title: l.Title, Status: status, Value: ocdsEstimate(l.Estimate), ContractPeriod: period})
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
			Value:          ocdsEstimate(l.Estimate),
			Suppliers:      []ocdsOrgRef{{ID: vendorPartyID(l.VendorID), Name: l.VendorName}},
			ContractPeriod: d.contractPeriod(),
			RelatedLots:    []string{lotID(l.Lot)},
		})
	}
	return out
}

// ocdsContracts returns one contract per call-off in the register, valued
// at the participant's annual value in the lot over the initial term
// (procurement.TenderView.CallOffValue), with the participant as its buyer
// under the name parties gives it.
func (d Dossier) ocdsContracts(parties []ocdsParty) []ocdsContract {
	if d.Tender.Status != procurement.TenderContracted && d.Tender.Status != procurement.TenderClosed {
		return nil
	}
	lots := make(map[int64]procurement.Lot, len(d.Lots))
	for _, l := range d.Lots {
		lots[l.ID] = l
	}
	names := make(map[string]string, len(parties))
	for _, p := range parties {
		names[p.ID] = p.Name
	}
	var out []ocdsContract
	for _, c := range d.CallOffs {
		l, ok := lots[c.LotID]
		if !ok {
			continue
		}
		name := names[c.Organization]
		if name == "" {
			name = c.Organization
		}
		oc := ocdsContract{
			ID:      "contract-" + strconv.FormatInt(c.ContractID, 10),
			AwardID: awardID(l),
			Title:   fmt.Sprintf("Nadere overeenkomst %s, perceel %d: %s", name, l.Number, l.Title),
			Description: fmt.Sprintf("Afnemer %s (%s); contractnummer %s in het contractregister; leverancier %s",
				name, c.Organization, c.ContractNumber, l.VendorName),
			Status: "active",
			Period: d.contractPeriod(),
			Buyer:  &ocdsOrgRef{ID: c.Organization, Name: name},
		}
		if v, ok := d.CallOffValue(c); ok {
			oc.Value = ocdsAmount(v)
		}
		out = append(out, oc)
	}
	return out
}
