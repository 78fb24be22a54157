package demo

import (
	"math/rand/v2"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/eformstest"
)

// TestDemoNUTS3: every demo municipality, and every other body with a
// province, lies in a NUTS 3 region of its own province, a code a notice
// takes; with the SDK reference present, each code is on its list
// nuts-nld-lvl3.
func TestDemoNUTS3(t *testing.T) {
	t.Parallel()
	var orgs []contracts.Organization
	for _, m := range smallMunicipalities {
		orgs = append(orgs, contracts.Organization{Code: m.code, Name: m.name, Kind: contracts.KindMunicipality, Province: m.province})
	}
	g := newGenerator(nil, Options{Scale: ScaleSmall, Seed: 1, Now: fixedNow})
	g.rng = rand.New(rand.NewPCG(1, streamOf("organizations")))
	orgs = append(orgs, g.municipalities(1)...)
	for _, p := range contracts.Provinces() {
		orgs = append(orgs, contracts.Organization{Code: p.Code, Name: p.Name, Kind: contracts.KindProvince, Province: p.Code})
	}
	codes := map[string]bool{}
	for _, o := range orgs {
		code := demoDetails(o).NUTS
		if !contracts.NUTS3(code) || code[:4] != contracts.ProvinceNUTS(o.Province)[:4] {
			t.Errorf("%s %s (%s): NUTS %q, want a NUTS 3 region of its province", o.Code, o.Name, o.Province, code)
		}
		codes[code] = true
	}
	for _, list := range provinceNUTS3 {
		for _, code := range list {
			codes[code] = true
		}
	}
	sdk := eformstest.NUTS3(t)
	for code := range codes {
		if !sdk[code] {
			t.Errorf("NUTS %s is not on the SDK's list nuts-nld-lvl3", code)
		}
	}
}
