package nl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// This file words a bundling suggestion (procurement.Suggest): why it is
// proposed, and the text elements of the clustering justification (Aw
// 2012 art. 1.5; Gids Proportionaliteit) that the tender dossier can
// include.

// Justification is one text element of the justification for combining
// the organizations' contracts into one tender: its topic (Omvang,
// Samenhang, …), the paragraph it answers and the text.
type Justification struct {
	Topic string
	Basis string
	Text  string
}

// BundleWhy states why a suggestion is proposed. A suggestion scoped to
// some organizations (Suggestion.Scoped) names the others only as a
// number, and the joint figures only when they are not withheld.
func BundleWhy(s procurement.Suggestion) []string {
	if s.Scoped {
		return bundleWhyScoped(s)
	}
	n := len(s.Participants)
	fromContract, fromDemand := 0, 0
	for i := range s.Participants {
		p := &s.Participants[i]
		if p.Source == procurement.NeedDemand {
			fromDemand++
		} else {
			fromContract++
		}
	}
	where := ""
	if s.GroupName != "" {
		where = " in " + s.GroupName
	}
	out := []string{fmt.Sprintf("%d organisaties%s hebben tussen %s en %s een nieuw contract voor %s nodig (%d na afloop van hun huidige contract, %d uit geregistreerde behoefte).",
		n, where, Date(s.EarliestStart), Date(s.LatestStart), s.CategoryName, fromContract, fromDemand)}
	side := "onder"
	if s.Plan.Estimate.Total >= s.Plan.Threshold {
		side = "boven"
	}
	out = append(out, fmt.Sprintf("Samen %s per jaar, geraamd %s over de hele looptijd: %s de Europese drempel van %s, dus één %s in plaats van %d losse aanbestedingen.",
		Money(s.Annual), Money(s.Plan.Estimate.Total), side, Money(s.Plan.Threshold), bundleProcedure(s), n))
	bf := s.Benefit
	out = append(out, fmt.Sprintf("Geschat voordeel %s: %s minder transactiekosten (%d × %s los tegen %s samen) en %s volumekorting over de initiële looptijd; een schatting op aannames, geen feit.",
		Money(bf.Total), Money(bf.TransactionSaving), n, Money(bf.SeparateCost/contracts.Money(max(n, 1))), Money(bf.JointCost), Money(bf.DiscountOverTerm)))
	out = append(out, bundleWhen(s))
	if s.Bridges > 0 {
		out = append(out, fmt.Sprintf("%d deelnemers hebben een overbrugging nodig tot de geplande start; %d van hen kunnen niet verlengen (risico).", s.Bridges, s.AtRisk))
	}
	if len(s.Lots) > 1 {
		how := LotBasis(s.Lots[0].Basis)
		if s.Lots[0].Basis == procurement.LotRegion {
			how += ", zodat kleinere leveranciers kunnen inschrijven"
		}
		out = append(out, fmt.Sprintf("Voorgesteld in %d percelen %s.", len(s.Lots), how))
	}
	return out
}

// bundleProcedure names the suggestion's procedure, European or not.
func bundleProcedure(s procurement.Suggestion) string {
	if s.Plan.Determination.European {
		return "Europese " + Procedure(s.Plan.Procedure)
	}
	return Procedure(s.Plan.Procedure)
}

// bundleWhen says by when the preparation must start, or that the
// earliest needed start can no longer be met.
func bundleWhen(s procurement.Suggestion) string {
	if s.Urgency == procurement.UrgencyLate {
		return fmt.Sprintf("De vroegste benodigde start %s is met de wettelijke termijnen niet meer haalbaar: de overeenkomst start op zijn vroegst %s als de voorbereiding vandaag begint.",
			Date(s.EarliestStart), Date(s.PlannedStart))
	}
	return fmt.Sprintf("De voorbereiding moet uiterlijk %s beginnen (over %s) om op %s te starten.",
		Date(s.PreparationStart), Days(s.PreparationDays), Date(s.PlannedStart))
}

// bundleWhyScoped is BundleWhy for a caller scoped to the organizations in
// s.Participants.
func bundleWhyScoped(s procurement.Suggestion) []string {
	who := "Uw organisatie"
	if len(s.Participants) > 1 {
		who = fmt.Sprintf("%d van uw organisaties", len(s.Participants))
	}
	where := ""
	if s.GroupName != "" {
		where = " in " + s.GroupName
	}
	out := []string{fmt.Sprintf("%s en %s%s hebben tussen %s en %s een nieuw contract voor %s nodig; welke organisaties dat zijn, ziet alleen de coördinator.",
		who, bundlePlural(s.OtherParticipants, "andere organisatie", "andere organisaties"), where, Date(s.EarliestStart), Date(s.LatestStart), s.CategoryName)}
	n := len(s.Participants) + s.OtherParticipants
	if s.ValuesWithheld {
		out = append(out, fmt.Sprintf("Eén %s in plaats van %d losse aanbestedingen scheelt geschat %s aan transactiekosten; de gezamenlijke waarde blijft verborgen omdat er te weinig andere deelnemers zijn om die niet tot één organisatie te herleiden.",
			bundleProcedure(s), n, Money(s.Benefit.TransactionSaving)))
	} else {
		out = append(out, fmt.Sprintf("Samen %s per jaar, geraamd %s over de hele looptijd: één %s in plaats van %d losse aanbestedingen, geschat voordeel %s; een schatting op aannames, geen feit.",
			Money(s.Annual), Money(s.Plan.Estimate.Total), bundleProcedure(s), n, Money(s.Benefit.Total)))
	}
	out = append(out, bundleWhen(s))
	switch {
	case s.AtRisk > 0:
		out = append(out, "Uw huidige contract loopt af vóór de geplande start en verlengen kan niet meer (risico).")
	case s.Bridges > 0:
		out = append(out, "Uw huidige contract loopt af vóór de geplande start: overbrugging nodig.")
	}
	return out
}

// BundleJustification returns the text elements for justifying the
// combination of the participants' contracts into one tender (Aw 2012
// art. 1.5: contracts are not combined unnecessarily; the authority weighs
// the relevant market, the organisational consequences and risks, and the
// coherence of the contracts, and divides into lots or says why not; Gids
// Proportionaliteit on clustering). A scoped suggestion has none: it would
// name every participant's vendor.
func BundleJustification(s procurement.Suggestion) []Justification {
	if s.Scoped || len(s.Participants) == 0 {
		return nil
	}
	n := len(s.Participants)
	lo, hi := s.Participants[0].Annual, s.Participants[0].Annual
	sizes := map[contracts.SizeClass]int{}
	for i := range s.Participants {
		p := &s.Participants[i]
		lo, hi = min(lo, p.Annual), max(hi, p.Annual)
		sizes[contracts.SizeClassOf(p.Population)]++
	}
	volume := fmt.Sprintf("%d deelnemers, samen %s per jaar (per deelnemer %s tot %s); geraamde waarde %s. %s.",
		n, Money(s.Annual), Money(lo), Money(hi), Money(s.Plan.Estimate.Total), Capitalize(EstimateBasis))

	coherence := fmt.Sprintf("Alle deelnemers kopen %s (CPV %s); hun benodigde start ligt binnen een venster van %d maanden, van %s tot %s, zodat één overeenkomst met afroep per deelnemer aansluit op het einde van hun huidige contract.",
		s.CategoryName, strings.Join(s.CategoryCPV, ", "), s.WindowMonths, Date(s.EarliestStart), Date(s.LatestStart))
	if q, unit := bundleQuantity(s); q > 0 {
		coherence += fmt.Sprintf(" Geregistreerde behoefte samen %d %s.", q, unit)
	}
	coherence += " Gedeelde eisen zijn nog niet vastgelegd: het programma van eisen wordt in de conceptaanbesteding met MoSCoW-waarderingen geconsolideerd."

	org := fmt.Sprintf("Eén penvoerder voert de aanbesteding uit met %d mandaten. Grootteklassen: %s; grote en kleine organisaties verschillen vaak in eisen, dus de eisen worden per grootteklasse getoond.",
		n, bundleSizeText(sizes))
	if s.Bridges > 0 {
		org += fmt.Sprintf(" %d deelnemers moeten overbruggen tot de geplande start %s, %d zonder verlengingsmogelijkheid.", s.Bridges, Date(s.PlannedStart), s.AtRisk)
	}
	org += " Eén leverancier voor alle deelnemers vergroot de afhankelijkheid: als die uitvalt, treft dat iedereen tegelijk."

	return []Justification{
		{Topic: "Omvang", Basis: "Aw 2012 art. 1.5; Gids Proportionaliteit (clusteren)", Text: volume},
		{Topic: "Samenhang van de opdrachten", Basis: "Aw 2012 art. 1.5 lid 2 onder c", Text: coherence},
		{Topic: "Relevante markt", Basis: "Aw 2012 art. 1.5 lid 2 onder a", Text: bundleMarketText(s)},
		{Topic: "Organisatorische gevolgen en risico's", Basis: "Aw 2012 art. 1.5 lid 2 onder b", Text: org},
		{Topic: "Percelen", Basis: "Aw 2012 art. 1.5 lid 4; art. 2.19 (percelenregeling)", Text: bundleLotsText(s)},
	}
}

// BundleDescription is the description a draft tender made from a
// suggestion gets (procurement.Service.TenderFromSuggestion): why it was
// proposed and the clustering justification, for the dossier; at most
// 5,000 characters.
func BundleDescription(s procurement.Suggestion) string {
	var b strings.Builder
	b.WriteString("Voorgesteld door de bundelaar. ")
	b.WriteString(strings.Join(BundleWhy(s), " "))
	b.WriteString("\n\nMotivering clustering (Aw 2012 art. 1.5):")
	for _, j := range BundleJustification(s) {
		fmt.Fprintf(&b, "\n- %s (%s): %s", j.Topic, j.Basis, j.Text)
	}
	d := b.String()
	if r := []rune(d); len(r) > 5000 {
		d = string(r[:4999]) + "…"
	}
	return d
}

// bundleQuantity sums the registered demand's quantity when every
// participant with demand counts the same unit.
func bundleQuantity(s procurement.Suggestion) (int64, string) {
	var q int64
	unit := ""
	for i := range s.Participants {
		p := &s.Participants[i]
		if p.Unit == "" {
			continue
		}
		if unit != "" && p.Unit != unit {
			return 0, ""
		}
		unit = p.Unit
		q += p.Quantity
	}
	return q, unit
}

// bundleVendor names the vendor (group) of a current contract, or "" for
// none.
func bundleVendor(c contracts.ContractSummary) string {
	if c.ID == 0 {
		return ""
	}
	if c.VendorGroupName != "" {
		return c.VendorGroupName
	}
	return c.VendorName
}

// bundleMarketText describes the current vendors: overall and per lot.
func bundleMarketText(s procurement.Suggestion) string {
	vendors := bundleVendorCounts(s.Participants)
	var b strings.Builder
	switch len(vendors) {
	case 0:
		b.WriteString("Geen van de deelnemers heeft een lopend contract in het register; de markt is nog niet in beeld.")
	default:
		top := make([]string, 0, 3)
		for _, v := range vendors[:min(3, len(vendors))] {
			top = append(top, fmt.Sprintf("%s (%d)", v.name, v.n))
		}
		fmt.Fprintf(&b, "De deelnemers hebben nu %s; met de meeste deelnemers: %s.", bundlePlural(len(vendors), "leverancier(sgroep)", "verschillende leveranciers(groepen)"), strings.Join(top, ", "))
	}
	for _, l := range s.Lots {
		can := "kunnen"
		if len(l.Vendors) == 1 {
			can = "kan"
		}
		fmt.Fprintf(&b, " Perceel %d (%s): geraamd %s, %s die %s inschrijven", l.Number, l.Title, Money(l.Value),
			bundlePlural(len(l.Vendors), "huidige leverancier", "huidige leveranciers"), can)
		if l.Exempt {
			b.WriteString(", valt onder de percelenregeling")
		}
		b.WriteString(".")
	}
	return b.String()
}

// vendorCount is how many participants have a vendor (group).
type vendorCount struct {
	name string
	n    int
}

// bundleVendorCounts counts the participants per current vendor (group),
// most first, then by name. Thousands of participants share a few
// vendors: a short list searched in order counts them faster than a map
// hashes every name, and a map takes over when the vendors are many.
func bundleVendorCounts(ps []procurement.BundleParticipant) []vendorCount {
	var counts []vendorCount
	var index map[string]int
	for i := range ps {
		v := bundleVendor(ps[i].Contract)
		if v == "" {
			continue
		}
		j, ok := -1, false
		if index != nil {
			j, ok = index[v]
		} else {
			j = slices.IndexFunc(counts, func(c vendorCount) bool { return c.name == v })
			ok = j >= 0
		}
		if !ok {
			j = len(counts)
			counts = append(counts, vendorCount{name: v})
			if index != nil {
				index[v] = j
			} else if len(counts) > 32 {
				index = make(map[string]int, 2*len(counts))
				for k, c := range counts {
					index[c.name] = k
				}
			}
		}
		counts[j].n++
	}
	slices.SortFunc(counts, func(a, b vendorCount) int {
		return cmp.Or(cmp.Compare(b.n, a.n), cmp.Compare(a.name, b.name))
	})
	return counts
}

// bundleLotsText explains the lot division.
func bundleLotsText(s procurement.Suggestion) string {
	var t string
	switch {
	case len(s.Lots) > 1 && s.Lots[0].Basis == procurement.LotService:
		t = fmt.Sprintf("Verdeeld in %d percelen naar dienst, één per CPV-groep waarin de deelnemers afnemen, zodat gespecialiseerde leveranciers op een deel kunnen inschrijven.", len(s.Lots))
	case len(s.Lots) > 1:
		t = fmt.Sprintf("Verdeeld in %d regionale percelen (per provincie), zodat kleinere en regionale leveranciers kunnen inschrijven.", len(s.Lots))
	case s.Plan.Estimate.Total < s.Plan.Threshold:
		t = "Eén perceel: de geraamde waarde blijft onder de Europese drempel en de deelnemers nemen één dienst af; verdelen zou de opdracht voor leveranciers onaantrekkelijk maken."
	default:
		t = "Eén perceel: de deelnemers nemen één dienst af in één provincie; een verdere verdeling moet in de aanbestedingsstukken worden gemotiveerd als zij achterwege blijft."
	}
	for _, r := range ExemptionReasons(s.Plan.Exemption) {
		t += " " + Capitalize(r) + "."
	}
	return t
}

// bundleSizeText counts the participants per size class: "1 met minder
// dan 20.000 inwoners, 2 met 20.000 tot 50.000 inwoners".
func bundleSizeText(sizes map[contracts.SizeClass]int) string {
	var parts []string
	for _, c := range append(contracts.SizeClasses(), contracts.SizeUnknown) {
		if sizes[c] == 0 {
			continue
		}
		label := "met " + SizeClass(c)
		if c == contracts.SizeUnknown {
			label = "zonder inwonertal"
		}
		parts = append(parts, fmt.Sprintf("%d %s", sizes[c], label))
	}
	return strings.Join(parts, ", ")
}

// bundlePlural writes n with the singular or the plural.
func bundlePlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
