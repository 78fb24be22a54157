package demo

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// fixedNow pins the clock; organization data must not depend on it anyway.
func fixedNow() time.Time { return time.Date(2026, time.March, 2, 9, 0, 0, 0, contracts.Amsterdam) }

// generate fills a fresh store and returns it with the summary. The
// national and stress sets get their organizations only: their contracts
// are too many for `go test` and are measured by the benchmarks.
func generate(t *testing.T, opts Options) (contracts.Store, Summary) {
	t.Helper()
	st := storetest.New(t).Register()
	opts.Now = fixedNow
	run := stages
	if opts.Scale != ScaleSmall {
		run = stagesThrough(t, "categories")
	}
	sum, err := generateStages(context.Background(), st, opts, run)
	if err != nil {
		t.Fatalf("Generate(%s, seed %d): %v", opts.Scale, opts.Seed, err)
	}
	return st, sum
}

// stagesThrough returns the stages up to and including the one named.
func stagesThrough(t *testing.T, name string) []stage {
	t.Helper()
	for i, s := range stages {
		if s.name == name {
			return stages[:i+1]
		}
	}
	t.Fatalf("no stage %q", name)
	return nil
}

// allOrganizations reads every organization, page by page, in the store's
// order (by name).
func allOrganizations(t *testing.T, st contracts.Store, kind contracts.OrgKind) []contracts.Organization {
	t.Helper()
	var out []contracts.Organization
	for page := 1; ; page++ {
		p, err := st.Organizations(context.Background(), contracts.OrganizationFilter{Kind: kind, Page: page, PageSize: 500})
		if err != nil {
			t.Fatalf("Organizations(page %d): %v", page, err)
		}
		out = append(out, p.Items...)
		if len(out) >= p.Total || len(p.Items) == 0 {
			return out
		}
	}
}

func TestParseScale(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Scale
		wantErr bool
	}{
		{"small", ScaleSmall, false},
		{" National ", ScaleNational, false},
		{"STRESS", ScaleStress, false},
		{"", "", true},
		{"huge", "", true},
	}
	for _, tt := range tests {
		got, err := ParseScale(tt.in)
		if got != tt.want || (err != nil) != tt.wantErr {
			t.Errorf("ParseScale(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
		if err != nil && !errors.Is(err, apperr.Invalid) {
			t.Errorf("ParseScale(%q) error %v is not apperr.Invalid", tt.in, err)
		}
	}
}

func TestGenerateSmall(t *testing.T) {
	t.Parallel()
	s, sum := generateOnce(t, Options{Scale: ScaleSmall, Seed: 1}, stages)
	st := s.Register()
	ctx := context.Background()

	wantKinds := map[contracts.OrgKind]int{
		contracts.KindMunicipality:     len(smallMunicipalities),
		contracts.KindProvince:         12,
		contracts.KindWaterBoard:       len(smallWaterBoards),
		contracts.KindJointArrangement: len(smallJointArrangements),
		contracts.KindCooperation:      2,
		contracts.KindOther:            0,
	}
	for _, kind := range contracts.OrgKinds() {
		got := len(allOrganizations(t, st, kind))
		if got != wantKinds[kind] || sum.Organizations[kind] != wantKinds[kind] {
			t.Errorf("small set: %d %s stored, summary says %d, want %d", got, kind, sum.Organizations[kind], wantKinds[kind])
		}
	}
	if n := len(smallMunicipalities); n < 30 || n > 40 {
		t.Errorf("small set has %d municipalities, want 30–40", n)
	}

	munis := allOrganizations(t, st, contracts.KindMunicipality)
	provinces := map[string]bool{}
	sizes := map[contracts.SizeClass]bool{}
	members, memberships := 0, 0
	for _, m := range munis {
		provinces[m.Province] = true
		sizes[m.SizeClass()] = true
		if m.Region == "" {
			t.Errorf("municipality %s %q has no region", m.Code, m.Name)
		}
		if len(m.Cooperations) > 0 {
			members++
		}
		memberships += len(m.Cooperations)
	}
	if len(provinces) != 12 {
		t.Errorf("municipalities lie in %d provinces, want all 12", len(provinces))
	}
	for _, sc := range contracts.SizeClasses() {
		if !sizes[sc] {
			t.Errorf("no municipality of size class %s", sc)
		}
	}
	if members*2 <= len(munis) {
		t.Errorf("%d of %d municipalities are in a cooperation, want most", members, len(munis))
	}
	if sum.Memberships < memberships {
		t.Errorf("summary counts %d memberships, municipalities alone have %d", sum.Memberships, memberships)
	}

	for _, code := range []string{"GM0518", "GM1900", "GM0820", "GM0796", "GM0096", "GM0088", "COOP-ICT", "PV21"} {
		if _, err := st.Organization(ctx, code); err != nil {
			t.Errorf("Organization(%s): %v", code, err)
		}
	}
	utrecht, err := st.Organization(ctx, "PV26")
	if err != nil {
		t.Fatal(err)
	}
	if utrecht.Population == 0 {
		t.Errorf("province PV26 has population 0, want the sum of its municipalities")
	}

	cats, err := st.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cats) != len(categories) || sum.Categories != len(categories) {
		t.Errorf("%d categories stored, summary says %d, want %d", len(cats), sum.Categories, len(categories))
	}
	n, err := st.CPVCount(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || sum.CPVCodes != n {
		t.Errorf("CPV codes: %d stored, summary says %d, want the embedded list", n, sum.CPVCodes)
	}
	if sum.Regions == 0 {
		t.Errorf("summary counts no regions")
	}
}

func TestGenerateSameSeedSameData(t *testing.T) {
	t.Parallel()
	for _, scale := range []Scale{ScaleSmall, ScaleNational} {
		t.Run(string(scale), func(t *testing.T) {
			t.Parallel()
			st1, sum1 := generate(t, Options{Scale: scale, Seed: 42})
			st2, sum2 := generate(t, Options{Scale: scale, Seed: 42})
			if !reflect.DeepEqual(sum1, sum2) {
				t.Errorf("summaries differ for the same seed:\n%+v\n%+v", sum1, sum2)
			}
			a, b := allOrganizations(t, st1, ""), allOrganizations(t, st2, "")
			if len(a) != len(b) {
				t.Fatalf("same seed gave %d and %d organizations", len(a), len(b))
			}
			for i := range a {
				if !reflect.DeepEqual(a[i], b[i]) {
					t.Fatalf("organization %d differs for the same seed:\n%+v\n%+v", i, a[i], b[i])
				}
			}
		})
	}
}

func TestGenerateOtherSeedOtherData(t *testing.T) {
	t.Parallel()
	st1, _ := generate(t, Options{Scale: ScaleNational, Seed: 1})
	st2, _ := generate(t, Options{Scale: ScaleNational, Seed: 2})
	a, b := allOrganizations(t, st1, contracts.KindMunicipality), allOrganizations(t, st2, contracts.KindMunicipality)
	if reflect.DeepEqual(a, b) {
		t.Errorf("seeds 1 and 2 gave the same municipalities")
	}
}

func TestGenerateNational(t *testing.T) {
	t.Parallel()
	st, sum := generate(t, Options{Scale: ScaleNational, Seed: 7})
	if got := sum.Organizations[contracts.KindMunicipality]; got != 342 {
		t.Errorf("national: %d municipalities, want 342", got)
	}
	if got := sum.OrganizationTotal(); got < 650 || got > 750 {
		t.Errorf("national: %d organizations, want 650–750", got)
	}
	all := allOrganizations(t, st, "")
	if len(all) != sum.OrganizationTotal() {
		t.Errorf("national: %d organizations stored, summary says %d", len(all), sum.OrganizationTotal())
	}
	if sum.Organizations[contracts.KindWaterBoard] != 21 || sum.Organizations[contracts.KindProvince] != 12 {
		t.Errorf("national: %d water boards and %d provinces, want 21 and 12",
			sum.Organizations[contracts.KindWaterBoard], sum.Organizations[contracts.KindProvince])
	}
	if c := sum.Organizations[contracts.KindCooperation]; c < 8 || c > 12 {
		t.Errorf("national: %d cooperations, want about 10", c)
	}
	if sum.Regions < 20 || sum.Regions > 30 {
		t.Errorf("national: %d regions, want about 25", sum.Regions)
	}

	munis := allOrganizations(t, st, contracts.KindMunicipality)
	pops := make([]int, len(munis))
	total, large := 0, 0
	for i, m := range munis {
		pops[i] = m.Population
		total += m.Population
		if m.Population >= 100_000 {
			large++
		}
		if m.Region == "" {
			t.Errorf("municipality %s %q has no region", m.Code, m.Name)
		}
	}
	slices.Sort(pops)
	if median := pops[len(pops)/2]; median < 15_000 || median > 40_000 {
		t.Errorf("national: median population %d, want about 25,000", median)
	}
	if total < 16_000_000 || total > 20_000_000 {
		t.Errorf("national: total population %d, want about 18 million", total)
	}
	if large < 3 || large > 60 {
		t.Errorf("national: %d municipalities of 100,000 or more, want a few", large)
	}
}

func TestGenerateNationalFromList(t *testing.T) {
	t.Parallel()
	list := []contracts.Organization{
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27", Population: 934_526, PopulationDate: populationDate},
		{Code: "GM0080", Name: "Leeuwarden", Kind: contracts.KindMunicipality, Province: "PV21", Population: 127_000, PopulationDate: populationDate, Region: "Eigen regio"},
	}
	st, sum := generate(t, Options{Scale: ScaleNational, Seed: 3, Organizations: list})
	if got := sum.Organizations[contracts.KindMunicipality]; got != len(list) {
		t.Errorf("national from a list of %d: %d municipalities", len(list), got)
	}
	for _, want := range list {
		got, err := st.Organization(context.Background(), want.Code)
		if err != nil {
			t.Fatalf("Organization(%s): %v", want.Code, err)
		}
		if got.Name != want.Name || got.Province != want.Province || got.Population != want.Population {
			t.Errorf("Organization(%s) = %+v, want the given %+v", want.Code, got, want)
		}
		if want.Region != "" && got.Region != want.Region {
			t.Errorf("Organization(%s).Region = %q, want the given %q", want.Code, got.Region, want.Region)
		}
		if got.Region == "" {
			t.Errorf("Organization(%s) has no region, want a generated one", want.Code)
		}
	}
}

func TestGenerateRefusesNonEmptyStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.New(t).Register()
	real := contracts.Organization{Code: "GM0344", Name: "Utrecht", Kind: contracts.KindMunicipality, Province: "PV26"}
	if err := st.CreateOrganization(ctx, real); err != nil {
		t.Fatal(err)
	}
	_, err := Generate(ctx, st, Options{Scale: ScaleSmall, Now: fixedNow})
	if !errors.Is(err, apperr.Conflict) {
		t.Fatalf("Generate on a store with an organization: error %v, want apperr.Conflict", err)
	}
	if all := allOrganizations(t, st, ""); len(all) != 1 || all[0].Code != real.Code {
		t.Errorf("after the refused Generate the store holds %d organizations, want only %s", len(all), real.Code)
	}
	if n, err := st.CPVCount(ctx); err != nil || n != 0 {
		t.Errorf("after the refused Generate: %d CPV codes (%v), want 0", n, err)
	}
	if cats, err := st.Categories(ctx); err != nil || len(cats) != 0 {
		t.Errorf("after the refused Generate: %d categories (%v), want 0", len(cats), err)
	}
}

func TestGenerateKeepsNothingOnError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
		want error
	}{
		{"unknown scale", Options{Scale: "huge"}, apperr.Invalid},
		{"list with a province", Options{Scale: ScaleNational, Organizations: []contracts.Organization{
			{Code: "PV26", Name: "Provincie Utrecht", Kind: contracts.KindProvince, Province: "PV26"},
		}}, apperr.Invalid},
		{"list with a bad code", Options{Scale: ScaleNational, Organizations: []contracts.Organization{
			{Code: "GM344", Name: "Utrecht", Kind: contracts.KindMunicipality},
		}}, apperr.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			st := storetest.New(t).Register()
			tt.opts.Now = fixedNow
			if _, err := Generate(ctx, st, tt.opts); !errors.Is(err, tt.want) {
				t.Fatalf("Generate(%s): error %v, want %v", tt.name, err, tt.want)
			}
			if all := allOrganizations(t, st, ""); len(all) != 0 {
				t.Errorf("Generate(%s) failed but left %d organizations", tt.name, len(all))
			}
			if n, err := st.CPVCount(ctx); err != nil || n != 0 {
				t.Errorf("Generate(%s) failed but left %d CPV codes (%v)", tt.name, n, err)
			}
		})
	}
}

// TestStressMunicipalities checks the stress set's municipalities in
// memory only; writing the whole set belongs in BenchmarkGenerateStress.
func TestStressMunicipalities(t *testing.T) {
	t.Parallel()
	g := newGenerator(nil, Options{Scale: ScaleStress})
	g.rng = rand.New(rand.NewPCG(1, streamOf("organizations")))
	munis := g.municipalities(ScaleStress.factor())
	if len(munis) != 3420 {
		t.Fatalf("stress: %d municipalities, want 3420", len(munis))
	}
	codes, names := map[string]bool{}, map[string]bool{}
	for _, m := range munis {
		if err := m.Validate(); err != nil {
			t.Errorf("stress municipality %s %q: %v", m.Code, m.Name, err)
		}
		if codes[m.Code] || names[m.Name] {
			t.Errorf("stress municipality %s %q: code or name used twice", m.Code, m.Name)
		}
		codes[m.Code], names[m.Name] = true, true
	}
}

// benchmarkGenerate times Generate on a fresh database file per iteration;
// opening and migrating it is not timed.
func benchmarkGenerate(b *testing.B, scale Scale) {
	ctx := context.Background()
	var sum Summary
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(filepath.Join(b.TempDir(), "demo.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err = Generate(ctx, st.Register(), Options{Scale: scale, Seed: uint64(i) + 1, Now: fixedNow})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(sum.OrganizationTotal()), "orgs/op")
	b.ReportMetric(float64(sum.Memberships), "memberships/op")
	b.ReportMetric(float64(sum.Contracts), "contracts/op")
	b.ReportMetric(float64(sum.LicenceLines), "lines/op")
}

func BenchmarkGenerateNational(b *testing.B) { benchmarkGenerate(b, ScaleNational) }

// BenchmarkGenerateStress runs only as a benchmark: the stress set is too
// big for `go test ./...`.
func BenchmarkGenerateStress(b *testing.B) { benchmarkGenerate(b, ScaleStress) }

func TestGenerateMarksTheDataAsDemo(t *testing.T) {
	st := storetest.New(t)
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	if demo, err := svc.DemoData(context.Background()); err != nil || demo {
		t.Fatalf("fresh database: DemoData = %v, %v; want false", demo, err)
	}
	if _, err := Generate(context.Background(), st.Register(), Options{Scale: ScaleSmall, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if demo, err := svc.DemoData(context.Background()); err != nil || !demo {
		t.Errorf("after Generate: DemoData = %v, %v; want true", demo, err)
	}
}
