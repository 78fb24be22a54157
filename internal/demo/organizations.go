package demo

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// National figures the generated sets follow; the stress set multiplies
// the counts by ten.
const (
	nationalJointArrangements = 290
	nationalOthers            = 25
	// nationalPopulation is about the Dutch population on 1 January 2025.
	nationalPopulation = 18_000_000
	// medianPopulation and populationSpread shape the log-normal
	// distribution of generated populations: half the municipalities below
	// 25,000, a tail of cities above 100,000, and a mean that puts the
	// national total near 18 million.
	medianPopulation = 25_000
	populationSpread = 1.2
	minPopulation    = 900
	maxPopulation    = 950_000
)

// createOrganizations writes the municipalities, provinces, water boards,
// joint arrangements and other bodies. Provinces come after the
// municipalities, whose populations they add up.
func createOrganizations(ctx context.Context, g *generator) error {
	if g.opts.Scale == ScaleSmall {
		return g.createSmall(ctx)
	}
	return g.createGenerated(ctx)
}

func (g *generator) createSmall(ctx context.Context) error {
	for _, m := range smallMunicipalities {
		o := contracts.Organization{
			Code: m.code, Name: m.name, Kind: contracts.KindMunicipality, Province: m.province,
			Population: m.population, PopulationDate: populationDate, Region: m.region,
		}
		if err := g.create(ctx, o); err != nil {
			return err
		}
	}
	if err := g.createProvinces(ctx); err != nil {
		return err
	}
	for _, i := range smallWaterBoards {
		if err := g.createWaterBoard(ctx, i, 0); err != nil {
			return err
		}
	}
	for _, ja := range smallJointArrangements {
		o := contracts.Organization{
			Code: ja.code, Name: ja.name, Kind: contracts.KindJointArrangement, Province: ja.province, Region: ja.region,
		}
		if err := g.create(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

func (g *generator) createGenerated(ctx context.Context) error {
	f := g.opts.Scale.factor()
	munis := g.opts.Organizations
	if g.opts.Scale != ScaleNational || len(munis) == 0 {
		munis = g.municipalities(f)
	}
	names := newNameSet()
	for _, m := range munis {
		if m.Kind != contracts.KindMunicipality {
			return fmt.Errorf("organization %s %q is a %s; the demo takes a list of municipalities only: %w",
				m.Code, m.Name, m.Kind, apperr.Invalid)
		}
		// The generator decides memberships; the cooperations do not exist yet.
		m.Cooperations = nil
		if err := g.create(ctx, m); err != nil {
			return err
		}
		names.add(m.Name)
	}
	if err := g.createProvinces(ctx); err != nil {
		return err
	}
	for rep := range f {
		for i := range waterBoards {
			if err := g.createWaterBoard(ctx, i, rep); err != nil {
				return err
			}
		}
	}
	bodies := []struct {
		kind   contracts.OrgKind
		n      int
		prefix string
		types  []string
	}{
		{contracts.KindJointArrangement, nationalJointArrangements * f, "GR", jointArrangementTypes},
		{contracts.KindOther, nationalOthers * f, "ORG", otherTypes},
	}
	for _, b := range bodies {
		for i := range b.n {
			if err := g.createAnchored(ctx, b.kind, fmt.Sprintf("%s-%04d", b.prefix, i+1), b.types, names); err != nil {
				return err
			}
		}
	}
	return nil
}

// createProvinces writes the twelve provinces, each with the sum of its
// municipalities' populations.
func (g *generator) createProvinces(ctx context.Context) error {
	for _, p := range contracts.Provinces() {
		o := contracts.Organization{Code: p.Code, Name: "Provincie " + p.Name, Kind: contracts.KindProvince, Province: p.Code}
		for _, m := range g.orgs[contracts.KindMunicipality] {
			if m.Province == p.Code {
				o.Population += m.Population
			}
		}
		if o.Population > 0 {
			o.PopulationDate = populationDate
		}
		if err := g.create(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

// createWaterBoard writes water board i of waterBoards; the stress set
// repeats the list as districts.
func (g *generator) createWaterBoard(ctx context.Context, i, rep int) error {
	wb := waterBoards[i]
	o := contracts.Organization{
		Code: fmt.Sprintf("WS-%02d", rep*len(waterBoards)+i+1),
		Name: wb.name, Kind: contracts.KindWaterBoard, Province: wb.province,
	}
	if rep > 0 {
		o.Name = fmt.Sprintf("%s, district %d", wb.name, rep+1)
	}
	return g.create(ctx, o)
}

// createAnchored writes a generated body named after a municipality, as
// joint arrangements and regional bodies often are ("Omgevingsdienst
// Zandhoven"). It lies in that municipality's province and later takes its
// region.
func (g *generator) createAnchored(ctx context.Context, kind contracts.OrgKind, code string, types []string, names *nameSet) error {
	munis := g.orgs[contracts.KindMunicipality]
	for attempt := 0; ; attempt++ {
		m := munis[g.rng.IntN(len(munis))]
		name := types[g.rng.IntN(len(types))] + " " + m.Name
		if g.rng.IntN(4) == 0 {
			name += " e.o."
		}
		// A short list of municipalities has few names to offer; number
		// them rather than draw forever.
		if attempt >= 20 {
			name = fmt.Sprintf("%s %d", name, attempt)
		}
		if !names.add(name) {
			continue
		}
		g.anchor[code] = m.Code
		return g.create(ctx, contracts.Organization{Code: code, Name: name, Kind: kind, Province: m.Province})
	}
}

var jointArrangementTypes = []string{
	"GGD", "Veiligheidsregio", "Omgevingsdienst", "Belastingsamenwerking", "Werkbedrijf",
	"Afvalschap", "ICT-samenwerking", "Recreatieschap", "Sociale dienst", "Archiefdienst",
	"Inkoopbureau", "Leerplicht en RMC", "Jeugdhulpregio", "Bedrijfsvoeringsorganisatie",
	"Regionale uitvoeringsdienst",
}

var otherTypes = []string{
	"Stichting Bibliotheek", "Streekarchief", "Sportbedrijf", "Parkeerbedrijf",
	"Stichting Welzijn", "Regionaal Historisch Centrum", "Havenbedrijf", "Stichting Cultuurhuis",
}

// municipalities generates 342×f municipalities: unique CBS-style codes in
// province order (as CBS numbered them), unique Dutch-sounding names, and
// populations from a skewed distribution scaled to the national total.
func (g *generator) municipalities(f int) []contracts.Organization {
	n := 0
	for _, s := range provinceShares {
		n += s.count * f
	}
	// Codes are drawn without replacement, so they are unique: from
	// GM0001–GM1999 like real ones when there is room, else from the whole
	// four-digit range (the stress set).
	pool := 1999
	if 2*n > pool {
		pool = 9999
	}
	codes := g.rng.Perm(pool)[:n]
	slices.Sort(codes)

	pops := make([]float64, n)
	total := 0.0
	for i := range pops {
		p := medianPopulation * math.Exp(populationSpread*g.rng.NormFloat64())
		pops[i] = min(max(p, minPopulation), maxPopulation)
		total += pops[i]
	}
	scale := float64(nationalPopulation*f) / total

	names := newNameSet()
	out := make([]contracts.Organization, 0, n)
	for _, s := range provinceShares {
		for range s.count * f {
			i := len(out)
			out = append(out, contracts.Organization{
				Code:           fmt.Sprintf("GM%04d", codes[i]+1),
				Name:           g.municipalityName(names),
				Kind:           contracts.KindMunicipality,
				Province:       s.province,
				Population:     max(int(math.Round(pops[i]*scale)), 1),
				PopulationDate: populationDate,
			})
		}
	}
	return out
}

// nameSet keeps generated names unique. It is only looked up, never
// ranged over.
type nameSet struct{ seen map[string]bool }

func newNameSet() *nameSet { return &nameSet{seen: map[string]bool{}} }

// add reports whether name was new, and records it.
func (s *nameSet) add(name string) bool {
	if s.seen[name] {
		return false
	}
	s.seen[name] = true
	return true
}

// Name parts for generated municipalities, after the patterns of real
// ones: a compound (Zandhoven), a compass prefix (Midden-Veenwijk), a river
// (Lindeloo aan de Maas) or two merged places (Geldrop-Mierlo).
var (
	nameHeads = []string{
		"Aal", "Achter", "Bel", "Berg", "Bever", "Blok", "Boek", "Bor", "Bos", "Brak",
		"Bree", "Brug", "Dal", "Del", "Dieren", "Dor", "Drie", "Eem", "Eind", "Elst",
		"Ems", "Gel", "Gender", "Goor", "Gra", "Haar", "Hal", "Ham", "Har", "Heem",
		"Heer", "Hel", "Hengel", "Hoog", "Hout", "Kamp", "Kroon", "Laar", "Lang", "Lee",
		"Lich", "Linde", "Loch", "Maar", "Meer", "Mid", "Mol", "Nieuw", "Noord", "Oost",
		"Oud", "Ouder", "Raal", "Ree", "Rijs", "Roos", "Sche", "Sloot", "Spijk", "Steen",
		"Stroe", "Ter", "Uit", "Val", "Veen", "Vier", "Vlie", "Vries", "Waal", "Warn",
		"Wes", "Wier", "Wijn", "Win", "Wolder", "Woud", "Zand", "Zee", "Zuid", "Zwart",
	}
	nameTails = []string{
		"beek", "berg", "bergen", "broek", "burg", "dam", "dijk", "donk", "dorp", "drecht",
		"gein", "haven", "heim", "horst", "hout", "hoven", "huizen", "kerk", "land", "lo",
		"loo", "meer", "mond", "oord", "rode", "sloot", "stede", "sum", "veen", "veld",
		"voorde", "voort", "wijk", "wolde", "woude", "zijl",
	}
	nameCompass = []string{"Midden-", "Noord-", "Oost-", "West-", "Zuid-"}
	nameRivers  = []string{"aan de Maas", "aan den Rijn", "aan den IJssel", "aan de Vecht", "aan Zee", "aan de Lek"}
)

func (g *generator) compoundName() string {
	return nameHeads[g.rng.IntN(len(nameHeads))] + nameTails[g.rng.IntN(len(nameTails))]
}

// municipalityName returns a new unique name. The plain compounds run out
// for the stress set (about 2,900 of them), so a taken name just draws
// again, with the richer patterns to fall back on.
func (g *generator) municipalityName(names *nameSet) string {
	for {
		var name string
		switch r := g.rng.IntN(100); {
		case r < 70:
			name = g.compoundName()
		case r < 82:
			name = nameCompass[g.rng.IntN(len(nameCompass))] + g.compoundName()
		case r < 92:
			name = g.compoundName() + " " + nameRivers[g.rng.IntN(len(nameRivers))]
		default:
			name = g.compoundName() + "-" + g.compoundName()
		}
		if names.add(name) {
			return name
		}
	}
}
