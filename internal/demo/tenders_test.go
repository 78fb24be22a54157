package demo

import (
	"context"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// stagesWithout returns every stage but the one named. The national tests
// leave out the contracts stage, whose 100,000 contracts are too many for
// `go test`; its tenders and demand are written all the same.
func stagesWithout(t *testing.T, name string) []stage {
	t.Helper()
	i := slices.IndexFunc(stages, func(s stage) bool { return s.name == name })
	if i < 0 {
		t.Fatalf("no stage %q", name)
	}
	return slices.Delete(slices.Clone(stages), i, i+1)
}

// generateProcurement fills a fresh store with the given stages as of
// fixedNow.
func generateProcurement(t *testing.T, opts Options, run []stage) (*store.Store, Summary) {
	t.Helper()
	st := storetest.New(t)
	opts.Now = fixedNow
	sum, err := generateStages(context.Background(), st.Register(), opts, run)
	if err != nil {
		t.Fatalf("Generate(%s, seed %d): %v", opts.Scale, opts.Seed, err)
	}
	return st, sum
}

// tenderViews loads every tender as the procurement service shows it on
// fixedNow, by title.
func tenderViews(t *testing.T, st *store.Store) map[string]procurement.TenderView {
	t.Helper()
	ctx := context.Background()
	ps := st.Procurement()
	page, err := ps.Tenders(ctx, procurement.TenderFilter{Scope: contracts.Everyone(), PageSize: 500})
	if err != nil {
		t.Fatalf("Tenders: %v", err)
	}
	svc := procurement.NewService(ps, procurement.Options{Now: fixedNow, Words: nl.ProcurementWords()})
	out := map[string]procurement.TenderView{}
	for _, ts := range page.Items {
		v, err := svc.Tender(ctx, contracts.Everyone(), ts.ID)
		if err != nil {
			t.Fatalf("Tender(%d): %v", ts.ID, err)
		}
		out[v.Tender.Title] = v
	}
	return out
}

// allDemand reads every registered demand, withdrawn included.
func allDemand(t *testing.T, st *store.Store) []procurement.Demand {
	t.Helper()
	var out []procurement.Demand
	for page := 1; ; page++ {
		p, err := st.Procurement().Demands(context.Background(), procurement.DemandFilter{Scope: contracts.Everyone(), Page: page, PageSize: 500})
		if err != nil {
			t.Fatalf("Demands(page %d): %v", page, err)
		}
		out = append(out, p.Items...)
		if len(out) >= p.Total || len(p.Items) == 0 {
			return out
		}
	}
}

func TestTelephonyTender(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		scale Scale
		// withoutContracts leaves out the contracts stage: no gaps then.
		withoutContracts bool
		// national runs only with SAMENKOOP_TEST_NATIONAL set: the whole
		// national set takes about ten seconds.
		national           bool
		wantParticipants   int
		wantMunicipalities int
		// wantSigned is the mandate progress; 0: only mixed.
		wantSigned int
	}{
		{name: "small: every municipality of the small set takes part (issue 5, item 10)", scale: ScaleSmall,
			wantParticipants: len(smallMunicipalities), wantMunicipalities: len(smallMunicipalities)},
		{name: "national: 283 participants, 241 municipalities, 241 of 283 mandates signed (issue 5, item 10)", scale: ScaleNational,
			withoutContracts: true, wantParticipants: 283, wantMunicipalities: 241, wantSigned: 241},
		{name: "national with its register: gaps against the current contracts (issue 5, item 7)", scale: ScaleNational,
			national: true, wantParticipants: 283, wantMunicipalities: 241, wantSigned: 241},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.national && os.Getenv("SAMENKOOP_TEST_NATIONAL") == "" {
				t.Skip("set SAMENKOOP_TEST_NATIONAL=1 to generate the whole national set")
			}
			t.Parallel()
			run := stages
			if tt.withoutContracts {
				run = stagesWithout(t, "contracts")
			}
			st, _ := generateOnce(t, Options{Scale: tt.scale, Seed: 1}, run)
			v, ok := tenderViews(t, st)[telephonyTitle]
			if !ok {
				t.Fatalf("no tender %q", telephonyTitle)
			}
			checkTelephonyTerms(t, v)
			checkTelephonyParticipants(t, v, tt.wantParticipants, tt.wantMunicipalities, tt.wantSigned)
			checkTelephonyRequirements(t, v)
			if tt.scale == ScaleSmall {
				var want []string
				for _, m := range smallMunicipalities {
					want = append(want, m.code)
				}
				var got []string
				for _, p := range v.Participants {
					got = append(got, p.Organization)
				}
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("participants %v, want every small municipality %v", got, want)
				}
			}
			if !tt.withoutContracts {
				checkTelephonyGaps(t, v)
			}
		})
	}
}

// checkTelephonyTerms: the tender's terms, lots and plan.
func checkTelephonyTerms(t *testing.T, v procurement.TenderView) {
	t.Helper()
	today := contracts.DateOf(fixedNow())
	tn := v.Tender
	if tn.Status != procurement.TenderMandating || tn.Kind != procurement.KindServices || !tn.Framework || !tn.Electronic {
		t.Errorf("tender: status %s, kind %s, framework %v, electronic %v; want mandating electronic services under a framework",
			tn.Status, tn.Kind, tn.Framework, tn.Electronic)
	}
	if tn.TermMonths != 48 || !reflect.DeepEqual(tn.Options, []procurement.Option{{Months: 12}, {Months: 12}}) || !tn.FrameworkJustified {
		t.Errorf("term %d months with options %v, justified %v; want 48 + 2 × 12, justified (Aw 2012 art. 2.140)", tn.TermMonths, tn.Options, tn.FrameworkJustified)
	}
	if err := procurement.FrameworkTermCheck(tn.TotalMonths(), tn.FrameworkJustified); err != nil {
		t.Errorf("FrameworkTermCheck(%d, %v) = %v, want nil", tn.TotalMonths(), tn.FrameworkJustified, err)
	}
	if !tn.Publication.After(today.AddMonths(2)) || tn.Publication.After(today.AddMonths(5)) {
		t.Errorf("publication %s, want a few months after %s", tn.Publication, today)
	}
	var titles []string
	for _, l := range v.Lots {
		titles = append(titles, l.Title)
		if l.Unit == "" || l.UnitPrice <= 0 {
			t.Errorf("lot %q: unit %q at %d cents, want a unit with a price", l.Title, l.Unit, l.UnitPrice)
		}
	}
	if want := []string{"Vaste telefonie", "Mobiele communicatie", "Data en internet"}; !slices.Equal(titles, want) {
		t.Errorf("lots %q, want %q", titles, want)
	}
	p := v.Plan
	if p.Procedure != procurement.ProcedureOpen || len(p.Warnings) > 0 || p.TimelineProblem.Kind != "" {
		t.Errorf("plan: procedure %s, warnings %q, timeline problem %q; want the open procedure without either", p.Procedure, p.Warnings, p.TimelineProblem.Message())
	}
	if start := p.Start(); !start.After(tn.Publication) || start.After(tn.NeededStart) {
		t.Errorf("planned start %s, want after publication %s and by the needed start %s", start, tn.Publication, tn.NeededStart)
	}
	if v.Lead.Kind != contracts.KindMunicipality || v.Lead.Population < 100_000 {
		t.Errorf("lead %s is a %s of %d inhabitants, want a large municipality", v.Lead.Code, v.Lead.Kind, v.Lead.Population)
	}
}

// checkTelephonyParticipants: counts, mandates in mixed states, volumes
// that follow the population.
func checkTelephonyParticipants(t *testing.T, v procurement.TenderView, participants, municipalities, signed int) {
	t.Helper()
	today := contracts.DateOf(fixedNow())
	m := v.Plan.Mandates
	if m.Participants != participants || m.Municipalities != municipalities {
		t.Errorf("%d participants of which %d municipalities, want %d and %d", m.Participants, m.Municipalities, participants, municipalities)
	}
	if m.Signed == 0 || m.Requested == 0 || m.Revoked == 0 || m.AllSigned() {
		t.Errorf("mandates %+v, want signed, requested and revoked ones", m)
	}
	if signed > 0 && m.Signed != signed {
		t.Errorf("%d of %d mandates signed, want %d", m.Signed, m.Participants, signed)
	}
	bodies := map[procurement.DecidingBody]bool{}
	var largest, smallest procurement.Participant
	for _, p := range v.Participants {
		if err := p.Mandate.Validate(today); err != nil {
			t.Errorf("participant %s: mandate %+v: %v", p.Organization, p.Mandate, err)
		}
		if p.Mandate.Status == procurement.MandateSigned {
			bodies[p.Mandate.Body] = true
			if p.Mandate.Reference == "" || !p.Mandate.Scope.Award {
				t.Errorf("participant %s: signed mandate %+v, want a reference and the award in its scope", p.Organization, p.Mandate)
			}
		}
		if p.Organization == v.Tender.Lead && p.Mandate.Status != procurement.MandateSigned {
			t.Errorf("lead %s has mandate %s, want signed", p.Organization, p.Mandate.Status)
		}
		if len(p.Volumes) < 2 {
			t.Errorf("participant %s has volumes in %d lots, want at least 2", p.Organization, len(p.Volumes))
		}
		if p.Kind == contracts.KindMunicipality {
			if largest.Organization == "" || p.Population > largest.Population {
				largest = p
			}
			if smallest.Organization == "" || p.Population < smallest.Population {
				smallest = p
			}
		}
	}
	if !bodies[procurement.BodyCollege] || !bodies[procurement.BodyCouncil] {
		t.Errorf("mandates signed by %v, want the college and the council", bodies)
	}
	fixed := v.Lots[0].ID
	lv, _ := largest.Volume(fixed)
	sv, _ := smallest.Volume(fixed)
	if lv.Quantity <= sv.Quantity*10 || lv.Annual != contracts.Money(lv.Quantity)*v.Lots[0].UnitPrice {
		t.Errorf("fixed telephony: %s (%d inhabitants) %d users at %d cents, %s (%d) %d users; want the volume to follow the population at the unit price",
			largest.Organization, largest.Population, lv.Quantity, lv.Annual, smallest.Organization, smallest.Population, sv.Quantity)
	}
}

// checkTelephonyRequirements: a dozen requirements, knock-out and award,
// rated by every participant, with a must/wont conflict between
// municipalities of 100,000 or more and those under 20,000 (DESIGN §4,
// requirements).
func checkTelephonyRequirements(t *testing.T, v procurement.TenderView) {
	t.Helper()
	kinds := map[procurement.RequirementKind]int{}
	for _, r := range v.Requirements {
		kinds[r.Kind]++
		if len(r.Ratings) != len(v.Participants) {
			t.Errorf("requirement %d rated by %d of %d participants, want all", r.Number, len(r.Ratings), len(v.Participants))
		}
	}
	if len(v.Requirements) != 12 || kinds[procurement.KnockOut] == 0 || kinds[procurement.AwardCriterion] == 0 {
		t.Errorf("%d requirements %v, want 12, knock-out and award", len(v.Requirements), kinds)
	}
	byOrg := map[string]procurement.Participant{}
	for _, p := range v.Participants {
		byOrg[p.Organization] = p
	}
	municipality := func(refs []procurement.SideRef, class contracts.SizeClass) bool {
		return slices.ContainsFunc(refs, func(r procurement.SideRef) bool {
			return byOrg[r.Organization].Kind == contracts.KindMunicipality && r.SizeClass == class
		})
	}
	conflicts := 0
	for _, c := range procurement.Consolidate(v.Requirements, v.Participants, procurement.DefaultMustShare) {
		if c.Conflict && municipality(c.MustSide, contracts.SizeXLarge) && municipality(c.WontSide, contracts.SizeSmall) {
			conflicts++
		}
	}
	if conflicts == 0 || v.Plan.Conflicts < conflicts {
		t.Errorf("%d requirements with must from a municipality of 100,000+ and wont from one under 20,000 (plan counts %d conflicts), want at least one",
			conflicts, v.Plan.Conflicts)
	}
}

// checkTelephonyGaps: the current contracts end at different times, so
// that some overlap the planned start, some leave a gap a renewal or
// option bridges and some leave one nothing bridges (issue 5, item 7).
func checkTelephonyGaps(t *testing.T, v procurement.TenderView) {
	t.Helper()
	var overlap, bridged, risk int
	for _, g := range v.Plan.Gaps {
		switch {
		case g.Kind == procurement.GapOverlap:
			overlap++
		case g.Kind == procurement.GapOpen && g.Bridgeable:
			bridged++
		case g.Kind == procurement.GapOpen:
			risk++
		}
	}
	if overlap == 0 || bridged == 0 || risk == 0 {
		t.Errorf("gaps: %d overlap, %d bridgeable, %d at risk of %d; want each", overlap, bridged, risk, len(v.Plan.Gaps))
	}
}

// TestPlanEnding: each planned ending meets the telephony tender's planned
// start as intended, whatever the day the demo is generated; the contract
// is valid and started one to eight years ago, like every running demo
// contract.
func TestPlanEnding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind       endingKind
		wantGap    procurement.GapKind
		bridgeable bool
	}{
		{endsAfterStart, procurement.GapOverlap, false},
		{endsAtStart, procurement.GapFits, false},
		{bridgedByRenewal, procurement.GapOpen, true},
		{bridgedByOption, procurement.GapOpen, true},
		{atRiskNoRenewal, procurement.GapOpen, false},
		{atRiskOptionsUsed, procurement.GapOpen, false},
		{atRiskShortOption, procurement.GapOpen, false},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	first := time.Date(2026, time.January, 1, 12, 0, 0, 0, contracts.Amsterdam)
	for _, tt := range tests {
		t.Run(string(tt.kind)+" (DESIGN §4, bundling: gaps and bridges)", func(t *testing.T) {
			fits := 0
			for day := 0; day < 3*366; day += 3 {
				today := contracts.DateOf(first.AddDate(0, 0, day))
				_, start, err := telephonyTerms("GM0363", today)
				if err != nil {
					t.Fatalf("telephonyTerms(%s): %v", today, err)
				}
				kind, c := planEnding(rng, tt.kind, today, start)
				want, bridgeable := tt.wantGap, tt.bridgeable
				if kind != tt.kind {
					if tt.kind != endsAtStart || kind != endsAfterStart {
						t.Fatalf("planEnding(%s) on %s: kind %s", tt.kind, today, kind)
					}
					want = procurement.GapOverlap
				} else if kind == endsAtStart {
					fits++
				}
				c.Organization, c.Number, c.Title, c.VendorID, c.Status = "GM0363", "2024-TEL-001", "Vaste telefonie", 1, contracts.StatusActive
				if err := c.Validate(); err != nil {
					t.Fatalf("planEnding(%s) on %s: %+v: %v", tt.kind, today, c, err)
				}
				month := firstOfMonth(today)
				if c.Start.Before(month.AddMonths(-96)) || c.Start.After(month.AddMonths(-12).AddDays(27)) {
					t.Errorf("planEnding(%s) on %s starts %s, want one to eight years before", tt.kind, today, c.Start)
				}
				p := procurement.Participant{Organization: c.Organization}
				current := map[string]contracts.ContractSummary{c.Organization: {Contract: c}}
				g := procurement.Gaps([]procurement.Participant{p}, current, start, today)[0]
				if g.Kind != want || g.Bridgeable != bridgeable {
					t.Errorf("planEnding(%s) on %s, start %s: gap %s, bridgeable %v (%s); want %s, %v", tt.kind, today, start, g.Kind, g.Bridgeable, nl.GapReason(g), want, bridgeable)
				}
			}
			if tt.kind == endsAtStart && fits == 0 {
				t.Errorf("planEnding(%s) never ends the day before the start", tt.kind)
			}
		})
	}
}

// TestTendersVariety: beside the telephony tender, a smaller tender still
// collecting, a draft, so that the list shows every early state, and a
// tender under the light regime with every mandate signed, whose
// contract notice is subtype 20.
func TestTendersVariety(t *testing.T) {
	t.Parallel()
	st, sum := generateProcurement(t, Options{Scale: ScaleSmall, Seed: 1}, stagesWithout(t, "contracts"))
	views := tenderViews(t, st)
	participants := 0
	for _, v := range views {
		participants += len(v.Participants)
	}
	if sum.Tenders != 4 || len(views) != 4 || sum.Participants != participants {
		t.Errorf("summary: %d tenders with %d participants; stored %d with %d; want 4", sum.Tenders, sum.Participants, len(views), participants)
	}
	light, ok := views["Opleidingen digitale vaardigheden medewerkers"]
	if !ok {
		t.Fatalf("no light-regime tender among %d tenders", len(views))
	}
	if !light.Plan.Determination.Light() || light.Plan.Mandates.Signed != len(light.Participants) || light.Tender.DocumentsURL == "" {
		t.Errorf("light-regime tender: procedure %s, %d of %d mandates signed, documents %q; want the light regime, all signed, an address",
			light.Plan.Procedure, light.Plan.Mandates.Signed, len(light.Participants), light.Tender.DocumentsURL)
	}
	cs, ok := views["Zaaksysteem regio Noord"]
	if !ok {
		t.Fatalf("no case-system tender among %d tenders", len(views))
	}
	if cs.Tender.Status != procurement.TenderCollecting || len(cs.Participants) < 2 || len(cs.Participants) > 6 || len(cs.Requirements) == 0 {
		t.Errorf("case-system tender: %s with %d participants and %d requirements, want collecting with 2–6 participants and requirements",
			cs.Tender.Status, len(cs.Participants), len(cs.Requirements))
	}
	for _, p := range cs.Participants {
		if !slices.Contains(northernProvinces, p.Province) || p.Mandate.Status != procurement.MandateRequested {
			t.Errorf("case-system participant %s in %s with mandate %s, want a northern municipality whose mandate is requested", p.Organization, p.Province, p.Mandate.Status)
		}
	}
	var draft procurement.TenderView
	for _, v := range views {
		if v.Tender.Status == procurement.TenderDraft {
			draft = v
		}
	}
	if draft.Tender.ID == 0 || len(draft.Lots) == 0 || len(draft.Participants) != 0 {
		t.Errorf("draft tender %q: %d lots, %d participants; want a draft with lots and no participants yet", draft.Tender.Title, len(draft.Lots), len(draft.Participants))
	}
}

// TestDemand: demand in every planned category, mobile telephony from
// organizations outside the telephony tender with desired starts spread
// over about two years, so that the bundler has several bundles to find
// (issue 8). Where the register is generated, demand names the contract
// it replaces.
func TestDemand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name             string
		scale            Scale
		withoutContracts bool
		wantMobile       int
		// wantSpread is the least span of the mobile desired starts, in
		// months.
		wantSpread int
	}{
		{"small", ScaleSmall, false, 10, 9},
		{"national", ScaleNational, true, 60, 18},
	}
	ctx := context.Background()
	today := contracts.DateOf(fixedNow())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			run := stages
			if tt.withoutContracts {
				run = stagesWithout(t, "contracts")
			}
			st, sum := generateOnce(t, Options{Scale: tt.scale, Seed: 1}, run)
			all := allDemand(t, st)
			if len(all) != sum.Demand {
				t.Errorf("%d demand stored, summary says %d", len(all), sum.Demand)
			}
			tender := tenderViews(t, st)[telephonyTitle]
			inTender := map[string]bool{}
			for _, p := range tender.Participants {
				inTender[p.Organization] = p.Mandate.Status != procurement.MandateRevoked
			}
			perCategory := map[string]int{}
			var earliest, latest contracts.Date
			replaces := 0
			for _, d := range all {
				perCategory[d.CategoryName]++
				if err := d.Validate(); err != nil {
					t.Errorf("demand %d of %s: %v", d.ID, d.Organization, err)
				}
				if d.DesiredStart.Before(today.AddMonths(2)) || d.DesiredStart.After(today.AddMonths(27)) {
					t.Errorf("demand %d of %s wants to start %s, want two to 27 months after %s", d.ID, d.Organization, d.DesiredStart, today)
				}
				if d.ReplacesContractID != 0 {
					replaces++
					c, err := st.Register().Contract(ctx, d.ReplacesContractID)
					if err != nil || c.Organization != d.Organization || c.CategoryID != d.CategoryID {
						t.Errorf("demand %d of %s in %d replaces contract %d of %s in %d (%v), want its own in the category",
							d.ID, d.Organization, d.CategoryID, d.ReplacesContractID, c.Organization, c.CategoryID, err)
					}
				}
				if d.CategoryName != "Mobiele telefonie" {
					continue
				}
				if inTender[d.Organization] {
					t.Errorf("mobile telephony demand %d of %s, which takes part in the telephony tender", d.ID, d.Organization)
				}
				if earliest.IsZero() || d.DesiredStart.Before(earliest) {
					earliest = d.DesiredStart
				}
				if d.DesiredStart.After(latest) {
					latest = d.DesiredStart
				}
			}
			for _, dp := range demandPlans {
				if perCategory[dp.category] == 0 {
					t.Errorf("no demand in %q", dp.category)
				}
			}
			if perCategory["Mobiele telefonie"] != tt.wantMobile {
				t.Errorf("%d mobile telephony demands, want %d", perCategory["Mobiele telefonie"], tt.wantMobile)
			}
			if spread := monthsBetween(earliest, latest); spread < tt.wantSpread {
				t.Errorf("mobile telephony desired starts %s–%s span %d months, want at least %d", earliest, latest, spread, tt.wantSpread)
			}
			if !tt.withoutContracts && replaces*2 < len(all) {
				t.Errorf("%d of %d demands name the contract they replace, want most", replaces, len(all))
			}
		})
	}
}

// TestTendersSameSeedSameDay: tenders and demand are the same for the
// same seed and day, and another seed draws other mandates and ratings.
// The contracts stage is left out: TestGenerateContractsDeterministic
// covers the register, the telephony endings included.
func TestTendersSameSeedSameDay(t *testing.T) {
	t.Parallel()
	for _, scale := range []Scale{ScaleSmall, ScaleNational} {
		t.Run(string(scale), func(t *testing.T) {
			t.Parallel()
			run := stagesWithout(t, "contracts")
			st1, _ := generateProcurement(t, Options{Scale: scale, Seed: 42}, run)
			st2, _ := generateProcurement(t, Options{Scale: scale, Seed: 42}, run)
			st3, _ := generateProcurement(t, Options{Scale: scale, Seed: 43}, run)
			a, b, c := tenderViews(t, st1), tenderViews(t, st2), tenderViews(t, st3)
			if len(a) != 4 {
				t.Fatalf("seed 42 gave %d tenders, want 4", len(a))
			}
			for title, v := range a {
				if !reflect.DeepEqual(v, b[title]) {
					t.Errorf("tender %q differs for the same seed and day:\n%+v\n%+v", title, v, b[title])
				}
			}
			if da, db := allDemand(t, st1), allDemand(t, st2); !reflect.DeepEqual(da, db) {
				t.Errorf("demand differs for the same seed and day")
			}
			if reflect.DeepEqual(a[telephonyTitle].Participants, c[telephonyTitle].Participants) ||
				reflect.DeepEqual(a[telephonyTitle].Requirements, c[telephonyTitle].Requirements) {
				t.Errorf("seeds 42 and 43 gave the same telephony participants or ratings")
			}
		})
	}
}
