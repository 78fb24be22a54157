package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
)

// cooperation describes a generated purchasing cooperation and who joins.
type cooperation struct {
	code, name string
	// provinces limits the members to these provinces; nil means national.
	provinces []string
	members   []memberShare
}

// memberShare is the chance that an organization of a kind joins.
type memberShare struct {
	kind  contracts.OrgKind
	share float64
}

var (
	municipalitiesMostly = []memberShare{{contracts.KindMunicipality, 0.75}}
	regionalMembers      = []memberShare{{contracts.KindMunicipality, 0.6}, {contracts.KindJointArrangement, 0.1}}
)

// cooperations lists the cooperations of the national set; the small set
// takes the first two.
var cooperations = []cooperation{
	{"COOP-ICT", "Coöperatie Gemeentelijk ICT-inkoop", nil, municipalitiesMostly},
	{"COOP-NN", "Inkoopsamenwerking Noord-Nederland", []string{"PV20", "PV21", "PV22"}, regionalMembers},
	{"COOP-OOST", "Inkoopcoöperatie Oost-Nederland", []string{"PV23", "PV25"}, regionalMembers},
	{"COOP-MN", "Inkoopbureau Midden-Nederland", []string{"PV24", "PV26"}, regionalMembers},
	{"COOP-NH", "Inkoopsamenwerking Noord-Holland", []string{"PV27"}, regionalMembers},
	{"COOP-ZH", "Inkoopcentrum Zuid-Holland", []string{"PV28"}, regionalMembers},
	{"COOP-ZL", "Inkoopbureau Zeeland", []string{"PV29"}, regionalMembers},
	{"COOP-BRA", "Brabantse Inkoopcoöperatie", []string{"PV30"}, regionalMembers},
	{"COOP-LIM", "Inkoopsamenwerking Limburg", []string{"PV31"}, regionalMembers},
	{"COOP-WS", "Inkoopsamenwerking Waterschappen", nil, []memberShare{{contracts.KindWaterBoard, 0.9}}},
}

// smallCooperations is how many of cooperations the small set has.
const smallCooperations = 2

// memberKinds lists, in the order memberships are drawn, the kinds that
// can join a cooperation. Municipalities come first: the bodies named
// after one take its region.
var memberKinds = []contracts.OrgKind{
	contracts.KindMunicipality, contracts.KindWaterBoard, contracts.KindJointArrangement, contracts.KindOther,
}

// coopRep is one cooperation as written: the stress set writes each of
// cooperations ten times, and copy rep takes every reps-th organization,
// so that each organization has as many memberships as in the national
// set.
type coopRep struct {
	cooperation
	rep, reps int
}

// createCooperations writes the cooperations, fills in the region of
// every organization that has none, and draws the memberships.
func createCooperations(ctx context.Context, g *generator) error {
	list, reps := cooperations, g.opts.Scale.factor()
	if g.opts.Scale == ScaleSmall {
		list = cooperations[:smallCooperations]
	}
	var coops []coopRep
	for rep := range reps {
		for _, c := range list {
			cr := coopRep{cooperation: c, rep: rep, reps: reps}
			if rep > 0 {
				cr.code = fmt.Sprintf("%s-%d", c.code, rep+1)
				cr.name = fmt.Sprintf("%s %d", c.name, rep+1)
			}
			o := contracts.Organization{Code: cr.code, Name: cr.name, Kind: contracts.KindCooperation}
			if len(c.provinces) == 1 {
				o.Province = c.provinces[0]
			}
			if err := g.create(ctx, o); err != nil {
				return err
			}
			coops = append(coops, cr)
		}
	}

	regionOf := map[string]string{} // municipality code → region; looked up only
	for _, kind := range memberKinds {
		orgs := g.orgs[kind]
		for i := range orgs {
			o := &orgs[i]
			changed := false
			if o.Region == "" {
				o.Region = g.region(*o, regionOf)
				changed = o.Region != ""
			}
			if kind == contracts.KindMunicipality {
				regionOf[o.Code] = o.Region
			}
			for _, c := range coops {
				if share := c.share(*o, i); share > 0 && g.rng.Float64() < share {
					o.Cooperations = append(o.Cooperations, c.code)
				}
			}
			if !changed && len(o.Cooperations) == 0 {
				continue
			}
			if err := g.update(ctx, *o); err != nil {
				return err
			}
			g.sum.Memberships += len(o.Cooperations)
		}
	}
	names, err := g.st.Regions(ctx)
	if err != nil {
		return err
	}
	g.sum.Regions = len(names)
	return nil
}

// region picks a region for o: the one of the municipality it is named
// after, or else one of its province's regions.
func (g *generator) region(o contracts.Organization, regionOf map[string]string) string {
	if m, ok := g.anchor[o.Code]; ok && regionOf[m] != "" {
		return regionOf[m]
	}
	if o.Kind != contracts.KindMunicipality {
		return ""
	}
	names := regions[o.Province]
	if len(names) == 0 {
		return ""
	}
	return names[g.rng.IntN(len(names))]
}

// share returns the chance that o, the i-th organization of its kind,
// joins c; 0 when it cannot.
func (c coopRep) share(o contracts.Organization, i int) float64 {
	if i%c.reps != c.rep {
		return 0
	}
	if c.provinces != nil && !slices.Contains(c.provinces, o.Province) {
		return 0
	}
	for _, m := range c.members {
		if m.kind == o.Kind {
			return m.share
		}
	}
	return 0
}
