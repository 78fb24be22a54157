package procurement

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/samenkoop/samenkoop/contracts"
)

// The lots a suggestion proposes (Aw 2012 art. 1.5 lid 4) and each
// participant's volume in them.

// LotBasis says why a suggestion's lots are split as they are.
type LotBasis string

// The lot bases.
const (
	LotSingle  LotBasis = "single"
	LotService LotBasis = "service"
	LotRegion  LotBasis = "region"
)

// LotBases returns the lot bases.
func LotBases() []LotBasis { return []LotBasis{LotSingle, LotService, LotRegion} }

// LotProposal is one proposed lot of a suggestion.
type LotProposal struct {
	// Key identifies the proposed lot, which has no id yet, by what it is
	// cut from: "category-<id>" for the single lot of a category,
	// "cpv-<group>" for a service lot (the CPV group), "province-<code>"
	// for a regional lot (the participants' province). Its estimate and
	// exemption are found by it; titles may repeat (two provinces without
	// a name are both "Bovenregionaal").
	Key    LotKey
	Number int
	Title  string
	CPV    string
	Basis  LotBasis
	// Organizations lists the participants with volume in the lot; for a
	// caller scoped to some organizations only those, the others counted
	// in OtherOrganizations.
	Organizations      []string
	OtherOrganizations int
	Annual             contracts.Money
	// Value is the lot's estimated value (value engine).
	Value contracts.Money
	// Vendors lists the distinct current vendors (by group) of the lot's
	// participants: the market that can bid today.
	Vendors []string
	// Exempt says the lot may be procured outside the EU procedure under
	// the lot exemption (Aw 2012 art. 2.19).
	Exempt bool
}

// lotDraft is a lot with each participant's annual value in it.
type lotDraft struct {
	LotProposal
	annual map[string]contracts.Money
}

// setLots numbers the lots and gives each participant its volumes.
func (s *Suggestion) setLots(in BundleInput, lots []lotDraft) {
	s.Lots = s.Lots[:0]
	for i := range s.Participants {
		s.Participants[i].Volumes = nil
	}
	for i, l := range lots {
		lp := l.LotProposal
		lp.Number = i + 1
		lp.Organizations, lp.Annual, lp.Vendors = nil, 0, nil
		vendors := map[string]bool{}
		for j := range s.Participants {
			p := &s.Participants[j]
			a, ok := l.annual[p.Organization]
			if !ok {
				continue
			}
			p.Volumes = append(p.Volumes, LotVolume{LotID: int64(lp.Number), Quantity: bundleQuantityIn(p.Candidate, len(lots)), Annual: a})
			lp.Organizations = append(lp.Organizations, p.Organization)
			lp.Annual += a
			if v := bundleVendor(p.Contract); v != "" {
				vendors[v] = true
			}
		}
		lp.Vendors = slices.Sorted(maps.Keys(vendors))
		s.Lots = append(s.Lots, lp)
	}
}

// bundleQuantityIn gives a participant's demand quantity to its lot when there
// is one lot; split over lots a quantity means nothing.
func bundleQuantityIn(c Candidate, lots int) int64 {
	if lots == 1 {
		return c.Quantity
	}
	return 0
}

// bundleVendor names a contract's vendor by its group, so subsidiaries count
// once.
func bundleVendor(c contracts.ContractSummary) string {
	if c.ID == 0 {
		return ""
	}
	if c.VendorGroupName != "" {
		return c.VendorGroupName
	}
	return c.VendorName
}

// bundleSingleLot is one lot covering every participant.
func bundleSingleLot(s Suggestion, cat contracts.Category) []lotDraft {
	l := lotDraft{LotProposal: LotProposal{Key: LotKey("category-" + strconv.FormatInt(cat.ID, 10)), Title: cat.Name, CPV: s.CPV, Basis: LotSingle},
		annual: map[string]contracts.Money{}}
	for _, p := range s.Participants {
		l.annual[p.Organization] = p.Annual
	}
	return []lotDraft{l}
}

// proposeLots divides the tender into lots (Aw 2012 art. 1.5 lid 4: divide
// into lots or state why not):
//
//   - by service, one lot per CPV group of the category in which the
//     participants have volume, when there are two or more;
//   - otherwise by province, when the participants lie in two or more
//     provinces and the estimated value reaches the EU threshold: regional
//     lots keep the tender within reach of smaller vendors;
//   - otherwise one lot.
func (in BundleInput) proposeLots(s Suggestion) []lotDraft {
	groups := map[string]map[string]contracts.Money{}
	for _, p := range s.Participants {
		for _, g := range p.Groups {
			if g.Annual <= 0 {
				continue
			}
			if groups[g.Group] == nil {
				groups[g.Group] = map[string]contracts.Money{}
			}
			groups[g.Group][p.Organization] += g.Annual
		}
	}
	if len(groups) >= 2 {
		var out []lotDraft
		titles := map[string]int{}
		for _, g := range slices.Sorted(maps.Keys(groups)) {
			code := bundleGroupCPV(g, in.Category)
			title := in.bundleLotTitle(code, g)
			if titles[title]++; titles[title] > 1 {
				title += " (" + g + ")"
			}
			out = append(out, lotDraft{LotProposal: LotProposal{Key: LotKey("cpv-" + g), Title: title, CPV: code, Basis: LotService}, annual: groups[g]})
		}
		return out
	}
	if s.Plan.Estimate.Total < s.Plan.Threshold {
		return nil
	}
	provinces := map[string]map[string]contracts.Money{}
	for _, p := range s.Participants {
		if provinces[p.Province] == nil {
			provinces[p.Province] = map[string]contracts.Money{}
		}
		provinces[p.Province][p.Organization] = p.Annual
	}
	if len(provinces) < 2 {
		return nil
	}
	var out []lotDraft
	for _, code := range slices.Sorted(maps.Keys(provinces)) {
		name := contracts.Organization{Province: code}.ProvinceName()
		out = append(out, lotDraft{LotProposal: LotProposal{Key: LotKey("province-" + code), Title: in.Words.regionLot(in.Category.Name, name), CPV: s.CPV,
			Basis: LotRegion}, annual: provinces[code]})
	}
	return out
}

// bundleGroupCPV returns the category's first CPV code in group g.
func bundleGroupCPV(g string, cat contracts.Category) string {
	for _, code := range cat.CPV {
		if strings.HasPrefix(code, g) {
			return code
		}
	}
	if len(cat.CPV) > 0 {
		return cat.CPV[0]
	}
	return ""
}

// bundleLotTitle names a service lot after its CPV code's Dutch label,
// or after its CPV group when the code has none.
func (in BundleInput) bundleLotTitle(code, group string) string {
	if label := bundleCPVLabels()[code]; label != "" {
		return bundleCapitalize(label)
	}
	return in.Words.cpvGroupLot(group)
}

// bundleCPVLabels maps the embedded CPV codes to their Dutch labels.
var bundleCPVLabels = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	for _, c := range contracts.EmbeddedCPV() {
		out[c.Code] = c.Label
	}
	return out
})

// bundleCapitalize upper-cases the first letter of s, for a lot title
// made of a CPV label.
func bundleCapitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
