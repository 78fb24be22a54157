package exports

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// EForms writes a tender's European notice as eForms XML (UBL 2.3,
// eForms SDK 1.15, Implementing Regulation (EU) 2019/1780), the format
// TenderNed takes: a prior information notice (subtype 4, or 7 when it
// shortens the time limits), a contract notice (16, or 20 under the light
// regime) or a contract award notice (29, or 33), as n.Notice says.
// The notice is in Dutch (NLD). The same view gives the same bytes.
//
// Mapping, and why:
//   - buyers: the lead authority and every participant with a signed
//     mandate is a buyer (cac:ContractingParty) and an organization with
//     its address, NUTS code, OIN or KvK number and contact point; the
//     lead carries the group lead indicator (OPP-050): it procures on
//     behalf of the others, which is how eForms models joint procurement.
//   - review body: the tender's, by default Rechtbank Den Haag
//     (procurement.DefaultReviewBody), as the appeal receiver of each lot.
//   - lots: LOT-0001… by lot number (parts PAR-0001… in a PIN of subtype
//     4); CPV codes without their check digit as TED writes them, the
//     tender's main CPV as an additional classification where the lot's
//     differs; the place of performance is each buyer's NUTS region; the
//     estimated value with every option (left out when not known, never
//     0); the initial term in months and the options as renewals; the
//     award criteria are price and each award criterion (wens) of the
//     tender as a quality criterion; a framework agreement without
//     reopening of competition when the tender concludes frameworks, with
//     the buyers as its maximum number of participants.
//   - time limits: the tender deadline of the (corrected) plan, at 10:00.
//   - award notice: per awarded lot the winning vendor, and each call-off
//     contract in the register as a settled contract signed by its
//     participant (without call-offs, the framework signed by the lead).
//
// Callers write only a notice whose Missing list is empty; EForms does not
// check it again.
func EForms(w io.Writer, n procurement.NoticeView) error {
	if err := writeXML(w, eformsNotice(n)); err != nil {
		return fmt.Errorf("exports: eforms %s of tender %d: %w", n.Notice.Kind, n.Tender.ID, err)
	}
	return nil
}

// EFormsFingerprint identifies the notice's content: a hash of the notice
// written without its identifier, version, procedure identifier and
// dispatch date, so that exporting unchanged content again is the same
// notice (procurement.Service.RecordNotice).
func EFormsFingerprint(n procurement.NoticeView) (string, error) {
	n.Notice.ID, n.Notice.Version, n.Notice.Procedure, n.Notice.Issued = "", 0, "", time.Time{}
	var b bytes.Buffer
	if err := EForms(&b, n); err != nil {
		return "", err
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:]), nil
}

// The namespaces of the eForms documents.
const (
	nsCAC   = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
	nsCBC   = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
	nsEXT   = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
	nsEFAC  = "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
	nsEFEXT = "http://data.europa.eu/p27/eforms-ubl-extensions/1"
	nsEFBC  = "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
)

// Code values of the eForms SDK 1.15.1 code lists and notice types the
// notices use (codelists/*.gc, notice-types.json).
const (
	eformsCustomization = "eforms-sdk-1.15"
	legalBasisDirective = "32014L0024" // Directive 2014/24/EU (legal-basis)
	noticeLanguage      = "NLD"        // language
	countryNL           = "NLD"        // country
	currencyEUR         = "EUR"
)

// eformsDocument is a notice subtype's document: root element, namespace,
// form type and notice type (notice-types.json).
type eformsDocument struct {
	root, ns, formType, noticeType string
}

var eformsDocuments = map[int]eformsDocument{
	4:  {"PriorInformationNotice", "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2", "planning", "pin-only"},
	7:  {"PriorInformationNotice", "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2", "planning", "pin-rtl"},
	16: {"ContractNotice", "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2", "competition", "cn-standard"},
	20: {"ContractNotice", "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2", "competition", "cn-social"},
	29: {"ContractAwardNotice", "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2", "result", "can-standard"},
	33: {"ContractAwardNotice", "urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2", "result", "can-social"},
}

// eformsProcedures maps the procedure that applies to the eForms list
// procurement-procedure-type; the light regime's own procedure is a
// single-stage procedure of the lead's design (oth-single).
var eformsProcedures = map[procurement.Procedure]string{
	procurement.ProcedureOpen:                   "open",
	procurement.ProcedureRestricted:             "restricted",
	procurement.ProcedureCompetitiveNegotiation: "neg-w-call",
	procurement.ProcedureCompetitiveDialogue:    "comp-dial",
	procurement.ProcedureLight:                  "oth-single",
}

// lightRegimeFeatures describes the procedure under the light regime
// (BT-88).
const lightRegimeFeatures = "Procedure volgens het verlichte regime voor sociale en andere specifieke diensten " +
	"(Aanbestedingswet 2012, art. 2.38 en 2.39): één ronde, gunning op de beste prijs-kwaliteitverhouding."

// eformsNature maps the kind of contract to the list contract-nature;
// social and other specific services are services.
func eformsNature(k procurement.ContractKind) string {
	switch k {
	case procurement.KindSupplies:
		return "supplies"
	case procurement.KindWorks:
		return "works"
	}
	return "services"
}

// cpv8 is a CPV code as eForms writes it: the eight digits without the
// check digit.
func cpv8(code string) string {
	c, _, _ := strings.Cut(code, "-")
	return c
}

// eformsCtx carries what the parts of a notice share: the view, the
// subtype's document and the organization ids.
type eformsCtx struct {
	n      procurement.NoticeView
	doc    eformsDocument
	buyers []string // ORG ids of n.Buyers, in order
	review string
	vendor map[int64]string
	nuts   []string // the buyers' NUTS codes, sorted, each once
}

func orgID(i int) string { return fmt.Sprintf("ORG-%04d", i) }

func eformsNotice(n procurement.NoticeView) *xnode {
	c := &eformsCtx{n: n, doc: eformsDocuments[n.Notice.Subtype], vendor: map[int64]string{}}
	next := 1
	for range n.Buyers {
		c.buyers = append(c.buyers, orgID(next))
		next++
	}
	c.review = orgID(next)
	next++
	if c.can() {
		for _, id := range slices.Sorted(maps.Keys(n.Vendors)) {
			c.vendor[id] = orgID(next)
			next++
		}
	}
	for _, o := range n.Buyers {
		if code := o.Effective().NUTS; code != "" && !slices.Contains(c.nuts, code) {
			c.nuts = append(c.nuts, code)
		}
	}
	slices.Sort(c.nuts)

	root := txt(c.doc.root, "")
	root.attrs = [][2]string{{"xmlns", c.doc.ns}, {"xmlns:cac", nsCAC}, {"xmlns:cbc", nsCBC}, {"xmlns:ext", nsEXT},
		{"xmlns:efac", nsEFAC}, {"xmlns:efext", nsEFEXT}, {"xmlns:efbc", nsEFBC}}
	ext := el("efext:EformsExtension")
	if c.can() {
		ext.add(c.noticeResult())
	}
	ext.add(el("efac:NoticeSubType", txt("cbc:SubTypeCode", strconv.Itoa(n.Notice.Subtype), "listName", "notice-subtype")),
		c.organizations())
	root.add(el("ext:UBLExtensions", el("ext:UBLExtension", el("ext:ExtensionContent", ext))))

	issued := n.Notice.Issued
	root.add(txt("cbc:UBLVersionID", "2.3"), txt("cbc:CustomizationID", eformsCustomization),
		txt("cbc:ID", n.Notice.ID, "schemeName", "notice-id"))
	if !c.pinOnly() {
		root.add(txt("cbc:ContractFolderID", n.Notice.Procedure))
	}
	root.add(txt("cbc:IssueDate", eformsDate(contracts.DateOf(issued))), txt("cbc:IssueTime", eformsTime(issued)),
		txt("cbc:VersionID", fmt.Sprintf("%02d", n.Notice.Version)))
	if c.pinOnly() {
		if m, ok := n.Plan.Milestone(procurement.MilestonePublication); ok {
			// BT-127: the planned publication of the contract notice.
			root.add(txt("cbc:PlannedDate", eformsDate(m.Date)))
		}
	}
	root.add(txt("cbc:RegulatoryDomain", legalBasisDirective),
		txt("cbc:NoticeTypeCode", c.doc.noticeType, "listName", c.doc.formType),
		txt("cbc:NoticeLanguageCode", noticeLanguage))
	for i, o := range n.Buyers {
		d := o.Effective()
		root.add(el("cac:ContractingParty",
			el("cac:ContractingPartyType", txt("cbc:PartyTypeCode", d.LegalType, "listName", "buyer-legal-type")),
			el("cac:ContractingActivity", txt("cbc:ActivityTypeCode", d.MainActivity, "listName", "authority-activity")),
			el("cac:Party", partyRef("cac:PartyIdentification", c.buyers[i]))))
	}
	if c.cn() || n.Notice.Subtype == 7 {
		root.add(el("cac:TenderingTerms", el("cac:TendererQualificationRequest", el("cac:SpecificTendererRequirement",
			txt("cbc:TendererRequirementTypeCode", "epo-procurement-document", "listName", "exclusion-grounds-source")))))
	}
	if !c.pinOnly() {
		proc := el("cac:TenderingProcess")
		if c.light() {
			// BT-88: the light regime leaves the procedure to the lead.
			proc.add(txt("cbc:Description", lightRegimeFeatures, "languageID", noticeLanguage))
		}
		proc.add(txt("cbc:ProcedureCode", c.procedureCode(), "listName", "procurement-procedure-type"))
		if c.cn() && !c.light() {
			proc.add(el("cac:ProcessJustification", txt("cbc:ProcessReasonCode", strconv.FormatBool(n.Tender.Urgent), "listName", "accelerated-procedure")))
		}
		root.add(proc)
	}
	total, known := n.Plan.Estimate.Total, !n.Plan.Estimate.Incomplete && len(n.Plan.Estimate.Lots) > 0
	root.add(c.project("", n.Tender.Title, n.Tender.Description, n.Tender.CPV, "", total, known, false))
	for _, l := range n.LotSummaries() {
		root.add(c.lot(l))
	}
	if c.can() {
		root.add(el("cac:TenderResult", txt("cbc:AwardDate", eformsDate(n.Tender.AwardDecision))))
	}
	return root
}

func (c *eformsCtx) can() bool     { return c.doc.formType == "result" }
func (c *eformsCtx) cn() bool      { return c.doc.formType == "competition" }
func (c *eformsCtx) pinOnly() bool { return c.n.Notice.Subtype == 4 }
func (c *eformsCtx) light() bool   { return c.n.Notice.Subtype == 20 || c.n.Notice.Subtype == 33 }

// procedureCode is the eForms procedure type of the procedure that
// applies; "open" when none is known.
func (c *eformsCtx) procedureCode() string {
	if code, ok := eformsProcedures[c.n.Plan.Procedure]; ok {
		return code
	}
	if c.light() {
		return "oth-single"
	}
	return "open"
}

func partyRef(name, id string) *xnode {
	return el(name, txt("cbc:ID", id, "schemeName", "organization"))
}
