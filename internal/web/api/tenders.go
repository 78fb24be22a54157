package api

import (
	"context"
	"fmt"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// optionJSON is one option or extension of a tender's contract.
type optionJSON struct {
	Months int `json:"months" example:"12"`
}

// TenderBody is the writable part of a tender. Values are checked by the
// domain so that one 422 lists every problem. Exported because tenderJSON
// embeds it (ContractJSON says why).
type TenderBody struct {
	Title                  string       `json:"title" example:"Telefonie en data 2027"`
	Description            string       `json:"description,omitempty"`
	CategoryID             int64        `json:"categoryId" example:"1"`
	CPV                    string       `json:"cpv,omitempty" example:"64210000-1"`
	Lead                   string       `json:"lead" example:"GM0363" doc:"Code of the lead authority (penvoerder)"`
	Kind                   string       `json:"kind" enum:"supplies,services,works,social" example:"services"`
	Framework              bool         `json:"framework,omitempty" doc:"The tender concludes framework agreements (Aw 2012 art. 2.140)"`
	FrameworkJustified     bool         `json:"frameworkJustified,omitempty" doc:"An objective justification exists for a framework term over 48 months"`
	TermMonths             int          `json:"termMonths" example:"48"`
	Options                []optionJSON `json:"options,omitempty" doc:"Extension options after the initial term"`
	TermIndefinite         bool         `json:"termIndefinite,omitempty" doc:"After termMonths the contract runs on for an indefinite period; the estimate is then the monthly value × 48 (Aw 2012 art. 2.16). Refused with totalPrice or options"`
	TotalPrice             bool         `json:"totalPrice,omitempty" doc:"The contract states a total price (the ×48 rule applies only to services without one)"`
	Electronic             bool         `json:"electronic,omitempty" doc:"Tenders are submitted electronically (TenderNed)"`
	DocumentsOnline        bool         `json:"documentsOnline,omitempty"`
	PIN                    bool         `json:"pin,omitempty" doc:"A prior information notice was sent 52 days to 12 months before"`
	Urgent                 bool         `json:"urgent,omitempty"`
	Publication            string       `json:"publication,omitempty" format:"date" doc:"Planned date the contract notice is sent; the threshold in force on it applies"`
	NeededStart            string       `json:"neededStart,omitempty" format:"date" doc:"Earliest date a participant needs the new contract; without a publication date the plan runs backwards from it"`
	TenderDeadline         string       `json:"tenderDeadline,omitempty" format:"date" doc:"Tender deadline chosen by hand (needs a publication date); refused when shorter than the legal minimum period (Aw 2012 art. 2.71–2.74a). Empty: the plan takes the minimum"`
	Procedure              string       `json:"procedure,omitempty" enum:"open,restricted,competitive_negotiation,competitive_dialogue,multiple_private,single_source" doc:"Overrides the determined procedure; needs procedureJustification"`
	ProcedureJustification string       `json:"procedureJustification,omitempty"`
}

func (b TenderBody) toTender(fe *apperr.FieldErrors) procurement.Tender {
	t := procurement.Tender{
		Title: b.Title, Description: b.Description, CategoryID: b.CategoryID, CPV: b.CPV, Lead: b.Lead,
		Kind: procurement.ContractKind(b.Kind), Framework: b.Framework, FrameworkJustified: b.FrameworkJustified,
		TermMonths: b.TermMonths, TermIndefinite: b.TermIndefinite, TotalPrice: b.TotalPrice, Electronic: b.Electronic, DocumentsOnline: b.DocumentsOnline,
		PIN: b.PIN, Urgent: b.Urgent, Procedure: procurement.Procedure(b.Procedure), ProcedureJustification: b.ProcedureJustification,
		Status: procurement.TenderDraft,
	}
	for _, o := range b.Options {
		t.Options = append(t.Options, procurement.Option{Months: o.Months})
	}
	t.Publication = web.ParseDateField(fe, "publication", b.Publication)
	t.NeededStart = web.ParseDateField(fe, "neededStart", b.NeededStart)
	t.TenderDeadline = web.ParseDateField(fe, "tenderDeadline", b.TenderDeadline)
	return t
}

func toTenderBody(t procurement.Tender) TenderBody {
	b := TenderBody{
		Title: t.Title, Description: t.Description, CategoryID: t.CategoryID, CPV: t.CPV, Lead: t.Lead, Kind: string(t.Kind),
		Framework: t.Framework, FrameworkJustified: t.FrameworkJustified, TermMonths: t.TermMonths, TermIndefinite: t.TermIndefinite, TotalPrice: t.TotalPrice,
		Electronic: t.Electronic, DocumentsOnline: t.DocumentsOnline, PIN: t.PIN, Urgent: t.Urgent,
		Publication: web.DateString(t.Publication), NeededStart: web.DateString(t.NeededStart), TenderDeadline: web.DateString(t.TenderDeadline),
		Procedure: string(t.Procedure), ProcedureJustification: t.ProcedureJustification,
	}
	for _, o := range t.Options {
		b.Options = append(b.Options, optionJSON{Months: o.Months})
	}
	return b
}

// tenderSummaryJSON is a tender as the list shows it.
type tenderSummaryJSON struct {
	ID           int64  `json:"id"`
	Title        string `json:"title"`
	Status       string `json:"status" enum:"draft,collecting,mandating,published,evaluating,awarded,contracted,closed,cancelled"`
	CategoryID   int64  `json:"categoryId"`
	CategoryName string `json:"categoryName"`
	Lead         string `json:"lead"`
	LeadName     string `json:"leadName"`
	Lots         int    `json:"lots"`
	Participants int    `json:"participants"`
	Signed       int    `json:"signed" doc:"Participants with a signed mandate"`
	Annual       int64  `json:"annual" doc:"The participants' annual value over every lot, euro cents excl. VAT"`
}

type listTendersInput struct {
	Status     string `query:"status" enum:"draft,collecting,mandating,published,evaluating,awarded,contracted,closed,cancelled"`
	CategoryID int64  `query:"categoryId" minimum:"0"`
	Mine       bool   `query:"mine" doc:"Only tenders in which the caller's organization takes part or leads"`
	Q          string `query:"q" maxLength:"100" doc:"Title contains this, case-insensitively"`
	Page       int    `query:"page" minimum:"1" maximum:"1000000" default:"1"`
	PageSize   int    `query:"pageSize" minimum:"1" maximum:"500" default:"50"`
}

type tenderPageJSON struct {
	Body struct {
		Items    []tenderSummaryJSON `json:"items"`
		Total    int                 `json:"total"`
		Page     int                 `json:"page"`
		PageSize int                 `json:"pageSize"`
	}
}

func (a *api) listTenders(ctx context.Context, in *listTendersInput) (*tenderPageJSON, error) {
	f := procurement.TenderFilter{Status: procurement.TenderStatus(in.Status), CategoryID: in.CategoryID, Mine: in.Mine, Q: in.Q,
		Page: in.Page, PageSize: in.PageSize}.Normalize()
	page, err := a.procurement.Tenders(ctx, web.ScopeFrom(ctx), f)
	if err != nil {
		return nil, err
	}
	out := &tenderPageJSON{}
	out.Body.Items = make([]tenderSummaryJSON, len(page.Items))
	for i, t := range page.Items {
		out.Body.Items[i] = tenderSummaryJSON{ID: t.ID, Title: t.Title, Status: string(t.Status), CategoryID: t.CategoryID,
			CategoryName: t.CategoryName, Lead: t.Lead, LeadName: t.LeadName, Lots: t.Lots, Participants: t.Participants,
			Signed: t.Signed, Annual: int64(t.Annual)}
	}
	out.Body.Total, out.Body.Page, out.Body.PageSize = page.Total, f.Page, f.PageSize
	return out, nil
}

// lotJSON is a lot with its estimated value.
type lotJSON struct {
	ID         int64  `json:"id"`
	Number     int    `json:"number"`
	Title      string `json:"title"`
	CPV        string `json:"cpv,omitempty"`
	Unit       string `json:"unit,omitempty" example:"aansluitingen"`
	UnitPrice  int64  `json:"unitPrice,omitempty" doc:"Assumed yearly price per unit, euro cents"`
	VendorID   int64  `json:"vendorId,omitempty" doc:"The awarded vendor"`
	VendorName string `json:"vendorName,omitempty"`
	Annual     int64  `json:"annual" doc:"The participants' annual value in the lot, euro cents"`
	Estimated  int64  `json:"estimated" doc:"Estimated value over the whole term with every option (Aw 2012 art. 2.15–2.19), euro cents"`
	Basis      string `json:"basis" doc:"How the estimate was computed, in Dutch"`
	Exempt     bool   `json:"exempt" doc:"May be procured outside the EU procedure under the lot exemption (Aw 2012 art. 2.19)"`
}

type mandateJSON struct {
	Status       string `json:"status" enum:"requested,signed,revoked"`
	Requested    string `json:"requested,omitempty" format:"date"`
	Signed       string `json:"signed,omitempty" format:"date"`
	Body         string `json:"body,omitempty" enum:"college,raad,dagelijks_bestuur,algemeen_bestuur,directie" doc:"The deciding body"`
	Documents    bool   `json:"documents,omitempty" doc:"Scope: draw up and publish the procurement documents"`
	Award        bool   `json:"award,omitempty" doc:"Scope: take the award decision"`
	Litigation   bool   `json:"litigation,omitempty" doc:"Scope: conduct proceedings"`
	Substitution bool   `json:"substitution,omitempty" doc:"Scope: delegate further"`
	Reference    string `json:"reference,omitempty" maxLength:"200" doc:"The decision's document number or link"`
	DecisionURL  string `json:"decisionUrl,omitempty" maxLength:"500" doc:"Link to the council's or college's decision in the council information system (RIS): an absolute https URL"`
	Document     string `json:"document,omitempty" maxLength:"200" doc:"Reference of the signed mandate document"`
}

func toMandateJSON(m procurement.Mandate) mandateJSON {
	return mandateJSON{Status: string(m.Status), Requested: web.DateString(m.Requested), Signed: web.DateString(m.Signed), Body: string(m.Body),
		Documents: m.Scope.Documents, Award: m.Scope.Award, Litigation: m.Scope.Litigation, Substitution: m.Scope.Substitution, Reference: m.Reference,
		DecisionURL: m.DecisionURL, Document: m.Document}
}

type volumeJSON struct {
	LotID    int64 `json:"lotId" minimum:"1"`
	Quantity int64 `json:"quantity" minimum:"0"`
	Annual   int64 `json:"annual,omitempty" minimum:"0" doc:"Annual value in the lot, euro cents excl. VAT; 0 prices the quantity at the lot's unit price"`
}

type participantJSON struct {
	Organization string       `json:"organization" example:"GM0363"`
	Name         string       `json:"name"`
	Kind         string       `json:"kind"`
	Province     string       `json:"province,omitempty"`
	Population   int          `json:"population,omitempty"`
	SizeClass    string       `json:"sizeClass,omitempty" enum:"lt20k,20k-50k,50k-100k,100k-plus"`
	DemandID     int64        `json:"demandId,omitempty"`
	Joined       string       `json:"joined,omitempty" format:"date"`
	Volumes      []volumeJSON `json:"volumes"`
	Annual       int64        `json:"annual" doc:"Annual value over every lot, euro cents"`
	Mandate      mandateJSON  `json:"mandate"`
}

type requirementJSON struct {
	ID       int64             `json:"id"`
	Number   int               `json:"number"`
	Text     string            `json:"text"`
	Kind     string            `json:"kind" enum:"knockout,award"`
	Ratings  map[string]string `json:"ratings" doc:"Organization code → must, should, could or wont"`
	Priority string            `json:"priority,omitempty" enum:"must,should,could,wont" doc:"Consolidated by volume share (DESIGN §4); absent while unrated or insufficiently rated"`
	State    string            `json:"state" enum:"must,should,could,wont,unrated,insufficient" doc:"The consolidation's state: the priority, unrated when nobody rated the requirement, insufficient when the participants who rated hold less than the must share of the volume (only participants without a valued volume, for example); never a silent wont"`
	Label    string            `json:"label" doc:"The state in Dutch, e.g. \"onvoldoende beoordeeld (1 van 3)\""`
	Rated    int               `json:"rated" doc:"How many participants rated it (k of n)"`
	Of       int               `json:"of" doc:"How many participants the tender has (n)"`
	Reason   string            `json:"reason"`
	Conflict bool              `json:"conflict" doc:"One participant rates must, another wont"`
	MustSide []string          `json:"mustSide,omitempty"`
	WontSide []string          `json:"wontSide,omitempty"`
	MustBy   []string          `json:"mustBy" doc:"Every participant that rates it must, conflict or not and whatever the state, largest volume first"`
	ByClass  []classJSON       `json:"conflictBySizeClass,omitempty"`
}

type callOffJSON struct {
	LotID          int64  `json:"lotId"`
	Organization   string `json:"organization"`
	ContractID     int64  `json:"contractId"`
	ContractNumber string `json:"contractNumber"`
}

type tenderJSON struct {
	ID int64 `json:"id"`
	TenderBody
	Status        string            `json:"status"`
	NextStatuses  []string          `json:"nextStatuses" doc:"The statuses the lifecycle allows next (guards not yet checked)"`
	AwardDecision string            `json:"awardDecision,omitempty" format:"date"`
	LeadName      string            `json:"leadName"`
	CategoryName  string            `json:"categoryName"`
	Lots          []lotJSON         `json:"lots"`
	Participants  []participantJSON `json:"participants"`
	Requirements  []requirementJSON `json:"requirements"`
	Plan          planJSON          `json:"plan"`
	CallOffs      []callOffJSON     `json:"callOffs"`
	NoticeDetails noticeDetailsJSON `json:"noticeDetails" doc:"What the European notices need beyond the terms; set with PUT /tenders/{id}/notice-details"`
}

func toTenderJSON(v procurement.TenderView) tenderJSON {
	t, p := v.Tender, v.Plan
	out := tenderJSON{ID: t.ID, TenderBody: toTenderBody(t), Status: string(t.Status), AwardDecision: web.DateString(t.AwardDecision),
		LeadName: v.Lead.Name, CategoryName: t.CategoryName, NextStatuses: []string{}, Lots: []lotJSON{}, Participants: []participantJSON{},
		Requirements: []requirementJSON{}, CallOffs: []callOffJSON{}, NoticeDetails: toNoticeDetailsJSON(t.NoticeDetails)}
	for _, s := range procurement.NextStatuses(t.Status) {
		out.NextStatuses = append(out.NextStatuses, string(s))
	}
	for _, l := range v.LotSummaries() {
		out.Lots = append(out.Lots, lotJSON{ID: l.ID, Number: l.Number, Title: l.Title, CPV: l.CPV, Unit: l.Unit, UnitPrice: int64(l.UnitPrice),
			VendorID: l.VendorID, VendorName: l.VendorName, Annual: int64(l.Annual), Exempt: l.Exempt,
			Estimated: int64(l.Estimate.Value), Basis: nl.LotEstimateBasis(l.Estimate)})
	}
	for _, pt := range v.Participants {
		pj := participantJSON{Organization: pt.Organization, Name: pt.Name, Kind: string(pt.Kind), Province: pt.Province,
			Population: pt.Population, SizeClass: string(contracts.SizeClassOf(pt.Population)), DemandID: pt.DemandID,
			Joined: web.DateString(pt.Joined), Volumes: []volumeJSON{}, Annual: int64(pt.Annual()), Mandate: toMandateJSON(pt.Mandate)}
		for _, vol := range pt.Volumes {
			pj.Volumes = append(pj.Volumes, volumeJSON{LotID: vol.LotID, Quantity: vol.Quantity, Annual: int64(vol.Annual)})
		}
		out.Participants = append(out.Participants, pj)
	}
	for _, c := range p.Requirements {
		r := c.Requirement
		rj := requirementJSON{ID: r.ID, Number: r.Number, Text: r.Text, Kind: string(r.Kind), Ratings: map[string]string{},
			Priority: string(c.Priority), State: c.State(), Label: nl.Consolidation(c), Rated: c.Rated, Of: c.Participants,
			Reason: nl.ConsolidationReason(c), Conflict: c.Conflict, MustBy: []string{}}
		for _, s := range c.MustBy {
			rj.MustBy = append(rj.MustBy, s.Organization)
		}
		for org, rating := range r.Ratings {
			rj.Ratings[org] = string(rating)
		}
		for _, s := range c.MustSide {
			rj.MustSide = append(rj.MustSide, s.Organization)
		}
		for _, s := range c.WontSide {
			rj.WontSide = append(rj.WontSide, s.Organization)
		}
		for _, cc := range c.ByClass {
			rj.ByClass = append(rj.ByClass, classJSON{SizeClass: string(cc.SizeClass), Must: cc.Must, Wont: cc.Wont})
		}
		out.Requirements = append(out.Requirements, rj)
	}
	out.Plan = toPlanJSON(p)
	for _, sw := range v.Splits {
		sj := splitWarningJSON{Category: sw.Category, Sum: int64(sw.Sum), Threshold: int64(sw.Threshold), Tenders: []splitTenderJSON{}, Message: nl.Warning(sw.Warning)}
		for _, st := range sw.Tenders {
			tj := splitTenderJSON{ID: st.ID, Title: st.Title, Value: int64(st.Value), Start: web.DateString(st.Start), Indefinite: st.Indefinite}
			if !st.Indefinite {
				tj.End = web.DateString(st.End)
			}
			sj.Tenders = append(sj.Tenders, tj)
		}
		out.Plan.SplitWarnings = append(out.Plan.SplitWarnings, sj)
	}
	for _, c := range v.CallOffs {
		out.CallOffs = append(out.CallOffs, callOffJSON{LotID: c.LotID, Organization: c.Organization, ContractID: c.ContractID, ContractNumber: c.ContractNumber})
	}
	return out
}

type tenderIDInput struct {
	ID int64 `path:"id" minimum:"1" example:"1"`
}

type tenderOutput struct {
	Location string `header:"Location" doc:"Where the tender is, on create"`
	Body     tenderJSON
}

func (a *api) tender(ctx context.Context, in *tenderIDInput) (*tenderOutput, error) {
	v, err := a.procurement.Tender(ctx, web.ScopeFrom(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &tenderOutput{Body: toTenderJSON(v)}, nil
}

type createTenderInput struct {
	Body TenderBody
}

func (a *api) createTender(ctx context.Context, in *createTenderInput) (*tenderOutput, error) {
	var fe apperr.FieldErrors
	t := in.Body.toTender(&fe)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	id, err := a.procurement.CreateTender(ctx, t)
	if err != nil {
		return nil, err
	}
	out, err := a.tender(ctx, &tenderIDInput{ID: id})
	if err != nil {
		return nil, err
	}
	out.Location = fmt.Sprintf("/api/v1/tenders/%d", id)
	return out, nil
}

type updateTenderInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body TenderBody
}

func (a *api) updateTender(ctx context.Context, in *updateTenderInput) (*tenderOutput, error) {
	var fe apperr.FieldErrors
	t := in.Body.toTender(&fe)
	if err := fe.Err(); err != nil {
		return nil, err
	}
	t.ID = in.ID
	if err := a.procurement.UpdateTender(ctx, t); err != nil {
		return nil, err
	}
	return a.tender(ctx, &tenderIDInput{ID: in.ID})
}

func (a *api) deleteTender(ctx context.Context, in *tenderIDInput) (*struct{}, error) {
	return nil, a.procurement.DeleteTender(ctx, in.ID)
}

type lotVendorJSON struct {
	LotID    int64 `json:"lotId" minimum:"1"`
	VendorID int64 `json:"vendorId" minimum:"1"`
}

type transitionInput struct {
	ID   int64 `path:"id" minimum:"1"`
	Body struct {
		Status string `json:"status" enum:"draft,collecting,mandating,published,evaluating,awarded,contracted,closed,cancelled"`
		Award  *struct {
			DecisionSent string          `json:"decisionSent,omitempty" format:"date" doc:"Date the award decision was sent; default today"`
			Vendors      []lotVendorJSON `json:"vendors"`
		} `json:"award,omitempty" doc:"Required when moving to awarded: the vendor per lot"`
	}
}

func (a *api) transitionTender(ctx context.Context, in *transitionInput) (*tenderOutput, error) {
	ti := procurement.TransitionInput{To: procurement.TenderStatus(in.Body.Status)}
	if aw := in.Body.Award; aw != nil {
		var fe apperr.FieldErrors
		award := procurement.Award{DecisionSent: web.ParseDateField(&fe, "award.decisionSent", aw.DecisionSent), Vendors: map[int64]int64{}}
		for i, lv := range aw.Vendors {
			if _, dup := award.Vendors[lv.LotID]; dup {
				fe.Add(fmt.Sprintf("award.vendors[%d].lotId", i), apperr.LotTwice, lv.LotID)
			}
			award.Vendors[lv.LotID] = lv.VendorID
		}
		if err := fe.Err(); err != nil {
			return nil, err
		}
		ti.Award = &award
	}
	v, err := a.procurement.Transition(ctx, in.ID, ti)
	if err != nil {
		return nil, err
	}
	return &tenderOutput{Body: toTenderJSON(v)}, nil
}
