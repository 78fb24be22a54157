// Package demo fills an empty database with deterministic demo data: real
// municipalities for `serve --demo`, and generated national and stress sets
// for trying the product and measuring it at scale, each with fictional
// vendors, a contract register for every organization, joint tenders and
// registered demand. The same seed always gives the same organizations;
// contracts, tenders and demand are dated relative to today, so they are
// the same for the same seed and the same day.
package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// Scale says how much demo data Generate writes.
type Scale string

// The scales of demo data.
const (
	// ScaleSmall writes a few dozen real municipalities with their real
	// codes, names, provinces and rounded populations; `serve --demo`
	// seeds it.
	ScaleSmall Scale = "small"
	// ScaleNational writes about 700 organizations, as many as the
	// Netherlands has: 342 municipalities, 12 provinces, 21 water boards,
	// joint arrangements, other bodies and cooperations.
	ScaleNational Scale = "national"
	// ScaleStress writes ten times the national set, with generated
	// municipalities only, to measure the product under load.
	ScaleStress Scale = "stress"
)

// Scales returns the scales from small to large.
func Scales() []Scale { return []Scale{ScaleSmall, ScaleNational, ScaleStress} }

// ParseScale returns the scale named s, ignoring case and surrounding
// space. An unknown name is apperr.Invalid.
func ParseScale(s string) (Scale, error) {
	sc := Scale(strings.ToLower(strings.TrimSpace(s)))
	if !sc.valid() {
		return "", fmt.Errorf("demo: unknown scale %q, want small, national or stress: %w", s, apperr.Invalid)
	}
	return sc, nil
}

func (s Scale) valid() bool {
	for _, v := range Scales() {
		if s == v {
			return true
		}
	}
	return false
}

// factor is how many times the national set a scale writes; small has its
// own hand-written set and does not use it.
func (s Scale) factor() int {
	if s == ScaleStress {
		return 10
	}
	return 1
}

// Options configures Generate.
type Options struct {
	// Scale defaults to ScaleSmall.
	Scale Scale
	// Seed selects the generated data: the same seed gives the same data,
	// another seed other names, populations, memberships and contracts.
	Seed uint64
	// Organizations is an optional list of real municipalities (for
	// example parsed from the CBS file) that ScaleNational writes as they
	// are instead of generating its own; only a missing region is filled
	// in, and memberships come from the generator. Every entry must be a
	// municipality. ScaleSmall and ScaleStress ignore it.
	Organizations []contracts.Organization
	// Now returns the current time, for stages whose data is relative to
	// today. Defaults to time.Now. Organization data never depends on it.
	Now func() time.Time
}

// Summary counts what Generate created.
type Summary struct {
	Scale Scale
	Seed  uint64
	// Organizations counts the organizations created per kind,
	// cooperations included.
	Organizations map[contracts.OrgKind]int
	// Memberships counts organization–cooperation memberships.
	Memberships int
	// Regions counts the distinct region names in use.
	Regions    int
	Categories int
	// CPVCodes counts the CPV codes seeded from the embedded list; 0 when
	// the database already held codes.
	CPVCodes int
	// Vendors counts the vendors created, and VendorGroups the groups
	// among them: tops with subsidiaries.
	Vendors      int
	VendorGroups int
	// Contracts and LicenceLines count the contracts created for all
	// organizations and the licence lines on them.
	Contracts    int
	LicenceLines int
	// Tenders counts the joint tenders created, Participants their
	// participants over all tenders, and Demand the registered demand.
	Tenders      int
	Participants int
	Demand       int
}

// OrganizationTotal returns the number of organizations created, of all
// kinds.
func (s Summary) OrganizationTotal() int {
	n := 0
	for _, k := range contracts.OrgKinds() {
		n += s.Organizations[k]
	}
	return n
}

// Store is the store Generate's stages write through: the register,
// which also offers itself as the store of joint buying, so that tenders
// and demand go into the same transaction as the organizations and
// contracts they refer to. The register internal/store's Register()
// returns is one, and so is the store its InTx hands over.
type Store interface {
	contracts.Store
	// Procurement returns the same store, bound to the same transaction,
	// as procurement.Store.
	Procurement() procurement.Store
}

// Generate writes demo data at opts.Scale into st, all in one transaction:
// on any error nothing is kept. st must be a Store (see there). It refuses
// with apperr.Conflict when st already holds organizations, so demo data
// never mixes with real data.
func Generate(ctx context.Context, st contracts.Store, opts Options) (Summary, error) {
	return generateStages(ctx, st, opts, stages)
}

// generateStages is Generate running only the given stages, in order;
// tests of the organization stages leave out the heavier ones after them.
func generateStages(ctx context.Context, st contracts.Store, opts Options, run []stage) (Summary, error) {
	if opts.Scale == "" {
		opts.Scale = ScaleSmall
	}
	if !opts.Scale.valid() {
		return Summary{}, fmt.Errorf("demo: generate: unknown scale %q: %w", opts.Scale, apperr.Invalid)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	var sum Summary
	err := st.InTx(ctx, func(rtx contracts.Store) error {
		// contracts.Store's InTx hands over the register; the tenders and
		// demand stages need it as the store of joint buying too.
		tx, ok := rtx.(Store)
		if !ok {
			return fmt.Errorf("the register's transaction (%T) offers no procurement store: %w", rtx, apperr.Invalid)
		}
		// Checked inside the transaction, which holds the write lock, so
		// no import can slip in between the check and the writes.
		page, err := tx.Organizations(ctx, contracts.OrganizationFilter{PageSize: 1})
		if err != nil {
			return err
		}
		if page.Total > 0 {
			return fmt.Errorf("the database already holds %d organizations and demo data goes into an empty one only: %w",
				page.Total, apperr.Conflict)
		}
		g := newGenerator(tx, opts)
		for _, s := range run {
			g.rng = rand.New(rand.NewPCG(opts.Seed, streamOf(s.name)))
			if err := s.run(ctx, g); err != nil {
				return fmt.Errorf("stage %s: %w", s.name, err)
			}
		}
		sum = g.sum
		// The mark makes every page say the figures are fictitious, also
		// when the server is started without --demo.
		return tx.SetSetting(ctx, contracts.SettingDemoData, fmt.Sprintf("scale=%s seed=%d", opts.Scale, opts.Seed))
	})
	if err != nil {
		return Summary{}, fmt.Errorf("demo: generate %s data: %w", opts.Scale, err)
	}
	return sum, nil
}

// stage is one named step of Generate. Stages run in order, in the one
// transaction, and each may use what the earlier ones created.
type stage struct {
	name string
	run  func(ctx context.Context, g *generator) error
}

// stages lists the steps of Generate. Contracts, tenders and demand come
// after categories, because they refer to organizations and categories.
// The telephony stage writes nothing: it plans the joint telephony tender
// before the contracts stage, which dates the participants' current
// telephony contracts after that plan.
var stages = []stage{
	{"reference", seedReference},
	{"organizations", createOrganizations},
	{"cooperations", createCooperations},
	{"categories", createCategories},
	{"vendors", createVendors},
	{"telephony", planTelephony},
	{"contracts", createContracts},
	{"tenders", createTenders},
	{"demand", createDemand},
}

// pcgStream is the fixed PCG stream constant every stage's stream derives
// from. Changing it changes all demo data.
const pcgStream = 0x5a4d_4b4f_4f50_2026

// streamOf gives each stage its own random stream, so that adding a stage
// or drawing more numbers in one leaves the data of the others unchanged.
func streamOf(stage string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(stage))
	return pcgStream ^ h.Sum64()
}

// generator holds the state the stages share.
type generator struct {
	st   contracts.Store   // bound to Generate's transaction
	ps   procurement.Store // the same transaction, for tenders and demand
	opts Options
	rng  *rand.Rand // reseeded per stage, see streamOf
	// orgs holds the organizations created so far per kind, in creation
	// order, as last written. Look it up by kind; never range over it,
	// because map order would make the data depend on chance.
	orgs map[contracts.OrgKind][]contracts.Organization
	// anchor maps a generated joint arrangement or other body to the
	// municipality it is named after, so it can share its region.
	anchor map[string]string
	// vendorIDs maps the name of each demo vendor to its id; set by the
	// vendors stage, only looked up.
	vendorIDs map[string]int64
	// telephony is the joint telephony tender as the telephony stage
	// planned it; nil until then.
	telephony *telephonyPlan
	sum       Summary
}

func newGenerator(st Store, opts Options) *generator {
	g := &generator{
		st:     st,
		opts:   opts,
		orgs:   map[contracts.OrgKind][]contracts.Organization{},
		anchor: map[string]string{},
		sum: Summary{
			Scale:         opts.Scale,
			Seed:          opts.Seed,
			Organizations: map[contracts.OrgKind]int{},
		},
	}
	if st != nil {
		g.ps = st.Procurement()
	}
	return g
}

// populationDate is the reference date of every demo population, fixed so
// that the data does not depend on the day it was generated.
var populationDate = contracts.NewDate(2025, time.January, 1)

// create validates o and inserts it. An invalid organization is a bug in
// the generator, and fails the whole run.
func (g *generator) create(ctx context.Context, o contracts.Organization) error {
	if o.OrgDetails == (contracts.OrgDetails{}) {
		o.OrgDetails = demoDetails(o)
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("organization %s %q: %w", o.Code, o.Name, err)
	}
	if err := g.st.CreateOrganization(ctx, o); err != nil {
		return err
	}
	g.orgs[o.Kind] = append(g.orgs[o.Kind], o)
	g.sum.Organizations[o.Kind]++
	g.sum.Memberships += len(o.Cooperations)
	return nil
}

// update validates o and writes it over the stored organization with its
// code, memberships included.
func (g *generator) update(ctx context.Context, o contracts.Organization) error {
	if err := o.Validate(); err != nil {
		return fmt.Errorf("organization %s %q: %w", o.Code, o.Name, err)
	}
	return g.st.UpdateOrganization(ctx, o)
}

// seedReference loads the embedded CPV list into an empty CPV table, as
// contracts.Service.SeedReference does, but inside Generate's transaction.
func seedReference(ctx context.Context, g *generator) error {
	n, err := g.st.CPVCount(ctx)
	if err != nil || n > 0 {
		return err
	}
	codes := contracts.EmbeddedCPV()
	if err := g.st.UpsertCPV(ctx, codes); err != nil {
		return err
	}
	g.sum.CPVCodes = len(codes)
	return nil
}
