package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestBundleVersion walks the write paths in order: every change to what
// the bundler reads (organizations, vendors, categories, contracts,
// demand, tenders and their participants) moves the version's Inputs, and
// the changes it does not read (lots, requirements, ratings, users,
// tokens, sessions, the nightly date refresh) leave Inputs where it was
// while Head moves on (issue 15: the suggestions are cached per data
// version, so a change that is missed would serve stale suggestions).
func TestBundleVersion(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	st, ps := f.st, f.ps
	asOf := contracts.NewDate(2026, 11, 22)
	var contract, demand, tender, lot, requirement, user int64
	kpn := contracts.Contract{Organization: "GM0363", Number: "T-1", Title: "Telefonie", VendorID: f.vendor, CategoryID: f.category,
		Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone, AnnualValue: 100_000, Status: contracts.StatusActive}
	steps := []struct {
		name  string
		moves bool
		write func() error
	}{
		{"create organization", true, func() error {
			return st.CreateOrganization(ctx, contracts.Organization{Code: "GM0014", Name: "Groningen", Kind: contracts.KindMunicipality, Province: "PV20", Population: 240_000})
		}},
		{"update organization (its region)", true, func() error {
			o := amsterdam()
			o.Region = "Amsterdam"
			return st.UpdateOrganization(ctx, o)
		}},
		{"create vendor", true, func() error {
			_, err := st.CreateVendor(ctx, contracts.Vendor{Name: "Odido", KVK: "14052264", Country: "NL"})
			return err
		}},
		{"create category", true, func() error { _, err := st.CreateCategory(ctx, contracts.Category{Name: "Zaaksysteem"}); return err }},
		{"create contract", true, func() (err error) {
			contract, err = st.CreateContract(ctx, kpn, nil, kpn.Dates(asOf), asOf)
			return err
		}},
		{"update contract", true, func() error {
			c := kpn
			c.ID, c.AnnualValue = contract, 120_000
			return st.UpdateContract(ctx, c, nil, c.Dates(asOf), asOf)
		}},
		{"nightly date refresh", false, func() error {
			return st.SetContractDates(ctx, contract, kpn.Dates(asOf.AddDays(1)), asOf.AddDays(1))
		}},
		{"create demand", true, func() (err error) {
			demand, err = ps.CreateDemand(ctx, procurement.Demand{Organization: "GM0344", CategoryID: f.category, DesiredStart: contracts.NewDate(2027, 1, 1),
				Status: procurement.DemandSubmitted})
			return err
		}},
		{"update demand", true, func() error {
			return ps.UpdateDemand(ctx, procurement.Demand{ID: demand, Organization: "GM0344", CategoryID: f.category, DesiredStart: contracts.NewDate(2027, 2, 1),
				Status: procurement.DemandSubmitted})
		}},
		{"create tender", true, func() error { tender = f.tender(t, "Telefonie", "GM0363"); return nil }},
		{"create lot", false, func() error { lot = f.lot(t, tender, "Mobiel"); return nil }},
		{"add participant", true, func() error {
			return ps.UpsertParticipant(ctx, procurement.Participant{TenderID: tender, Organization: "GM0193", Joined: asOf,
				Mandate: procurement.Mandate{Status: procurement.MandateRequested, Requested: asOf}})
		}},
		{"create requirement", false, func() (err error) {
			requirement, err = ps.CreateRequirement(ctx, procurement.Requirement{TenderID: tender, Text: "Dekking binnen gebouwen", Kind: procurement.KnockOut})
			return err
		}},
		{"rate requirements", false, func() error {
			return ps.SetRatings(ctx, tender, "GM0193", map[int64]procurement.Rating{requirement: procurement.Must})
		}},
		{"create user", false, func() (err error) {
			user, err = st.CreateUser(ctx, auth.User{Email: "inkoop@test.nl", Name: "Inkoop", Role: auth.RoleCoordinator})
			return err
		}},
		{"create token", false, func() error {
			_, err := st.CreateToken(ctx, auth.Token{UserID: user, Name: "koppeling", Kind: auth.TokenAPI, CreatedAt: time.Now()}, "hash")
			return err
		}},
		{"log in", false, func() error {
			return st.CreateSession(ctx, auth.Session{Hash: "sessie", UserID: user, CSRF: "csrf", CreatedAt: time.Now(), LastSeen: time.Now()})
		}},
		{"delete lot", false, func() error { return ps.DeleteLot(ctx, lot) }},
		{"remove participant", true, func() error { return ps.DeleteParticipant(ctx, tender, "GM0193") }},
		{"delete tender", true, func() error { return ps.DeleteTender(ctx, tender) }},
		{"delete demand", true, func() error { return ps.DeleteDemand(ctx, demand) }},
		{"delete contract", true, func() error { return st.DeleteContract(ctx, contract) }},
	}
	v, err := ps.BundleVersion(ctx, procurement.DataVersion{})
	if err != nil || v.Inputs == 0 || v.Inputs != v.Head {
		t.Fatalf("BundleVersion() on the fixture = %+v, %v; want Inputs = Head > 0 (the fixture's organizations)", v, err)
	}
	for _, s := range steps {
		if err := s.write(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got, err := ps.BundleVersion(ctx, v)
		if err != nil {
			t.Fatalf("%s: BundleVersion: %v", s.name, err)
		}
		if moved := got.Inputs != v.Inputs; moved != s.moves || got.Inputs < v.Inputs {
			t.Errorf("%s: Inputs %d → %d; want it moved: %v", s.name, v.Inputs, got.Inputs, s.moves)
		}
		// From scratch the log gives the same version: the cached step
		// and the full read agree.
		if fresh, err := ps.BundleVersion(ctx, procurement.DataVersion{}); err != nil || fresh.Inputs != got.Inputs || fresh.Head != got.Head {
			t.Errorf("%s: BundleVersion from scratch = %+v, %v; from the version before %+v", s.name, fresh, err, got)
		}
		v = got
	}
	// Nothing written: the same version, from one lookup.
	if again, err := ps.BundleVersion(ctx, v); err != nil || again != v {
		t.Errorf("BundleVersion() again = %+v, %v; want %+v", again, err, v)
	}
}
