package procurement

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// This file turns clusters of candidates into ranked suggestions: the
// draft tender with its lots and plan, the bridges, the benefit and the
// key.

// Urgency says how soon the preparation of a suggested tender must start.
type Urgency string

// The urgencies, most urgent first.
const (
	// UrgencyLate: preparation should have started already; the earliest
	// needed start cannot be met and the plan starts later.
	UrgencyLate Urgency = "late"
	// UrgencyNow: preparation must start within 90 days.
	UrgencyNow Urgency = "now"
	// UrgencySoon: preparation must start within 180 days.
	UrgencySoon Urgency = "soon"
	// UrgencyLater: there is more than half a year.
	UrgencyLater Urgency = "later"
)

// Urgencies returns the urgencies, most urgent first.
func Urgencies() []Urgency { return []Urgency{UrgencyLate, UrgencyNow, UrgencySoon, UrgencyLater} }

// bonus is the urgency's weight in the ranking, in percent on top of the
// benefit.
func (u Urgency) bonus() int64 {
	switch u {
	case UrgencyLate:
		return 100
	case UrgencyNow:
		return 50
	case UrgencySoon:
		return 25
	}
	return 0
}

// bundleUrgency classifies the days from today to the latest preparation
// start.
func bundleUrgency(late bool, days int) Urgency {
	switch {
	case late:
		return UrgencyLate
	case days <= 90:
		return UrgencyNow
	case days <= 180:
		return UrgencySoon
	}
	return UrgencyLater
}

// BundleParticipant is one organization in a suggestion: the candidate,
// its proposed volumes per lot and how its current contract meets the
// planned start.
type BundleParticipant struct {
	Candidate
	// Volumes are its annual values per proposed lot (LotID is the lot's
	// number in the suggestion).
	Volumes []LotVolume
	// Gap compares its current contract with the planned start.
	Gap Gap
	// NeedsBridge says its current contract ends before the planned start;
	// Bridgeable that a remaining tacit renewal or extension option covers
	// the gap, AtRisk that nothing does.
	NeedsBridge bool
	Bridgeable  bool
	AtRisk      bool
}

// Benefit is the estimated benefit of one joint tender over separate
// ones. It is an estimate with visible assumptions, never a fact
// (DESIGN §4, bundling).
type Benefit struct {
	Participants int
	// SeparateCost is N tenders × CostPerTender; JointCost one tender's
	// CostPerTender + N × JointCostPerParticipant; TransactionSaving the
	// difference.
	SeparateCost      contracts.Money
	JointCost         contracts.Money
	TransactionSaving contracts.Money
	// DiscountPerYear is VolumeDiscountBasisPoints of the annual value;
	// DiscountOverTerm that over the initial term.
	DiscountPerYear  contracts.Money
	DiscountOverTerm contracts.Money
	// Total is TransactionSaving + DiscountOverTerm.
	Total contracts.Money
}

// Suggestion is one proposed joint tender.
type Suggestion struct {
	// Key identifies the suggestion stably for the same data: category,
	// earliest needed start, window and group (see BundleKey).
	Key          string
	CategoryID   int64
	CategoryName string
	// CPV is the category's main CPV code, CategoryCPV all of the
	// category's codes.
	CPV          string
	CategoryCPV  []string
	Grouping     Grouping
	Group        string
	GroupName    string
	WindowMonths int
	// Participants are ordered by organization code. For a caller scoped
	// to some organizations they are those organizations only, and
	// OtherParticipants counts the rest (bundleScope).
	Participants      []BundleParticipant
	OtherParticipants int
	// ValuesWithheld says the joint money figures (Annual, the estimate,
	// the volume discount, Score) are withheld from a scoped caller
	// because too few other organizations take part (bundleMinOthers).
	ValuesWithheld bool
	// EarliestStart and LatestStart span the participants' needed starts.
	EarliestStart contracts.Date
	LatestStart   contracts.Date
	// Annual is the participants' annual value together.
	Annual contracts.Money
	// Tender is the draft joint tender the suggestion proposes, and Lots
	// its lots (ID = number); the participants' Volumes point at them.
	Tender Tender
	Lots   []LotProposal
	// Plan is the draft tender's computed plan: estimate, threshold,
	// procedure, backward timeline and gaps.
	Plan Plan
	// PreparationStart is the latest day to start preparing (demand,
	// mandates); PlannedStart the contract start the plan aims at: the
	// earliest needed start, or the earliest feasible start when that is
	// later (Urgency is then UrgencyLate).
	PreparationStart contracts.Date
	PlannedStart     contracts.Date
	Urgency          Urgency
	// Bridges counts the participants who need a bridge, AtRisk those
	// without a renewal or option to bridge with.
	Bridges int
	AtRisk  int
	Benefit Benefit
	// PreparationDays counts the days from today to PreparationStart.
	PreparationDays int
	// Score ranks the suggestion (see RankSuggestions).
	Score int64
	// Assumptions are the bundler's own (Bundling), for the page; the
	// plan has its own.
	Assumptions []Assumption
	// Scoped says the suggestion is shown to a caller scoped to the
	// organizations in Participants: the others only as a number, and
	// without the clustering justification, which names every
	// participant's vendor. internal/nl words why it is proposed
	// (BundleWhy) and that justification (BundleJustification).
	Scoped bool

	// Cooperations are the cooperations participants belong to, most
	// participants first: candidates to lead the tender.
	Cooperations []CooperationShare

	// current is what Current returns.
	current map[string]contracts.ContractSummary
}

// CooperationShare is a cooperation with the number of a suggestion's
// participants that belong to it.
type CooperationShare struct {
	Code, Name   string
	Participants int
}

// SuggestionParticipants returns the participants of s as a draft tender
// has them, by organization code, with mandates requested today.
func (s Suggestion) SuggestionParticipants(today contracts.Date) []Participant {
	out := make([]Participant, 0, len(s.Participants))
	for _, p := range s.Participants {
		out = append(out, Participant{
			Organization: p.Organization, DemandID: p.DemandID, Joined: today,
			Volumes: slices.Clone(p.Volumes),
			Mandate: Mandate{Status: MandateRequested, Requested: today},
			Name:    p.Name, Kind: p.Kind, Province: p.Province, Population: p.Population,
		})
	}
	return out
}

// DraftLots returns the proposed lots as a draft tender has them: the lot
// numbers double as ids, which the participants' volumes point at, and
// each lot's Key is its proposal's.
func (s Suggestion) DraftLots() []Lot {
	out := make([]Lot, 0, len(s.Lots))
	for _, l := range s.Lots {
		out = append(out, Lot{ID: int64(l.Number), Number: l.Number, Title: l.Title, CPV: l.CPV, proposed: l.Key})
	}
	return out
}

// Current returns the participants' current contracts by organization
// code as the draft tender's plan compares them with its start (see
// CurrentContracts).
func (s Suggestion) Current() map[string]contracts.ContractSummary { return s.current }

// CurrentContracts picks each organization's current contract among cs
// (one category's contracts) as a tender's plan does: the active contract,
// not expired today, that is committed longest; on a tie the first in cs.
// Its Dates are computed for today.
func CurrentContracts(cs []contracts.ContractSummary, today contracts.Date) map[string]contracts.ContractSummary {
	return BundleInput{Contracts: cs, Today: today}.withDates().current()
}

// current is CurrentContracts over the input's contracts; for an input
// read in two steps, of the organizations withDetails read them for.
func (in BundleInput) current() map[string]contracts.ContractSummary {
	at := in.currentAt
	if at == nil {
		at = in.currentContracts()
	}
	out := make(map[string]contracts.ContractSummary, len(at))
	for code, i := range at {
		if c, ok := in.summary(i); ok {
			c.Dates = c.Contract.Dates(in.Today)
			out[code] = c
		}
	}
	return out
}

// currentContracts returns, by organization, the row of its current
// contract (see CurrentContracts).
func (in BundleInput) currentContracts() map[string]int {
	out := map[string]int{}
	for i, r := range in.rows {
		if r.status != contracts.StatusActive || r.expired {
			continue
		}
		if old, ok := out[r.organization]; !ok || in.rows[old].committedEnd.Before(r.committedEnd) {
			out[r.organization] = i
		}
	}
	return out
}

// Suggest proposes the joint tenders for one category (DESIGN §4,
// bundling; issue 8): Candidates, split by Clusters, and for every cluster
// of at least MinParticipants organizations a Suggestion with the draft
// tender, its lots, its computed plan, the bridges, the benefit, the
// reasons and the clustering justification. The suggestions come ranked
// (RankSuggestions). A window outside 1–MaxWindowMonths is
// apperr.FieldErrors on "window", an unknown grouping on "grouping".
func Suggest(in BundleInput) ([]Suggestion, error) {
	var fe apperr.FieldErrors
	if err := ValidateWindow(in.WindowMonths); err != nil {
		fe = append(fe, apperr.Fields(err)...)
	}
	if !in.Grouping.Valid() {
		fe.Add("grouping", apperr.OneOf, apperr.Or(string(GroupRegion), string(GroupCooperation)), string(in.Grouping))
	}
	if err := fe.Err(); err != nil {
		return nil, fmt.Errorf("procurement: suggest bundles: %w", err)
	}
	in.Settings = in.Settings.withDefaults()
	if len(in.Rules.Thresholds) == 0 {
		in.Rules.Thresholds = DefaultThresholds()
	}
	if in.Rules.Limits == (TimeLimits{}) {
		in.Rules.Limits = DefaultTimeLimits()
	}
	if in.Rules.Durations == (Durations{}) {
		in.Rules.Durations = DefaultDurations()
	}
	in = in.withDates()
	needs := in.needs()
	in, err := in.withDetails(needs)
	if err != nil {
		return nil, fmt.Errorf("procurement: suggest bundles: %w", err)
	}
	cands := in.candidates(needs)
	if region := strings.TrimSpace(in.Region); region != "" {
		cands = slices.DeleteFunc(cands, func(c Candidate) bool { return !strings.EqualFold(c.Region, region) })
	}
	var out []Suggestion
	var current map[string]contracts.ContractSummary
	for _, cl := range Clusters(cands, in.WindowMonths, in.Grouping, in.Organizations) {
		if len(cl.Candidates) < in.Settings.MinParticipants {
			continue
		}
		if current == nil {
			current = in.current()
		}
		out = append(out, in.suggestion(cl, current))
	}
	RankSuggestions(out)
	return out, nil
}

// RankSuggestions orders suggestions by score, highest first; ties by the
// latest preparation start (earliest first), then key. The score is the
// estimated benefit (Benefit.Total) raised by the urgency: +100 % when the
// earliest needed start can no longer be met, +50 % when preparation must
// start within 90 days, +25 % within 180 days. So a suggestion that must
// start now outranks one with up to 1.5 times its benefit that can wait,
// and benefit decides between suggestions equally urgent.
func RankSuggestions(s []Suggestion) {
	slices.SortStableFunc(s, func(a, b Suggestion) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		if c := bundleDateOrder(a.PreparationStart, b.PreparationStart); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
}

// suggestion builds the suggestion for one cluster; current holds the
// category's current contracts by organization (CurrentContracts).
func (in BundleInput) suggestion(cl Cluster, current map[string]contracts.ContractSummary) Suggestion {
	b := in.Settings
	s := Suggestion{
		CategoryID: in.Category.ID, CategoryName: in.Category.Name, Grouping: cl.Grouping,
		Group: cl.Group, GroupName: cl.GroupName, WindowMonths: in.WindowMonths,
		EarliestStart: cl.Candidates[0].NeededStart, LatestStart: cl.Candidates[len(cl.Candidates)-1].NeededStart,
	}
	if len(in.Category.CPV) > 0 {
		s.CPV = in.Category.CPV[0]
	}
	if s.Group == "" && s.Grouping != GroupNone {
		s.GroupName = in.Words.ungrouped(s.Grouping)
	}
	s.Key = BundleKey(s.CategoryID, s.EarliestStart, s.WindowMonths, s.Grouping, s.Group)
	s.current = make(map[string]contracts.ContractSummary, len(cl.Candidates))
	for _, c := range cl.Candidates {
		s.Participants = append(s.Participants, BundleParticipant{Candidate: c})
		s.Annual += c.Annual
		if k, ok := current[c.Organization]; ok {
			s.current[c.Organization] = k
		}
	}
	slices.SortFunc(s.Participants, func(a, b BundleParticipant) int { return cmp.Compare(a.Organization, b.Organization) })
	s.Tender = Tender{
		Title:      in.Words.suggestionTitle(s.CategoryName, s.EarliestStart.Year(), s.GroupName),
		CategoryID: s.CategoryID, CPV: s.CPV, Kind: KindServices, Framework: true,
		TermMonths: b.TermMonths, Options: b.options(),
		Electronic: true, DocumentsOnline: true,
		NeededStart: s.EarliestStart, Status: TenderDraft, CategoryName: s.CategoryName,
	}
	// First a single lot, to learn the threshold and the feasible start;
	// then the lots, which do not move either.
	s.setLots(in, bundleSingleLot(s, in.Category))
	s.Plan = in.plan(s)
	late := false
	for range 3 {
		prep, ok := s.Plan.Milestone(MilestonePreparationStart)
		if !ok || !prep.Date.Before(in.Today) {
			break
		}
		late = true
		s.Tender.NeededStart = s.Tender.NeededStart.AddDays(prep.Date.DaysUntil(in.Today))
		s.Plan = in.plan(s)
	}
	if lots := in.proposeLots(s); len(lots) > 1 {
		s.setLots(in, lots)
		s.Plan = in.plan(s)
	}
	prep, _ := s.Plan.Milestone(MilestonePreparationStart)
	s.PreparationStart, s.PlannedStart = prep.Date, s.Plan.Start()
	s.Urgency = bundleUrgency(late, in.Today.DaysUntil(s.PreparationStart))
	for i := range s.Lots {
		l := &s.Lots[i]
		e, _ := s.Plan.Estimate.Lot(l.Key)
		l.Value, l.Exempt = e.Value, s.Plan.Exemption.Exempts(l.Key)
	}
	for i := range s.Participants {
		p := &s.Participants[i]
		p.Gap = Gap{Organization: p.Organization, Name: p.Name, Kind: GapNone}
		if p.Contract.ID != 0 {
			// The contract whose end sets the need decides the bridge; the
			// plan's gaps compare the contract committed longest.
			p.Gap = gapOf(p.Gap, p.Contract, s.PlannedStart, in.Today)
		}
		p.NeedsBridge = p.Gap.Kind == GapOpen
		p.Bridgeable = p.NeedsBridge && p.Gap.Bridgeable
		p.AtRisk = p.NeedsBridge && !p.Gap.Bridgeable
		if p.NeedsBridge {
			s.Bridges++
		}
		if p.AtRisk {
			s.AtRisk++
		}
	}
	s.Cooperations = bundleCooperations(s.Participants, in.Organizations)
	s.Benefit = bundleBenefit(b, len(s.Participants), s.Annual)
	s.Score = int64(s.Benefit.Total) * (100 + s.Urgency.bonus()) / 100
	s.Assumptions = bundleAssumptions(b, in.WindowMonths)
	s.PreparationDays = in.Today.DaysUntil(s.PreparationStart)
	s.CategoryCPV = slices.Clone(in.Category.CPV)
	return s
}

// plan computes the draft tender's plan, exactly as ComputePlan computes
// it for the tender once created.
func (in BundleInput) plan(s Suggestion) Plan {
	return ComputePlan(PlanInput{
		Tender: s.Tender, Lots: s.DraftLots(), Participants: s.SuggestionParticipants(in.Today),
		Current: s.Current(), Bands: in.Bands, Today: in.Today, Rules: in.Rules,
	})
}

// bundleCooperations counts the participants per cooperation, most
// first, then by code.
func bundleCooperations(ps []BundleParticipant, orgs map[string]contracts.Organization) []CooperationShare {
	count := map[string]int{}
	for _, p := range ps {
		for _, c := range p.Cooperations {
			count[c]++
		}
	}
	out := make([]CooperationShare, 0, len(count))
	for code, n := range count {
		name := orgs[code].Name
		if name == "" {
			name = code
		}
		out = append(out, CooperationShare{Code: code, Name: name, Participants: n})
	}
	slices.SortFunc(out, func(a, b CooperationShare) int {
		if c := cmp.Compare(b.Participants, a.Participants); c != 0 {
			return c
		}
		return cmp.Compare(a.Code, b.Code)
	})
	return out
}

// bundleBenefit estimates the benefit of one joint tender for n participants
// with annual value together: n separate tenders × CostPerTender against
// one joint tender (CostPerTender + n × JointCostPerParticipant), plus
// VolumeDiscountBasisPoints on the annual value for each year of the
// initial term (options are not counted: they may not be exercised).
func bundleBenefit(b Bundling, n int, annual contracts.Money) Benefit {
	bf := Benefit{
		Participants: n,
		SeparateCost: contracts.Money(int64(n) * b.CostPerTender),
		JointCost:    contracts.Money(b.CostPerTender + int64(n)*b.JointCostPerParticipant),
	}
	bf.TransactionSaving = bf.SeparateCost - bf.JointCost
	bf.DiscountPerYear = divRound(annual*contracts.Money(b.VolumeDiscountBasisPoints), 10_000)
	bf.DiscountOverTerm = divRound(bf.DiscountPerYear*contracts.Money(b.TermMonths), 12)
	bf.Total = bf.TransactionSaving + bf.DiscountOverTerm
	return bf
}

// bundleAssumptions lists the bundler's own assumptions.
func bundleAssumptions(b Bundling, window int) []Assumption {
	return []Assumption{
		{Key: AssumeBundleTerm, Months: b.TermMonths, Options: b.Options, OptionMonths: b.OptionMonths},
		{Key: AssumeWindow, Months: window},
		{Key: AssumeHorizon, Months: max(b.HorizonMonths, window)},
		{Key: AssumeTenderCost, Money: contracts.Money(b.CostPerTender)},
		{Key: AssumeParticipantCost, Money: contracts.Money(b.JointCostPerParticipant)},
		{Key: AssumeVolumeDiscount, BasisPoints: b.VolumeDiscountBasisPoints},
		{Key: AssumeContractKind},
	}
}

// bundleDateOrder orders dates, the zero date first.
func bundleDateOrder(a, b contracts.Date) int {
	switch {
	case a.Before(b):
		return -1
	case a.After(b):
		return 1
	}
	return 0
}
