package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// This file writes the demo's joint tenders: the telephony tender the
// telephony stage planned, collecting mandates; a smaller case-system
// tender still collecting participants; and a draft. Each is validated
// as the service would before it is written.

// demoRequirement is a requirement of a demo tender with how each kind of
// participant rates it.
type demoRequirement struct {
	text string
	kind procurement.RequirementKind
	// weights weighs must, should, could and wont per rating profile:
	// municipalities under 20,000 inhabitants, 20,000–100,000, 100,000 or
	// more, and other bodies.
	weights [4][4]int
	// conflict marks a requirement on which large and small municipalities
	// disagree: the largest participating municipality of 100,000 or more
	// rates it must and the smallest under 20,000 wont, whatever they drew.
	conflict bool
}

// The rating profiles, see demoRequirement.weights.
const (
	profileSmall = iota
	profileMedium
	profileLarge
	profileOther
)

// ratingProfile returns the profile p rates by. Provinces, large bodies
// with their own contact centres, rate as the cities do.
func ratingProfile(p procurement.Participant) int {
	switch p.Kind {
	case contracts.KindMunicipality:
	case contracts.KindProvince:
		return profileLarge
	default:
		return profileOther
	}
	switch contracts.SizeClassOf(p.Population) {
	case contracts.SizeSmall:
		return profileSmall
	case contracts.SizeXLarge:
		return profileLarge
	}
	return profileMedium
}

// telephonyRequirements are the telephony tender's requirements: what
// municipalities ask of telecom, with the split that makes joint telecom
// tenders hard: cities want their contact centre integrated and calls
// recorded, villages want neither and pay for it if it becomes a must.
// Only those two have wont ratings beside must ones: the conflicts.
var telephonyRequirements = []demoRequirement{
	{text: "Nummerbehoud: alle bestaande vaste en mobiele nummers worden zonder onderbreking van de dienstverlening overgezet naar de nieuwe leverancier.",
		kind: procurement.KnockOut, weights: [4][4]int{{85, 15, 0, 0}, {85, 15, 0, 0}, {90, 10, 0, 0}, {75, 20, 5, 0}}},
	{text: "Opslag en verwerking van alle gegevens, ook verkeersgegevens en gespreksopnames, uitsluitend binnen de Europese Economische Ruimte (EER).",
		kind: procurement.KnockOut, weights: [4][4]int{{75, 20, 5, 0}, {80, 15, 5, 0}, {90, 10, 0, 0}, {80, 15, 5, 0}}},
	{text: "Informatiebeveiliging volgens de Baseline Informatiebeveiliging Overheid (BIO); de leverancier is gecertificeerd volgens ISO 27001.",
		kind: procurement.KnockOut, weights: [4][4]int{{70, 25, 5, 0}, {75, 20, 5, 0}, {85, 15, 0, 0}, {75, 20, 5, 0}}},
	{text: "Beschikbaarheid van het telefonieplatform van minimaal 99,9% per maand, met een servicecredit bij onderschrijding.",
		kind: procurement.KnockOut, weights: [4][4]int{{30, 50, 20, 0}, {50, 40, 10, 0}, {80, 20, 0, 0}, {45, 40, 15, 0}}},
	{text: "Koppeling met de eigen contactcentersoftware (CTI) via een open, gedocumenteerde API, zodat klantcontactmedewerkers zien wie belt.",
		kind: procurement.KnockOut, weights: [4][4]int{{0, 5, 25, 70}, {30, 40, 25, 5}, {90, 10, 0, 0}, {10, 30, 40, 20}}, conflict: true},
	{text: "5G-dekking binnen het hele grondgebied van de organisatie, ook in het buitengebied, aangetoond met actuele dekkingskaarten.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{60, 30, 10, 0}, {35, 45, 20, 0}, {20, 50, 30, 0}, {40, 40, 20, 0}}},
	{text: "Vaste-mobielintegratie: één nummer en één voicemail op het vaste toestel, de mobiele telefoon en de softphone.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{20, 45, 35, 0}, {30, 45, 25, 0}, {45, 40, 15, 0}, {25, 45, 30, 0}}},
	{text: "Eigen beheerportaal waarin de organisatie zelf aansluitingen, abonnementen en toestellen toevoegt, wijzigt en opzegt.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{10, 35, 55, 0}, {35, 45, 20, 0}, {60, 35, 5, 0}, {30, 45, 25, 0}}},
	{text: "Maandelijkse rapportage van verbruik en kosten per afdeling en per aansluiting, te downloaden als CSV.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{5, 30, 65, 0}, {20, 50, 30, 0}, {40, 45, 15, 0}, {20, 45, 35, 0}}},
	{text: "Gespreksopname voor het klantcontactcentrum, met bewaartermijnen die de organisatie zelf instelt.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{0, 5, 30, 65}, {15, 35, 35, 15}, {70, 20, 10, 0}, {5, 20, 45, 30}}, conflict: true},
	{text: "Servicedesk in het Nederlands, bij storingen dag en nacht bereikbaar, en één vaste accountmanager per organisatie.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{40, 40, 20, 0}, {35, 45, 20, 0}, {30, 50, 20, 0}, {35, 45, 20, 0}}},
	{text: "Gereviseerde toestellen en inname van afgedankte toestellen, met een jaarlijkse rapportage van de CO2-uitstoot.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{10, 40, 50, 0}, {15, 45, 40, 0}, {25, 45, 30, 0}, {15, 40, 45, 0}}},
}

// caseSystemRequirements are the case-system tender's requirements.
var caseSystemRequirements = []demoRequirement{
	{text: "Koppelingen volgens de ZGW-API's en de Common Ground-standaarden van de VNG.",
		kind: procurement.KnockOut, weights: [4][4]int{{70, 25, 5, 0}, {80, 20, 0, 0}, {90, 10, 0, 0}, {60, 30, 10, 0}}},
	{text: "Duurzame toegankelijkheid: archivering volgens de Archiefwet en overdracht naar het e-depot.",
		kind: procurement.KnockOut, weights: [4][4]int{{80, 20, 0, 0}, {80, 20, 0, 0}, {85, 15, 0, 0}, {70, 25, 5, 0}}},
	{text: "Hosting in een datacenter in Nederland met een ISO 27001-certificaat.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{30, 40, 25, 5}, {30, 45, 20, 5}, {40, 40, 20, 0}, {30, 40, 25, 5}}},
	{text: "Zaaktypen, formulieren en werkprocessen in te richten door de eigen functioneel beheerders, zonder tussenkomst van de leverancier.",
		kind: procurement.AwardCriterion, weights: [4][4]int{{15, 35, 35, 15}, {35, 45, 20, 0}, {60, 35, 5, 0}, {25, 40, 30, 5}}},
}

// newTender is a tender as the tenders stage writes it. Participants'
// volumes name their lot by number (1, 2, …) in LotID, and requirements
// carry their ratings.
type newTender struct {
	tender       procurement.Tender
	lots         []procurement.Lot
	participants []procurement.Participant
	requirements []procurement.Requirement
}

// createTenders writes the demo's joint tenders.
func createTenders(ctx context.Context, g *generator) error {
	if g.telephony == nil {
		return errors.New("the telephony stage has not run")
	}
	today := contracts.DateOf(g.opts.Now())
	cats, err := g.ps.Categories(ctx)
	if err != nil {
		return err
	}
	categoryID := func(name string) (int64, error) {
		i := slices.IndexFunc(cats, func(c contracts.Category) bool { return c.Name == name })
		if i < 0 {
			return 0, fmt.Errorf("no category %q", name)
		}
		return cats[i].ID, nil
	}
	tenders := []func(*rand.Rand, contracts.Date) (newTender, bool){
		g.telephonyTender, g.caseSystemTender, g.draftTender, g.trainingTender,
	}
	for _, draw := range tenders {
		nt, ok := draw(g.rng, today)
		if !ok {
			continue
		}
		if nt.tender.CategoryID, err = categoryID(nt.tender.CategoryName); err != nil {
			return fmt.Errorf("tender %q: %w", nt.tender.Title, err)
		}
		if err := g.writeTender(ctx, nt, today); err != nil {
			return fmt.Errorf("tender %q: %w", nt.tender.Title, err)
		}
	}
	return nil
}

// telephonyTender is the planned telephony tender with its requirements,
// rated by every participant.
func (g *generator) telephonyTender(rng *rand.Rand, _ contracts.Date) (newTender, bool) {
	p := g.telephony
	t := withNoticeDetails(p.tender, 1)
	t.CategoryName = telephonyCategory
	return newTender{
		tender:       t,
		lots:         telephonyLots,
		participants: p.participants,
		requirements: rateRequirements(rng, telephonyRequirements, p.participants, 100),
	}, len(p.participants) > 0
}

// northernProvinces are Groningen, Fryslân and Drenthe.
var northernProvinces = []string{"PV20", "PV21", "PV22"}

// caseSystemTender is a smaller tender still collecting: a case system for
// the largest northern municipality and up to five neighbours, whose
// mandates are requested and whose ratings are not all in. Without two
// northern municipalities there is none.
func (g *generator) caseSystemTender(rng *rand.Rand, today contracts.Date) (newTender, bool) {
	var north []contracts.Organization
	for _, m := range g.orgs[contracts.KindMunicipality] {
		if slices.Contains(northernProvinces, m.Province) {
			north = append(north, m)
		}
	}
	if len(north) < 2 {
		return newTender{}, false
	}
	slices.SortStableFunc(north, func(a, b contracts.Organization) int { return b.Population - a.Population })
	chosen := []contracts.Organization{north[0]}
	for _, i := range rng.Perm(len(north) - 1)[:min(5, len(north)-1)] {
		chosen = append(chosen, north[i+1])
	}
	nt := newTender{
		tender: procurement.Tender{
			Title: "Zaaksysteem regio Noord",
			Description: "Gezamenlijke aanbesteding van een zaaksysteem met documentbeheer, e-formulieren en " +
				"inwonersportaal voor gemeenten in Groningen, Fryslân en Drenthe. De deelnemers geven nu hun " +
				"aantallen en wensen op.",
			CategoryName: "Zaaksysteem", CPV: "48300000-1", Lead: north[0].Code, Kind: procurement.KindServices,
			TermMonths: 48, Options: []procurement.Option{{Months: 24}, {Months: 24}},
			Electronic: true, DocumentsOnline: true,
			NeededStart: firstOfMonth(today).AddMonths(18),
			Status:      procurement.TenderCollecting,
		},
		lots: []procurement.Lot{
			{Title: "Zaaksysteem en documentbeheer", CPV: "48300000-1", Unit: "gebruikers", UnitPrice: 26_000},
			{Title: "E-formulieren en inwonersportaal", CPV: "72261000-2", Unit: "inwoners", UnitPrice: 40},
		},
	}
	for _, o := range chosen {
		joined := today.AddDays(-between(rng, 5, 60))
		users := int64(roundNice(float64(staffOf(o)) * (0.4 + 0.3*rng.Float64())))
		inhabitants := int64(max(o.Population, 1))
		nt.participants = append(nt.participants, procurement.Participant{
			Organization: o.Code, Joined: joined,
			Volumes: []procurement.LotVolume{
				{LotID: 1, Quantity: users, Annual: contracts.Money(users) * nt.lots[0].UnitPrice},
				{LotID: 2, Quantity: inhabitants, Annual: contracts.Money(inhabitants) * nt.lots[1].UnitPrice},
			},
			Mandate: procurement.Mandate{Status: procurement.MandateRequested, Requested: joined,
				Scope: procurement.MandateScope{Documents: true, Award: true, Litigation: true}},
			Name: o.Name, Kind: o.Kind, Province: o.Province, Population: o.Population,
		})
	}
	nt.requirements = rateRequirements(rng, caseSystemRequirements, nt.participants, 70)
	return nt, true
}

// draftTender is a tender its lead is still setting up: lots, no
// participants yet. The first cooperation leads it, or else the largest
// municipality.
func (g *generator) draftTender(_ *rand.Rand, today contracts.Date) (newTender, bool) {
	var lead contracts.Organization
	if coops := g.orgs[contracts.KindCooperation]; len(coops) > 0 {
		lead = coops[0]
	} else {
		for _, m := range g.orgs[contracts.KindMunicipality] {
			if m.Population > lead.Population {
				lead = m
			}
		}
	}
	if lead.Code == "" {
		return newTender{}, false
	}
	needed := firstOfMonth(today).AddMonths(14)
	return newTender{
		tender: procurement.Tender{
			Title:        fmt.Sprintf("Werkplekken en werkplekbeheer vanaf %d", needed.Year()),
			Description:  "Concept: laptops, dockingstations en monitoren met beheer op afroep, via een raamovereenkomst voor de leden.",
			CategoryName: "Werkplekapparatuur", CPV: "30213000-5", Lead: lead.Code, Kind: procurement.KindSupplies,
			Framework: true, TermMonths: 36, Options: []procurement.Option{{Months: 12}},
			Electronic: true, NeededStart: needed,
			Status: procurement.TenderDraft,
		},
		lots: []procurement.Lot{
			{Title: "Laptops, dockingstations en monitoren", CPV: "30213000-5", Unit: "werkplekken", UnitPrice: 42_000},
			{Title: "Werkplekbeheer", CPV: "30200000-1", Unit: "werkplekken", UnitPrice: 30_000},
		},
	}, true
}

// rateRequirements draws each participant's rating of each requirement
// by its profile; a participant rates at all with the given chance in
// percent. Conflict requirements get their must and wont, see
// demoRequirement.conflict.
func rateRequirements(rng *rand.Rand, reqs []demoRequirement, ps []procurement.Participant, chance int) []procurement.Requirement {
	// The largest municipality of 100,000 or more and the smallest under
	// 20,000, if they take part.
	large, small := -1, -1
	for i, p := range ps {
		if p.Kind != contracts.KindMunicipality {
			continue
		}
		switch prof := ratingProfile(p); {
		case prof == profileLarge && (large < 0 || p.Population > ps[large].Population):
			large = i
		case prof == profileSmall && (small < 0 || p.Population < ps[small].Population):
			small = i
		}
	}
	out := make([]procurement.Requirement, 0, len(reqs))
	for _, dr := range reqs {
		r := procurement.Requirement{Text: dr.text, Kind: dr.kind, Ratings: make(map[string]procurement.Rating, len(ps))}
		for _, p := range ps {
			// Both numbers are drawn for every participant, so that one
			// requirement's ratings do not shift another's.
			rates, w := rng.IntN(100) < chance, dr.weights[ratingProfile(p)]
			rating := pick(rng, []weighted[procurement.Rating]{
				{procurement.Must, w[0]}, {procurement.Should, w[1]}, {procurement.Could, w[2]}, {procurement.Wont, w[3]},
			})
			if rates {
				r.Ratings[p.Organization] = rating
			}
		}
		if dr.conflict && large >= 0 && small >= 0 {
			r.Ratings[ps[large].Organization], r.Ratings[ps[small].Organization] = procurement.Must, procurement.Wont
		}
		out = append(out, r)
	}
	return out
}

// writeTender validates nt as the procurement service would and writes
// it: the tender, its lots, its participants with their volumes and
// mandates, and its requirements with their ratings.
func (g *generator) writeTender(ctx context.Context, nt newTender, today contracts.Date) error {
	if err := nt.tender.Validate(); err != nil {
		return err
	}
	id, err := g.ps.CreateTender(ctx, nt.tender)
	if err != nil {
		return err
	}
	lots := make([]procurement.Lot, len(nt.lots))
	for i, l := range nt.lots {
		l.TenderID = id
		if err := l.Validate(); err != nil {
			return fmt.Errorf("lot %q: %w", l.Title, err)
		}
		if l.ID, err = g.ps.CreateLot(ctx, l); err != nil {
			return err
		}
		lots[i] = l
	}
	for _, p := range nt.participants {
		p.TenderID = id
		p.Volumes = slices.Clone(p.Volumes)
		for j, v := range p.Volumes {
			p.Volumes[j].LotID = lots[v.LotID-1].ID
		}
		if err := errors.Join(p.Mandate.Validate(today), p.ValidateVolumes(lots)); err != nil {
			return fmt.Errorf("participant %s: %w", p.Organization, err)
		}
		if err := g.ps.UpsertParticipant(ctx, p); err != nil {
			return err
		}
	}
	for _, r := range nt.requirements {
		r.TenderID = id
		if err := r.Validate(); err != nil {
			return fmt.Errorf("requirement %q: %w", r.Text, err)
		}
		if _, err := g.ps.CreateRequirement(ctx, r); err != nil {
			return err
		}
	}
	g.sum.Tenders++
	g.sum.Participants += len(nt.participants)
	return nil
}
