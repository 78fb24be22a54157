package exports

import (
	"fmt"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// The parts of an eForms notice: the organizations, the procurement
// project of the procedure and of each lot, and the award notice's
// results.

// organizations writes every organization the notice names: the buyers
// (the lead with the group lead indicator), the review body and, in an
// award notice, the awarded vendors.
func (c *eformsCtx) organizations() *xnode {
	orgs := el("efac:Organizations")
	for i, o := range c.n.Buyers {
		d := o.Effective()
		org := el("efac:Organization")
		if c.n.LeadBuyer(o.Code) && len(c.n.Buyers) > 1 {
			org.add(txt("efbc:GroupLeadIndicator", "true"))
		}
		id := d.OIN
		if id == "" {
			id = d.KvK
		}
		org.add(el("efac:Company",
			optTxt("cbc:WebsiteURI", d.URL),
			partyRef("cac:PartyIdentification", c.buyers[i]),
			el("cac:PartyName", txt("cbc:Name", o.Name, "languageID", noticeLanguage)),
			address(d.Street, d.City, d.Postcode, d.NUTS, countryNL),
			el("cac:PartyLegalEntity", txt("cbc:CompanyID", id)),
			contact(d.Phone, d.Email)))
		orgs.add(org)
	}
	r := c.n.Review
	orgs.add(el("efac:Organization", el("efac:Company",
		partyRef("cac:PartyIdentification", c.review),
		el("cac:PartyName", txt("cbc:Name", r.Name, "languageID", noticeLanguage)),
		address(r.Street, r.City, r.Postcode, r.NUTS, countryNL),
		el("cac:PartyLegalEntity", optTxt("cbc:CompanyID", r.ID)))))
	if c.can() {
		seen := map[int64]bool{}
		for _, l := range c.n.Lots {
			v, ok := c.n.Vendors[l.VendorID]
			if !ok || seen[v.ID] {
				continue
			}
			seen[v.ID] = true
			id := c.vendor[v.ID]
			orgs.add(el("efac:Organization", el("efac:Company",
				partyRef("cac:PartyIdentification", id),
				el("cac:PartyName", txt("cbc:Name", v.Name, "languageID", noticeLanguage)),
				address(v.Street, v.City, v.Postcode, "", country3(v.Country)),
				el("cac:PartyLegalEntity", optTxt("cbc:CompanyID", v.KVK)))))
		}
	}
	return orgs
}

// address is a postal address; empty parts are left out.
func address(street, city, postcode, nuts, country string) *xnode {
	return el("cac:PostalAddress",
		optTxt("cbc:StreetName", street),
		optTxt("cbc:CityName", city),
		optTxt("cbc:PostalZone", postcode),
		optTxt("cbc:CountrySubentityCode", nuts, "listName", "nuts"),
		el("cac:Country", txt("cbc:IdentificationCode", country, "listName", "country")))
}

// contact is a contact point, nil without telephone and e-mail.
func contact(phone, email string) *xnode {
	if phone == "" && email == "" {
		return nil
	}
	return el("cac:Contact", optTxt("cbc:Telephone", phone), optTxt("cbc:ElectronicMail", email))
}

// countries3 maps the ISO 3166-1 alpha-2 codes of the vendors' countries
// to the alpha-3 codes of the eForms list country; the EEA, Switzerland,
// the United Kingdom and the United States.
var countries3 = map[string]string{
	"AT": "AUT", "BE": "BEL", "BG": "BGR", "CH": "CHE", "CY": "CYP", "CZ": "CZE", "DE": "DEU", "DK": "DNK",
	"EE": "EST", "ES": "ESP", "FI": "FIN", "FR": "FRA", "GB": "GBR", "GR": "GRC", "HR": "HRV", "HU": "HUN",
	"IE": "IRL", "IS": "ISL", "IT": "ITA", "LI": "LIE", "LT": "LTU", "LU": "LUX", "LV": "LVA", "MT": "MLT",
	"NL": "NLD", "NO": "NOR", "PL": "POL", "PT": "PRT", "RO": "ROU", "SE": "SWE", "SI": "SVN", "SK": "SVK",
	"US": "USA",
}

// country3 is the alpha-3 code of an alpha-2 country; the Netherlands when
// unknown (the register's default).
func country3(alpha2 string) string {
	if c, ok := countries3[alpha2]; ok {
		return c
	}
	return countryNL
}

// project is a cac:ProcurementProject: of the procedure (internalID
// empty) or of a lot, with its value when known and, for a lot, its
// place of performance, term and renewals.
func (c *eformsCtx) project(internalID, title, description, cpv, extraCPV string, value contracts.Money, known, lot bool) *xnode {
	if description == "" {
		description = title
	}
	p := el("cac:ProcurementProject", optTxt("cbc:ID", internalID, "schemeName", "InternalID"),
		txt("cbc:Name", title, "languageID", noticeLanguage),
		txt("cbc:Description", description, "languageID", noticeLanguage),
		txt("cbc:ProcurementTypeCode", eformsNature(c.n.Tender.Kind), "listName", "contract-nature"))
	if known && !c.can() {
		p.add(el("cac:RequestedTenderTotal", txt("cbc:EstimatedOverallContractAmount", eformsAmount(value), "currencyID", currencyEUR)))
	}
	p.add(el("cac:MainCommodityClassification", txt("cbc:ItemClassificationCode", cpv8(cpv), "listName", "cpv")))
	if extraCPV != "" && cpv8(extraCPV) != cpv8(cpv) {
		p.add(el("cac:AdditionalCommodityClassification", txt("cbc:ItemClassificationCode", cpv8(extraCPV), "listName", "cpv")))
	}
	if !lot || c.pinOnly() {
		return p
	}
	for _, code := range c.nuts {
		p.add(el("cac:RealizedLocation", el("cac:Address",
			txt("cbc:CountrySubentityCode", code, "listName", "nuts"),
			el("cac:Country", txt("cbc:IdentificationCode", countryNL, "listName", "country")))))
	}
	if len(c.nuts) == 0 {
		p.add(el("cac:RealizedLocation", el("cac:Address", el("cac:Country", txt("cbc:IdentificationCode", countryNL, "listName", "country")))))
	}
	t := c.n.Tender
	if c.can() {
		return p
	}
	p.add(el("cac:PlannedPeriod", txt("cbc:DurationMeasure", strconv.Itoa(t.TermMonths), "unitCode", "MONTH")))
	if len(t.Options) > 0 {
		ext := el("cac:ContractExtension", txt("cbc:MaximumNumberNumeric", strconv.Itoa(len(t.Options))))
		for _, o := range t.Options {
			ext.add(el("cac:Renewal", el("cac:Period",
				txt("cbc:Description", "Verlenging met "+nl.Months(o.Months), "languageID", noticeLanguage))))
		}
		p.add(ext)
	}
	return p
}

// lotID is the lot's identifier: LOT-0001 by number, or PAR-0001 for a
// part of a PIN of subtype 4.
func (c *eformsCtx) lotID(number int) *xnode {
	if c.pinOnly() {
		return txt("cbc:ID", fmt.Sprintf("PAR-%04d", number), "schemeName", "Part")
	}
	return txt("cbc:ID", fmt.Sprintf("LOT-%04d", number), "schemeName", "Lot")
}

// lot writes one lot: its terms, its process and its project.
func (c *eformsCtx) lot(l procurement.LotSummary) *xnode {
	t := c.n.Tender
	cpv := l.CPV
	if cpv == "" {
		cpv = t.CPV
	}
	project := c.project(strconv.Itoa(l.Number), l.Title, lotDescription(l), cpv, t.CPV, l.Estimate.Value, !l.Estimate.Incomplete, true)
	lead := c.buyers[0]
	if c.pinOnly() {
		return el("cac:ProcurementProjectLot", c.lotID(l.Number),
			el("cac:TenderingTerms", c.appeal()),
			project)
	}
	// A PIN that shortens the time limits (7) states the lot's terms as
	// the contract notice will.
	terms, comp := el("cac:TenderingTerms"), c.cn() || c.n.Notice.Subtype == 7
	if c.cn() {
		terms.add(txt("cbc:VariantConstraintCode", "not-allowed", "listName", "permission"))
	}
	terms.add(txt("cbc:FundingProgramCode", "no-eu-funds", "listName", "eu-funded"))
	if c.cn() {
		terms.add(el("cac:CallForTendersDocumentReference",
			txt("cbc:ID", fmt.Sprintf("DOC-%d", t.ID)),
			txt("cbc:DocumentType", "non-restricted-document"),
			el("cac:Attachment", el("cac:ExternalReference", txt("cbc:URI", t.DocumentsURL)))))
	}
	if comp {
		terms.add(requirement("cac:TendererQualificationRequest", "reserved-procurement", "none"),
			requirement("cac:TendererQualificationRequest", "selection-criteria-source", "epo-procurement-document"),
			execution("reserved-execution", "no"), execution("einvoicing", "required"), execution("ecatalog-submission", "not-allowed"))
	}
	if c.cn() || c.can() {
		terms.add(c.awardingTerms())
	}
	if comp {
		terms.add(el("cac:AdditionalInformationParty", partyRef("cac:PartyIdentification", lead)))
	}
	if c.cn() {
		terms.add(el("cac:TenderRecipientParty", optTxt("cbc:EndpointID", t.DocumentsURL), partyRef("cac:PartyIdentification", lead)))
	}
	terms.add(c.appeal())
	if comp {
		terms.add(el("cac:Language", txt("cbc:ID", noticeLanguage)))
	}
	if c.cn() {
		terms.add(el("cac:PostAwardProcess", txt("cbc:ElectronicOrderUsageIndicator", "false"), txt("cbc:ElectronicPaymentUsageIndicator", "true")))
	}
	process := el("cac:TenderingProcess")
	if c.cn() {
		process.add(txt("cbc:SubmissionMethodCode", "required", "listName", "esubmission"))
	}
	process.add(txt("cbc:GovernmentAgreementConstraintIndicator", strconv.FormatBool(!c.light())))
	if c.cn() {
		if m, ok := c.n.Plan.Milestone(procurement.MilestoneTenderDeadline); ok {
			process.add(el("cac:TenderSubmissionDeadlinePeriod", txt("cbc:EndDate", eformsDate(m.Date)), txt("cbc:EndTime", "10:00:00"+offset(m.Date))))
		}
	}
	if c.cn() || c.can() {
		process.add(el("cac:AuctionTerms", txt("cbc:AuctionConstraintIndicator", "false")))
	}
	if t.Framework && (c.cn() || c.can()) {
		process.add(el("cac:FrameworkAgreement", txt("cbc:MaximumOperatorQuantity", "1")))
	}
	framework := "none"
	if t.Framework {
		framework = "fa-wo-rc"
	}
	process.add(el("cac:ContractingSystem", txt("cbc:ContractingSystemTypeCode", framework, "listName", "framework-agreement")),
		el("cac:ContractingSystem", txt("cbc:ContractingSystemTypeCode", "none", "listName", "dps-usage")))
	return el("cac:ProcurementProjectLot", c.lotID(l.Number), terms, process, project)
}

// offset is the offset of Europe/Amsterdam on date d (+01:00).
func offset(d contracts.Date) string { return eformsDate(d)[10:] }

// lotDescription describes a lot: its title, its unit and how many
// buyers take part in it.
func lotDescription(l procurement.LotSummary) string {
	s := l.Title
	if l.Unit != "" {
		s += " (eenheid: " + l.Unit + ")"
	}
	return s + "; " + nl.Count(l.Participants, "deelnemer", "deelnemers") + " met volume in dit perceel."
}

func requirement(name, list, code string) *xnode {
	return el(name, el("cac:SpecificTendererRequirement", txt("cbc:TendererRequirementTypeCode", code, "listName", list)))
}

func execution(list, code string) *xnode {
	return el("cac:ContractExecutionRequirement", txt("cbc:ExecutionRequirementCode", code, "listName", list))
}

// awardingTerms are the award criteria: price, and each award criterion
// (wens) of the tender as a quality criterion.
func (c *eformsCtx) awardingTerms() *xnode {
	crit := el("cac:AwardingCriterion", el("cac:SubordinateAwardingCriterion",
		txt("cbc:AwardingCriterionTypeCode", "price", "listName", "award-criterion-type"),
		txt("cbc:Description", "Prijs", "languageID", noticeLanguage)))
	for _, r := range c.n.Requirements {
		if r.Kind != procurement.AwardCriterion {
			continue
		}
		crit.add(el("cac:SubordinateAwardingCriterion",
			txt("cbc:AwardingCriterionTypeCode", "quality", "listName", "award-criterion-type"),
			txt("cbc:Description", r.Text, "languageID", noticeLanguage)))
	}
	return el("cac:AwardingTerms", crit)
}

// noticeResult is the award notice's result: per awarded lot the winning
// tender and its vendor, and the settled contracts: each call-off in the
// register signed by its participant, or without call-offs the framework
// signed by the lead.
func (c *eformsCtx) noticeResult() *xnode {
	res := el("efac:NoticeResult")
	var (
		tenders, contractsNodes, parties []*xnode
		contractN                        int
	)
	buyerID := map[string]string{}
	for i, o := range c.n.Buyers {
		buyerID[o.Code] = c.buyers[i]
	}
	partyOf := map[int64]string{}
	for _, l := range c.n.Lots {
		if l.VendorID == 0 {
			continue
		}
		tenderID := fmt.Sprintf("TEN-%04d", l.Number)
		lotRef := el("efac:TenderLot", txt("cbc:ID", fmt.Sprintf("LOT-%04d", l.Number), "schemeName", "Lot"))
		if _, ok := partyOf[l.VendorID]; !ok {
			partyOf[l.VendorID] = fmt.Sprintf("TPA-%04d", len(partyOf)+1)
			parties = append(parties, el("efac:TenderingParty", txt("cbc:ID", partyOf[l.VendorID], "schemeName", "tendering-party"),
				el("efac:Tenderer", txt("cbc:ID", c.vendor[l.VendorID], "schemeName", "organization"))))
		}
		lr := el("efac:LotResult", txt("cbc:ID", fmt.Sprintf("RES-%04d", l.Number), "schemeName", "result"),
			txt("cbc:TenderResultCode", "selec-w", "listName", "winner-selection-status"),
			el("efac:LotTender", txt("cbc:ID", tenderID, "schemeName", "tender")))
		signed := 0
		addContract := func(signatory, reference string) {
			contractN++
			id := fmt.Sprintf("CON-%04d", contractN)
			lr.add(el("efac:SettledContract", txt("cbc:ID", id, "schemeName", "contract")))
			contractsNodes = append(contractsNodes, el("efac:SettledContract", txt("cbc:ID", id, "schemeName", "contract"),
				el("cac:SignatoryParty", partyRef("cac:PartyIdentification", signatory)),
				contractReference(reference),
				el("efac:LotTender", txt("cbc:ID", tenderID, "schemeName", "tender"))))
			signed++
		}
		for _, co := range c.n.CallOffs {
			if co.LotID == l.ID && buyerID[co.Organization] != "" {
				addContract(buyerID[co.Organization], co.ContractNumber)
			}
		}
		if signed == 0 {
			addContract(c.buyers[0], "")
		}
		lr.add(lotRef)
		res.add(lr)
		tenders = append(tenders, el("efac:LotTender", txt("cbc:ID", tenderID, "schemeName", "tender"),
			txt("cbc:RankCode", "1"),
			el("efac:TenderingParty", txt("cbc:ID", partyOf[l.VendorID], "schemeName", "tendering-party")),
			el("efac:TenderLot", txt("cbc:ID", fmt.Sprintf("LOT-%04d", l.Number), "schemeName", "Lot"))))
	}
	res.add(tenders...)
	res.add(contractsNodes...)
	res.add(parties...)
	return res
}

// contractReference is the contract's number in the register, nil
// without one.
func contractReference(number string) *xnode {
	if number == "" {
		return nil
	}
	return el("efac:ContractReference", txt("cbc:ID", number))
}

// appeal names the review body as the receiver of appeals.
func (c *eformsCtx) appeal() *xnode {
	return el("cac:AppealTerms", el("cac:AppealReceiverParty", partyRef("cac:PartyIdentification", c.review)))
}
