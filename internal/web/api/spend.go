package api

import (
	"context"
	"strconv"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/web"
)

// The spend, dependency and concentration API (issue #6). Money is in
// euro cents, shares in basis points (1/100 of a percent), dates ISO 8601
// calendar dates; every figure is computed for today (Europe/Amsterdam)
// with the configured indexation, which each answer states.

// spendOrganizationJSON names the organization a report is about.
type spendOrganizationJSON struct {
	Code       string `json:"code" example:"GM0363"`
	Name       string `json:"name" example:"Amsterdam"`
	Kind       string `json:"kind" enum:"municipality,province,water_board,joint_arrangement,cooperation,other"`
	Population int    `json:"population" doc:"Inhabitants; 0 when unknown"`
	SizeClass  string `json:"sizeClass,omitempty" enum:"lt20k,20k-50k,50k-100k,100k-plus"`
}

// toSpendOrganizationJSON returns nil for the zero organization: a report
// about several organizations names none.
func toSpendOrganizationJSON(o contracts.Organization) *spendOrganizationJSON {
	if o.Code == "" {
		return nil
	}
	return &spendOrganizationJSON{Code: o.Code, Name: o.Name, Kind: string(o.Kind), Population: o.Population, SizeClass: string(o.SizeClass())}
}

// indexationJSON states the indexation the figures use.
type indexationJSON struct {
	Default int            `json:"default" doc:"Basis points a year for years without a figure of their own: an assumption (350 is 3.50 %)"`
	ByYear  map[string]int `json:"byYear" doc:"Basis points per calendar year, e.g. the CBS J62 index GIBIT art. 11.8 uses"`
}

func toIndexationJSON(r contracts.IndexRates) indexationJSON {
	out := indexationJSON{Default: r.Default, ByYear: map[string]int{}}
	for y, rate := range r.ByYear {
		out.ByYear[strconv.Itoa(y)] = rate
	}
	return out
}

// optionalMoney returns a pointer to m when ok: figures per inhabitant
// are absent, not 0, where there is no population to divide by.
func optionalMoney(m contracts.Money, ok bool) *int64 {
	if !ok {
		return nil
	}
	v := int64(m)
	return &v
}

type spendRowJSON struct {
	Key           string `json:"key" example:"17" doc:"Vendor group or vendor id (of the group's top for vendorGroup), category id (\"0\": no category) or organization code"`
	Label         string `json:"label" example:"Polderlink Groep B.V."`
	Amount        int64  `json:"amount" doc:"Committed spend in the year, euro cents excluding VAT"`
	ContractSpend int64  `json:"contractSpend" doc:"The part of amount from contracts without licence lines (their annual value), euro cents"`
	LicenceSpend  int64  `json:"licenceSpend" doc:"The part of amount from licence lines, euro cents"`
	BasisPoints   int    `json:"basisPoints" doc:"Share of the total, 1/100 of a percent"`
	Contracts     int    `json:"contracts" doc:"Contracts with spend in the year"`
	PerInhabitant *int64 `json:"perInhabitant,omitempty" doc:"Euro cents per inhabitant; only for organization rows and for a report about one organization with a known population"`
}

type spendReportJSON struct {
	Year          int                    `json:"year"`
	GroupBy       string                 `json:"groupBy" enum:"vendorGroup,vendor,category,organization"`
	AsOf          string                 `json:"asOf" format:"date" doc:"Renewals and notices as they stand on this day"`
	Organization  *spendOrganizationJSON `json:"organization,omitempty" doc:"The organization the report is about, when one"`
	Indexation    indexationJSON         `json:"indexation"`
	Total         int64                  `json:"total" doc:"Euro cents"`
	ContractSpend int64                  `json:"contractSpend" doc:"The part of total from contracts without licence lines (their annual value), euro cents"`
	LicenceSpend  int64                  `json:"licenceSpend" doc:"The part of total from licence lines, euro cents"`
	Contracts     int                    `json:"contracts"`
	PerInhabitant *int64                 `json:"perInhabitant,omitempty" doc:"Euro cents per inhabitant of the one organization"`
	Rows          []spendRowJSON         `json:"rows" doc:"Highest amount first"`
}

type spendInput struct {
	GroupBy      string `query:"groupBy" enum:"vendorGroup,vendor,category,organization" default:"vendorGroup" doc:"What each row is: vendor group (subsidiaries rolled up), vendor, category or buying organization"`
	Year         int    `query:"year" minimum:"2000" maximum:"2100" doc:"Calendar year; default the current year"`
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; a user scoped to one organization gets its own without naming it, and 403 for another"`
}

type spendOutput struct{ Body spendReportJSON }

// yearOr returns year, or the current year when it was not given.
func (a *api) yearOr(year int) int {
	if year == 0 {
		return a.contracts.Today().Year()
	}
	return year
}

func (a *api) spend(ctx context.Context, in *spendInput) (*spendOutput, error) {
	scope := web.ScopeFrom(ctx)
	rep, err := a.contracts.Spend(ctx, scope, contracts.SpendQuery{GroupBy: contracts.SpendGroupBy(in.GroupBy), Year: a.yearOr(in.Year),
		Organization: web.SpendOrganization(scope, in.Organization)})
	if err != nil {
		return nil, err
	}
	out := &spendOutput{Body: spendReportJSON{Year: rep.Year, GroupBy: string(rep.GroupBy), AsOf: rep.AsOf.String(),
		Organization: toSpendOrganizationJSON(rep.Organization), Indexation: toIndexationJSON(rep.Index),
		Total: int64(rep.Total), ContractSpend: int64(rep.Split.Contract), LicenceSpend: int64(rep.Split.Licence),
		Contracts: rep.Contracts, PerInhabitant: optionalMoney(rep.PerInhabitant, rep.Population > 0),
		Rows: make([]spendRowJSON, len(rep.Rows))}}
	for i, r := range rep.Rows {
		out.Body.Rows[i] = spendRowJSON{Key: r.Key, Label: r.Label, Amount: int64(r.Amount), ContractSpend: int64(r.Split.Contract),
			LicenceSpend: int64(r.Split.Licence), BasisPoints: r.BasisPoints,
			Contracts: r.Contracts, PerInhabitant: optionalMoney(r.PerInhabitant, r.Population > 0)}
	}
	return out, nil
}

type forecastInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; a user scoped to one organization gets its own without naming it, and 403 for another"`
	From         int    `query:"from" minimum:"2000" maximum:"2100" doc:"First year; default the current year"`
	Years        int    `query:"years" minimum:"1" maximum:"10" default:"5" doc:"Number of years"`
}

type yearSpendJSON struct {
	Year          int    `json:"year"`
	Amount        int64  `json:"amount" doc:"Euro cents"`
	Contracts     int    `json:"contracts" doc:"Contracts with spend in the year"`
	PerInhabitant *int64 `json:"perInhabitant,omitempty" doc:"Euro cents per inhabitant of the one organization"`
}

type forecastOutput struct {
	Body struct {
		AsOf         string                 `json:"asOf" format:"date"`
		Organization *spendOrganizationJSON `json:"organization,omitempty"`
		Indexation   indexationJSON         `json:"indexation"`
		Years        []yearSpendJSON        `json:"years"`
	}
}

func (a *api) spendForecast(ctx context.Context, in *forecastInput) (*forecastOutput, error) {
	scope := web.ScopeFrom(ctx)
	fc, err := a.contracts.SpendForecast(ctx, scope, contracts.ForecastQuery{Organization: web.SpendOrganization(scope, in.Organization),
		From: a.yearOr(in.From), Years: in.Years})
	if err != nil {
		return nil, err
	}
	out := &forecastOutput{}
	out.Body.AsOf, out.Body.Organization, out.Body.Indexation = fc.AsOf.String(), toSpendOrganizationJSON(fc.Organization), toIndexationJSON(fc.Index)
	out.Body.Years = make([]yearSpendJSON, len(fc.Years))
	for i, y := range fc.Years {
		out.Body.Years[i] = yearSpendJSON{Year: y.Year, Amount: int64(y.Amount), Contracts: y.Contracts,
			PerInhabitant: optionalMoney(y.PerInhabitant, fc.Population > 0)}
	}
	return out, nil
}

type peersInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"The organization to compare; required unless the caller is scoped to one organization"`
	Year         int    `query:"year" minimum:"2000" maximum:"2100" doc:"Calendar year; default the current year"`
}

type peersOutput struct {
	Body struct {
		Organization  spendOrganizationJSON `json:"organization"`
		SizeClass     string                `json:"sizeClass" enum:"lt20k,20k-50k,50k-100k,100k-plus"`
		Year          int                   `json:"year"`
		AsOf          string                `json:"asOf" format:"date"`
		Amount        int64                 `json:"amount" doc:"The organization's committed spend in the year, euro cents"`
		PerInhabitant int64                 `json:"perInhabitant" doc:"Euro cents per inhabitant"`
		Peers         int                   `json:"peers" doc:"Organizations of the same kind and size class with spend in the year, the organization included when it has spend"`
		Min           int64                 `json:"min" doc:"Peers' spend per inhabitant, euro cents"`
		Q1            int64                 `json:"q1" doc:"First quartile (linear interpolation, as QUARTILE.INC)"`
		Median        int64                 `json:"median"`
		Q3            int64                 `json:"q3"`
		Max           int64                 `json:"max"`
		Rank          int                   `json:"rank" doc:"Place among the peers from the lowest spend per inhabitant (1); 0 without spend"`
		TooFewPeers   bool                  `json:"tooFewPeers" doc:"Fewer than 5 organizations compare: min, quartiles, max and rank are left out (0), so no peer's spend can be read off them"`
	}
}

func (a *api) spendPeers(ctx context.Context, in *peersInput) (*peersOutput, error) {
	scope := web.ScopeFrom(ctx)
	org := web.SpendOrganization(scope, in.Organization)
	if org == "" {
		return nil, apperr.FieldProblem("organization", apperr.CompareOrganization)
	}
	pc, err := a.contracts.PeerComparison(ctx, scope, org, a.yearOr(in.Year))
	if err != nil {
		return nil, err
	}
	out := &peersOutput{}
	b := &out.Body
	b.Organization, b.SizeClass, b.Year, b.AsOf = *toSpendOrganizationJSON(pc.Organization), string(pc.SizeClass), pc.Year, pc.AsOf.String()
	b.Amount, b.PerInhabitant, b.Peers, b.Rank = int64(pc.Amount), int64(pc.PerInhabitant), pc.Peers, pc.Rank
	b.Min, b.Q1, b.Median, b.Q3, b.Max = int64(pc.Min), int64(pc.Q1), int64(pc.Median), int64(pc.Q3), int64(pc.Max)
	b.TooFewPeers = pc.TooFewPeers
	return out, nil
}

// shareJSON is a party's part of a total.
type shareJSON struct {
	Key         string `json:"key" doc:"The vendor group's id (its top vendor)"`
	Label       string `json:"label"`
	Amount      int64  `json:"amount" doc:"Euro cents"`
	BasisPoints int    `json:"basisPoints"`
}

// concentrationJSON is a Herfindahl-Hirschman index with its shares.
type concentrationJSON struct {
	Total  int64       `json:"total" doc:"Euro cents"`
	HHI    int         `json:"hhi" doc:"Σ (share in %)², 0–10,000"`
	Band   string      `json:"band,omitempty" enum:"unconcentrated,moderate,concentrated" doc:"EU scale: below 1,000 unconcentrated, above 2,000 concentrated; absent without spend"`
	BandUS string      `json:"bandUS,omitempty" enum:"unconcentrated,moderate,concentrated" doc:"US scale for comparison: below 1,500, above 2,500"`
	CR1    int         `json:"cr1" doc:"Largest party's share, basis points"`
	CR3    int         `json:"cr3" doc:"Three largest parties' share, basis points"`
	Shares []shareJSON `json:"shares" doc:"Largest first"`
}

func toConcentrationJSON(c contracts.Concentration) concentrationJSON {
	out := concentrationJSON{Total: int64(c.Total), HHI: c.HHI, Band: string(c.Band), CR1: c.CR1, CR3: c.CR3, Shares: make([]shareJSON, len(c.Shares))}
	if c.Total > 0 {
		out.BandUS = string(contracts.USBand(c.HHI))
	}
	for i, s := range c.Shares {
		out.Shares[i] = shareJSON{Key: s.Key, Label: s.Label, Amount: int64(s.Amount), BasisPoints: s.BasisPoints}
	}
	return out
}

type vendorDependencyJSON struct {
	GroupID     int64  `json:"groupId"`
	GroupName   string `json:"groupName"`
	Amount      int64  `json:"amount" doc:"Euro cents"`
	BasisPoints int    `json:"basisPoints" doc:"Share of the organization's spend"`
	Contracts   int    `json:"contracts" doc:"Applications: the organization's contracts with the group that have spend in the year"`
}

type lockInFactorJSON struct {
	Key    string `json:"key" enum:"noExitPlan,noOpenData,tenure,vendorShare,tacitRenewal,criticalWithoutContinuity"`
	Label  string `json:"label" example:"geen exitplan (GIBIT art. 26)"`
	Points int    `json:"points"`
}

type contractLockInJSON struct {
	ContractID    int64              `json:"contractId"`
	Number        string             `json:"number"`
	Title         string             `json:"title"`
	VendorID      int64              `json:"vendorId"`
	VendorName    string             `json:"vendorName"`
	GroupID       int64              `json:"groupId"`
	GroupName     string             `json:"groupName"`
	CategoryID    int64              `json:"categoryId,omitempty"`
	CategoryName  string             `json:"categoryName,omitempty"`
	Spend         int64              `json:"spend" doc:"The contract's committed spend in the year, euro cents"`
	TenureYears   int                `json:"tenureYears" doc:"Full years since the organization's earliest contract with this vendor group in this category started"`
	VendorShareBP int                `json:"vendorShareBasisPoints" doc:"The vendor group's share of the organization's spend"`
	Score         int                `json:"score" doc:"Lock-in, 0–100"`
	Factors       []lockInFactorJSON `json:"factors" doc:"What the score is made of; factors adding nothing are left out"`
}

type lockInWeightsJSON struct {
	NoExitPlan                int `json:"noExitPlan"`
	NoOpenData                int `json:"noOpenData"`
	Tenure                    int `json:"tenure"`
	VendorShare               int `json:"vendorShare"`
	TacitRenewal              int `json:"tacitRenewal"`
	CriticalWithoutContinuity int `json:"criticalWithoutContinuity"`
}

type exitReadinessJSON struct {
	Ready          int64 `json:"ready" doc:"Spend under contracts with an exit plan (GIBIT art. 26) and open data access and export (art. 21, 8), euro cents"`
	Total          int64 `json:"total" doc:"Euro cents"`
	BasisPoints    int   `json:"basisPoints" doc:"ready / total"`
	ReadyContracts int   `json:"readyContracts"`
	Contracts      int   `json:"contracts" doc:"Contracts with spend in the year"`
}

type dependencyInput struct {
	Code string `path:"code" maxLength:"32" example:"GM0363"`
	Year int    `query:"year" minimum:"2000" maximum:"2100" doc:"Calendar year; default the current year"`
}

type dependencyOutput struct {
	Body struct {
		Organization  spendOrganizationJSON  `json:"organization"`
		Year          int                    `json:"year"`
		AsOf          string                 `json:"asOf" format:"date"`
		Indexation    indexationJSON         `json:"indexation"`
		Concentration concentrationJSON      `json:"concentration" doc:"Over vendor groups of the organization's spend in the year"`
		Vendors       []vendorDependencyJSON `json:"vendors" doc:"Vendor groups with spend, largest first"`
		LockIn        []contractLockInJSON   `json:"lockIn" doc:"The contracts in force today with the highest lock-in, at most 10, highest first"`
		Weights       lockInWeightsJSON      `json:"lockInWeights" doc:"The points each factor adds at most; they sum to 100"`
		Deadlines     []alertJSON            `json:"deadlines" doc:"Notice deadlines and option decisions of the next 12 months, soonest first; a missed notice deadline first, dated today"`
		Exit          exitReadinessJSON      `json:"exitReadiness"`
	}
}

func (a *api) dependency(ctx context.Context, in *dependencyInput) (*dependencyOutput, error) {
	dep, err := a.contracts.DependencySummary(ctx, web.ScopeFrom(ctx), in.Code, a.yearOr(in.Year))
	if err != nil {
		return nil, err
	}
	out := &dependencyOutput{}
	b := &out.Body
	b.Organization, b.Year, b.AsOf, b.Indexation = *toSpendOrganizationJSON(dep.Organization), dep.Year, dep.AsOf.String(), toIndexationJSON(dep.Index)
	b.Concentration = toConcentrationJSON(dep.Concentration)
	b.Vendors = make([]vendorDependencyJSON, len(dep.Vendors))
	for i, v := range dep.Vendors {
		b.Vendors[i] = vendorDependencyJSON{GroupID: v.GroupID, GroupName: v.GroupName, Amount: int64(v.Amount), BasisPoints: v.BasisPoints, Contracts: v.Contracts}
	}
	b.LockIn = make([]contractLockInJSON, len(dep.LockIn))
	for i, l := range dep.LockIn {
		factors := make([]lockInFactorJSON, len(l.LockIn.Factors))
		for j, f := range l.LockIn.Factors {
			factors[j] = lockInFactorJSON{Key: f.Key, Label: nl.LockInFactor(f), Points: f.Points}
		}
		b.LockIn[i] = contractLockInJSON{ContractID: l.ContractID, Number: l.Number, Title: l.Title, VendorID: l.VendorID, VendorName: l.VendorName,
			GroupID: l.GroupID, GroupName: l.GroupName, CategoryID: l.CategoryID, CategoryName: l.CategoryName, Spend: int64(l.Spend),
			TenureYears: l.TenureYears, VendorShareBP: l.VendorShareBP, Score: l.LockIn.Score, Factors: factors}
	}
	w := dep.Weights
	b.Weights = lockInWeightsJSON{NoExitPlan: w.NoExitPlan, NoOpenData: w.NoOpenData, Tenure: w.Tenure, VendorShare: w.VendorShare,
		TacitRenewal: w.TacitRenewal, CriticalWithoutContinuity: w.CriticalWithoutContinuity}
	b.Deadlines = make([]alertJSON, len(dep.Deadlines))
	for i, al := range dep.Deadlines {
		b.Deadlines[i] = toAlertJSON(al)
	}
	e := dep.Exit
	b.Exit = exitReadinessJSON{Ready: int64(e.Ready), Total: int64(e.Total), BasisPoints: e.BasisPoints, ReadyContracts: e.ReadyContracts, Contracts: e.Contracts}
	return out, nil
}

type groupReachJSON struct {
	GroupID       int64  `json:"groupId"`
	GroupName     string `json:"groupName"`
	Organizations int    `json:"organizations" doc:"Organizations for which the group holds more than 50 % of their spend in the category (overall: in at least one category)"`
	Positions     int    `json:"positions" doc:"Organization × category pairs where it does"`
}

func toGroupReachJSON(rs []contracts.GroupReach) []groupReachJSON {
	out := make([]groupReachJSON, len(rs))
	for i, r := range rs {
		out[i] = groupReachJSON{GroupID: r.GroupID, GroupName: r.GroupName, Organizations: r.Organizations, Positions: r.Positions}
	}
	return out
}

type categoryConcentrationJSON struct {
	CategoryID    int64             `json:"categoryId"`
	Name          string            `json:"name"`
	Buyers        int               `json:"buyers" doc:"Organizations with spend in the category"`
	Concentration concentrationJSON `json:"concentration" doc:"Over vendor groups of the category's spend across all organizations"`
	Reach         []groupReachJSON  `json:"reach" doc:"Groups holding more than half of a buyer's spend in the category, most buyers first"`
}

type yearInput struct {
	Year int `query:"year" minimum:"2000" maximum:"2100" doc:"Calendar year; default the current year"`
}

type concentrationOutput struct {
	Body struct {
		Year          int                         `json:"year"`
		AsOf          string                      `json:"asOf" format:"date"`
		Indexation    indexationJSON              `json:"indexation"`
		Total         int64                       `json:"total" doc:"Spend of the year across all organizations, euro cents"`
		Uncategorized int64                       `json:"uncategorized" doc:"Spend under contracts without a category, left out of the categories"`
		Categories    []categoryConcentrationJSON `json:"categories" doc:"Highest HHI first"`
		Reach         []groupReachJSON            `json:"reach" doc:"Vendor groups by the number of organizations they hold more than half of a category's spend for"`
	}
}

func (a *api) concentration(ctx context.Context, in *yearInput) (*concentrationOutput, error) {
	cc, err := a.contracts.CooperativeConcentration(ctx, web.ScopeFrom(ctx), a.yearOr(in.Year))
	if err != nil {
		return nil, err
	}
	out := &concentrationOutput{}
	b := &out.Body
	b.Year, b.AsOf, b.Indexation, b.Total, b.Uncategorized = cc.Year, cc.AsOf.String(), toIndexationJSON(cc.Index), int64(cc.Total), int64(cc.Uncategorized)
	b.Categories = make([]categoryConcentrationJSON, len(cc.Categories))
	for i, c := range cc.Categories {
		b.Categories[i] = categoryConcentrationJSON{CategoryID: c.CategoryID, Name: c.Name, Buyers: c.Buyers,
			Concentration: toConcentrationJSON(c.Concentration), Reach: toGroupReachJSON(c.Reach)}
	}
	b.Reach = toGroupReachJSON(cc.Reach)
	return out, nil
}

type organizationRefJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type categoryReachJSON struct {
	CategoryID  int64                 `json:"categoryId"`
	Name        string                `json:"name"`
	Amount      int64                 `json:"amount" doc:"The group's spend in the category across all organizations, euro cents"`
	Total       int64                 `json:"total" doc:"The category's spend across all organizations, euro cents"`
	BasisPoints int                   `json:"basisPoints" doc:"amount / total"`
	Customers   int                   `json:"customers" doc:"Organizations with spend with the group in the category"`
	Buyers      int                   `json:"buyers" doc:"Organizations with spend in the category"`
	Dominated   []organizationRefJSON `json:"dominated" doc:"Organizations for which the group holds more than half of the category's spend, by name"`
}

type vendorReachInput struct {
	ID   int64 `path:"id" minimum:"1" example:"12" doc:"Any vendor of the group: its top or a subsidiary"`
	Year int   `query:"year" minimum:"2000" maximum:"2100" doc:"Calendar year; default the current year"`
}

type vendorReachOutput struct {
	Body struct {
		GroupID       int64               `json:"groupId" doc:"The top of the vendor's group"`
		GroupName     string              `json:"groupName"`
		Year          int                 `json:"year"`
		AsOf          string              `json:"asOf" format:"date"`
		Organizations int                 `json:"organizations" doc:"Organizations for which the group holds more than 50 % of the spend in at least one category"`
		Categories    []categoryReachJSON `json:"categories" doc:"Categories where the group has spend, most dominated organizations first"`
	}
}

func (a *api) vendorReach(ctx context.Context, in *vendorReachInput) (*vendorReachOutput, error) {
	vr, err := a.contracts.VendorReach(ctx, web.ScopeFrom(ctx), in.ID, a.yearOr(in.Year))
	if err != nil {
		return nil, err
	}
	out := &vendorReachOutput{}
	b := &out.Body
	b.GroupID, b.GroupName, b.Year, b.AsOf, b.Organizations = vr.GroupID, vr.GroupName, vr.Year, vr.AsOf.String(), vr.Organizations
	b.Categories = make([]categoryReachJSON, len(vr.Categories))
	for i, c := range vr.Categories {
		dom := make([]organizationRefJSON, len(c.Dominated))
		for j, o := range c.Dominated {
			dom[j] = organizationRefJSON{Code: o.Code, Name: o.Name}
		}
		b.Categories[i] = categoryReachJSON{CategoryID: c.CategoryID, Name: c.Name, Amount: int64(c.Amount), Total: int64(c.Total),
			BasisPoints: c.BasisPoints, Customers: c.Customers, Buyers: c.Buyers, Dominated: dom}
	}
	return out, nil
}
