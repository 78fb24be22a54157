package api

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
	"github.com/samenkoop/samenkoop/procurement"
)

// The bundler's API (issue 8): suggested joint tenders from expiring
// contracts and registered demand, and turning one into a draft tender.
// Money in euro cents excluding VAT, dates ISO 8601 calendar dates; every
// suggestion is computed for today.

// query is the service's query for the input. huma checks a window that
// is present against 1–60; an absent one is 0, the configured window.
func (in *bundlesPageInput) query() procurement.BundleQuery {
	return procurement.BundleQuery{CategoryID: in.Category, WindowMonths: in.Window,
		Region: strings.TrimSpace(in.Region), Grouping: procurement.Grouping(in.Grouping)}
}

type bundleParticipantJSON struct {
	Organization string `json:"organization" example:"GM0363"`
	Name         string `json:"name"`
	NeededStart  string `json:"neededStart" format:"date" doc:"Committed end of the current contract + 1 day, or the desired start of registered demand"`
	Source       string `json:"source" enum:"contract,demand"`
	ContractID   int64  `json:"contractId,omitempty"`
	Contract     string `json:"contractNumber,omitempty"`
	Vendor       string `json:"vendor,omitempty" doc:"Current vendor (its group, when it has one)"`
	CommittedEnd string `json:"committedEnd,omitempty" format:"date" doc:"End of the current contract the organization can no longer avoid"`
	DemandID     int64  `json:"demandId,omitempty"`
	Annual       int64  `json:"annual" doc:"Annual value of its needs in the window, euro cents"`
	NeedsBridge  bool   `json:"needsBridge" doc:"Its current contract ends before the planned start"`
	Bridgeable   bool   `json:"bridgeable" doc:"A tacit renewal or an extension option left covers the gap"`
	AtRisk       bool   `json:"atRisk" doc:"Needs a bridge and has no renewal or option left"`
	BridgeUntil  string `json:"bridgeUntil,omitempty" format:"date" doc:"Furthest end its renewals reach; absent for tacit renewal without limit"`
	GapReason    string `json:"gapReason,omitempty" doc:"The comparison with the planned start, in Dutch"`
}

type bundleLotJSON struct {
	Number        int      `json:"number"`
	Title         string   `json:"title"`
	CPV           string   `json:"cpv"`
	Basis         string   `json:"basis" enum:"single,service,region" doc:"One lot, a lot per service (CPV group) or per province"`
	Organizations []string `json:"organizations" doc:"For a caller scoped to one organization only its own; the others are counted in otherOrganizations"`
	OtherOrgs     int      `json:"otherOrganizations" doc:"Participants in the lot outside the caller's scope (0 for a caller scoped to all)"`
	Annual        int64    `json:"annual" doc:"Euro cents a year"`
	Estimated     int64    `json:"estimated" doc:"Estimated value of the lot, euro cents"`
	Vendors       []string `json:"vendors" doc:"Distinct current vendors (groups) of the lot's participants (in the caller's scope)"`
	Exempt        bool     `json:"exempt" doc:"May be procured outside the EU procedure under the lot exemption (Aw 2012 art. 2.19)"`
}

type benefitJSON struct {
	Participants      int   `json:"participants"`
	SeparateCost      int64 `json:"separateCost" doc:"Participants × the assumed cost of one tender"`
	JointCost         int64 `json:"jointCost" doc:"One tender plus participants × the assumed cost of joining"`
	TransactionSaving int64 `json:"transactionSaving"`
	DiscountPerYear   int64 `json:"discountPerYear" doc:"The assumed volume discount on the annual value"`
	DiscountOverTerm  int64 `json:"discountOverTerm" doc:"The same over the initial term"`
	Total             int64 `json:"total" doc:"An estimate on the assumptions listed, never a fact"`
}

type justificationJSON struct {
	Topic string `json:"topic"`
	Basis string `json:"basis"`
	Text  string `json:"text"`
}

type suggestionJSON struct {
	Rank             int                     `json:"rank" doc:"1 is the most worthwhile: benefit raised by urgency"`
	Key              string                  `json:"key" example:"c3-20270601-w18" doc:"Refers to this suggestion, for POST /bundles/{key}/tender"`
	CategoryID       int64                   `json:"categoryId"`
	CategoryName     string                  `json:"categoryName"`
	CPV              string                  `json:"cpv"`
	Grouping         string                  `json:"grouping,omitempty" enum:"region,cooperation"`
	Group            string                  `json:"group,omitempty" doc:"Region name or cooperation code"`
	GroupName        string                  `json:"groupName,omitempty"`
	Window           int                     `json:"window" doc:"Months"`
	Title            string                  `json:"title" doc:"Title of the draft tender"`
	EarliestStart    string                  `json:"earliestStart" format:"date"`
	LatestStart      string                  `json:"latestStart" format:"date"`
	PlannedStart     string                  `json:"plannedStart" format:"date" doc:"The earliest needed start, or the earliest feasible start when that is later"`
	PreparationStart string                  `json:"preparationStart" format:"date" doc:"Latest day to start preparing (demand, mandates)"`
	Urgency          string                  `json:"urgency" enum:"late,now,soon,later"`
	Annual           int64                   `json:"annual" doc:"Euro cents a year, all participants"`
	TermMonths       int                     `json:"termMonths" doc:"Suggested initial term (an assumption)"`
	OptionMonths     []int                   `json:"optionMonths" doc:"Suggested options (an assumption)"`
	Bridges          int                     `json:"bridges"`
	AtRisk           int                     `json:"atRisk"`
	Score            int64                   `json:"score"`
	Why              []string                `json:"why" doc:"Why it is proposed, in Dutch"`
	Participants     []bundleParticipantJSON `json:"participants" doc:"For a caller scoped to one organization only its own"`
	OtherCount       int                     `json:"otherParticipants" doc:"Participants outside the caller's scope: counted, never named, dated or valued (0 for a caller scoped to all)"`
	ValuesWithheld   bool                    `json:"valuesWithheld" doc:"Fewer than two other organizations take part, so the joint money figures (annual, estimate, discount, score) are 0 for a scoped caller: they would disclose one organization's value"`
	Lots             []bundleLotJSON         `json:"lots"`
	Benefit          benefitJSON             `json:"benefit"`
	Plan             planJSON                `json:"plan" doc:"The draft tender's plan: value, procedure, timeline"`
	Justification    []justificationJSON     `json:"justification" doc:"Text elements for justifying the clustering (Aw 2012 art. 1.5; Gids Proportionaliteit)"`
	Assumptions      []assumptionJSON        `json:"assumptions"`
}

func toSuggestionJSON(rank int, s procurement.Suggestion) suggestionJSON {
	out := suggestionJSON{Rank: rank, Key: s.Key, CategoryID: s.CategoryID, CategoryName: s.CategoryName, CPV: s.CPV,
		Grouping: string(s.Grouping), Group: s.Group, GroupName: s.GroupName, Window: s.WindowMonths, Title: s.Tender.Title,
		EarliestStart: s.EarliestStart.String(), LatestStart: s.LatestStart.String(), PlannedStart: s.PlannedStart.String(),
		PreparationStart: s.PreparationStart.String(), Urgency: string(s.Urgency), Annual: int64(s.Annual),
		TermMonths: s.Tender.TermMonths, OptionMonths: []int{}, Bridges: s.Bridges, OtherCount: s.OtherParticipants, ValuesWithheld: s.ValuesWithheld, AtRisk: s.AtRisk, Score: s.Score,
		Why: append([]string{}, nl.BundleWhy(s)...), Participants: make([]bundleParticipantJSON, 0, len(s.Participants)),
		Lots: make([]bundleLotJSON, 0, len(s.Lots)), Plan: toPlanJSON(s.Plan), Benefit: benefitJSON{
			Participants: s.Benefit.Participants, SeparateCost: int64(s.Benefit.SeparateCost), JointCost: int64(s.Benefit.JointCost),
			TransactionSaving: int64(s.Benefit.TransactionSaving), DiscountPerYear: int64(s.Benefit.DiscountPerYear),
			DiscountOverTerm: int64(s.Benefit.DiscountOverTerm), Total: int64(s.Benefit.Total)},
		Justification: []justificationJSON{}, Assumptions: make([]assumptionJSON, 0, len(s.Assumptions))}
	for _, o := range s.Tender.Options {
		out.OptionMonths = append(out.OptionMonths, o.Months)
	}
	for _, p := range s.Participants {
		out.Participants = append(out.Participants, toBundleParticipantJSON(p))
	}
	for _, l := range s.Lots {
		out.Lots = append(out.Lots, bundleLotJSON{Number: l.Number, Title: l.Title, CPV: l.CPV, Basis: string(l.Basis),
			Organizations: append([]string{}, l.Organizations...), OtherOrgs: l.OtherOrganizations, Annual: int64(l.Annual), Estimated: int64(l.Value),
			Vendors: append([]string{}, l.Vendors...), Exempt: l.Exempt})
	}
	for _, j := range nl.BundleJustification(s) {
		out.Justification = append(out.Justification, justificationJSON(j))
	}
	for _, a := range s.Assumptions {
		out.Assumptions = append(out.Assumptions, assumptionJSON(nl.Assumption(a)))
	}
	return out
}

func toBundleParticipantJSON(p procurement.BundleParticipant) bundleParticipantJSON {
	return bundleParticipantJSON{Organization: p.Organization, Name: p.Name,
		NeededStart: p.NeededStart.String(), Source: string(p.Source), ContractID: p.Contract.ID,
		Contract: p.Contract.Number, Vendor: vendorLabel(p.Contract.VendorGroupName, p.Contract.VendorName),
		CommittedEnd: p.CommittedEnd.String(), DemandID: p.DemandID, Annual: int64(p.Annual), NeedsBridge: p.NeedsBridge,
		Bridgeable: p.Bridgeable, AtRisk: p.AtRisk, BridgeUntil: p.Gap.BridgeUntil.String(), GapReason: nl.GapReason(p.Gap)}
}

// vendorLabel names a vendor by its group when it has one.
func vendorLabel(group, vendor string) string {
	if group != "" {
		return group
	}
	return vendor
}

type bundlesPageInput struct {
	Category int64  `query:"category" minimum:"0" doc:"Category id; absent or 0: every category. An unknown category answers 422 naming query.category"`
	Window   int    `query:"window" minimum:"1" maximum:"60" doc:"Months of needed starts one tender may cover; absent: the configured window (default 18). 0 or over 60 answers 422 naming query.window"`
	Region   string `query:"region" maxLength:"100" doc:"Only the organizations of this region, bundled per region"`
	Grouping string `query:"grouping" enum:"region,cooperation" doc:"Bundle per region or per cooperation instead of all together"`
	PageSize int    `query:"pageSize" minimum:"1" maximum:"100" doc:"Suggestions per page; absent: 20"`
	After    string `query:"after" maxLength:"210" pattern:"^[0-9]{1,7}\\.[a-z0-9-]{1,200}$" doc:"Cursor of the page before: the next link carries it. The page starts after the suggestion it names, wherever that ranks now; when it is gone, at the rank after it"`
	Include  string `query:"include" enum:"participants" doc:"participants: each summary also lists the participants the caller may see"`
}

// bundleSummaryJSON is one suggestion in the list: what it is, how big
// and how urgent, without its participants, lots, plan and texts (GET
// /bundles/{key} has them).
type bundleSummaryJSON struct {
	Rank             int                     `json:"rank" doc:"1 is the most worthwhile: benefit raised by urgency"`
	Key              string                  `json:"key" example:"c3-20270601-w18" doc:"Refers to this suggestion, for GET /bundles/{key} and POST /bundles/{key}/tender"`
	Href             string                  `json:"href" doc:"The suggestion with its participants, lots, plan and justification"`
	CategoryID       int64                   `json:"categoryId"`
	CategoryName     string                  `json:"categoryName"`
	CPV              string                  `json:"cpv"`
	Grouping         string                  `json:"grouping,omitempty" enum:"region,cooperation"`
	Group            string                  `json:"group,omitempty" doc:"Region name or cooperation code"`
	GroupName        string                  `json:"groupName,omitempty"`
	Window           int                     `json:"window" doc:"Months"`
	Title            string                  `json:"title" doc:"Title of the draft tender"`
	EarliestStart    string                  `json:"earliestStart" format:"date"`
	LatestStart      string                  `json:"latestStart" format:"date"`
	PlannedStart     string                  `json:"plannedStart" format:"date"`
	PreparationStart string                  `json:"preparationStart" format:"date" doc:"Latest day to start preparing (demand, mandates)"`
	Urgency          string                  `json:"urgency" enum:"late,now,soon,later"`
	ParticipantCount int                     `json:"participantCount" doc:"Every participant, those outside the caller's scope included"`
	OtherCount       int                     `json:"otherParticipants" doc:"Participants outside the caller's scope: counted, never named (0 for a caller scoped to all)"`
	LotCount         int                     `json:"lotCount"`
	Annual           int64                   `json:"annual" doc:"Euro cents a year, all participants; 0 when valuesWithheld"`
	Estimated        int64                   `json:"estimated" doc:"Estimated value of the tender, euro cents; 0 when valuesWithheld"`
	Benefit          int64                   `json:"benefit" doc:"Estimated benefit in euro cents (an estimate on the assumptions listed with the suggestion)"`
	Bridges          int                     `json:"bridges" doc:"Participants (in the caller's scope) whose contract ends before the planned start"`
	AtRisk           int                     `json:"atRisk" doc:"Of those, the ones without a renewal or option left"`
	GapCount         int                     `json:"gapCount" doc:"The plan's gaps between current contracts and the planned start (in the caller's scope)"`
	Score            int64                   `json:"score"`
	ValuesWithheld   bool                    `json:"valuesWithheld" doc:"Fewer than two other organizations take part, so the joint money figures are 0 for a scoped caller"`
	Participants     []bundleParticipantJSON `json:"participants,omitempty" doc:"Only with include=participants: the participants the caller may see"`
}

func toBundleSummaryJSON(s procurement.RankedSuggestion, participants bool) bundleSummaryJSON {
	out := bundleSummaryJSON{Rank: s.Rank, Key: s.Key, Href: "/api/v1/bundles/" + s.Key, CategoryID: s.CategoryID, CategoryName: s.CategoryName,
		CPV: s.CPV, Grouping: string(s.Grouping), Group: s.Group, GroupName: s.GroupName, Window: s.WindowMonths, Title: s.Tender.Title,
		EarliestStart: s.EarliestStart.String(), LatestStart: s.LatestStart.String(), PlannedStart: s.PlannedStart.String(),
		PreparationStart: s.PreparationStart.String(), Urgency: string(s.Urgency), ParticipantCount: len(s.Participants) + s.OtherParticipants,
		OtherCount: s.OtherParticipants, LotCount: len(s.Lots), Annual: int64(s.Annual), Estimated: int64(s.Plan.Estimate.Total),
		Benefit: int64(s.Benefit.Total), Bridges: s.Bridges, AtRisk: s.AtRisk, GapCount: len(s.Plan.Gaps), Score: s.Score, ValuesWithheld: s.ValuesWithheld}
	if participants {
		out.Participants = make([]bundleParticipantJSON, 0, len(s.Participants))
		for _, p := range s.Participants {
			out.Participants = append(out.Participants, toBundleParticipantJSON(p))
		}
	}
	return out
}

type bundlesOutput struct {
	Body struct {
		AsOf        string              `json:"asOf" format:"date" doc:"The day the suggestions are computed for"`
		Total       int                 `json:"total" doc:"Suggestions the filter selects within the caller's scope"`
		PageSize    int                 `json:"pageSize"`
		Next        string              `json:"next,omitempty" doc:"The next page, with the same filter; absent on the last page"`
		Suggestions []bundleSummaryJSON `json:"suggestions" doc:"Ranked, most worthwhile first"`
	}
}

func (a *api) listBundles(ctx context.Context, in *bundlesPageInput) (*bundlesOutput, error) {
	page, err := a.procurement.BundlePage(ctx, web.ScopeFrom(ctx), procurement.BundlePageQuery{BundleQuery: in.query(), After: in.After, Limit: in.PageSize})
	if err != nil {
		return nil, err
	}
	out := &bundlesOutput{}
	out.Body.AsOf, out.Body.Total = page.AsOf.String(), page.Total
	out.Body.PageSize = cmp.Or(in.PageSize, procurement.DefaultBundlePageSize)
	out.Body.Suggestions = make([]bundleSummaryJSON, 0, len(page.Items))
	for _, s := range page.Items {
		out.Body.Suggestions = append(out.Body.Suggestions, toBundleSummaryJSON(s, in.Include == "participants"))
	}
	if page.Next != "" {
		out.Body.Next = "/api/v1/bundles?" + in.nextQuery(page.Next).Encode()
	}
	return out, nil
}

// nextQuery is the input's query with the cursor of the next page.
func (in *bundlesPageInput) nextQuery(after string) url.Values {
	q := url.Values{}
	if in.Category != 0 {
		q.Set("category", strconv.FormatInt(in.Category, 10))
	}
	if in.Window != 0 {
		q.Set("window", strconv.Itoa(in.Window))
	}
	for k, v := range map[string]string{"region": in.Region, "grouping": in.Grouping, "include": in.Include} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if in.PageSize != 0 {
		q.Set("pageSize", strconv.Itoa(in.PageSize))
	}
	q.Set("after", after)
	return q
}

type bundleKeyInput struct {
	Key string `path:"key" maxLength:"200" example:"c3-20270601-w18"`
}

type bundleOutput struct {
	Body suggestionJSON
}

// bundle answers one suggestion with everything the caller may see; 404
// for a key no suggestion has (any more) or one the caller's organization
// takes no part in.
func (a *api) bundle(ctx context.Context, in *bundleKeyInput) (*bundleOutput, error) {
	s, err := a.procurement.Bundle(ctx, web.ScopeFrom(ctx), in.Key)
	if err != nil {
		return nil, err
	}
	return &bundleOutput{Body: toSuggestionJSON(s.Rank, s.Suggestion)}, nil
}

type bundleTenderInput struct {
	Key  string `path:"key" maxLength:"200" example:"c3-20270601-w18"`
	Body struct {
		Lead string `json:"lead,omitempty" maxLength:"32" example:"COOP-ICT" doc:"Code of the lead authority the coordinator chooses; there is no default, a request without one is refused (422)"`
	}
}

// createBundleTender turns a suggestion into a draft tender: 201 with the
// tender and its Location, 404 for a key no suggestion has (any more), 422
// naming body.lead for an unknown or missing lead: the lead is chosen,
// never taken from the caller or the suggestion.
func (a *api) createBundleTender(ctx context.Context, in *bundleTenderInput) (*tenderOutput, error) {
	lead := strings.TrimSpace(in.Body.Lead)
	if lead == "" {
		return nil, apperr.FieldProblem("lead", apperr.LeadRequired)
	}
	id, err := a.procurement.TenderFromSuggestion(ctx, in.Key, lead)
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
