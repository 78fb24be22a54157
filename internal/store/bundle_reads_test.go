package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestBundleChanges walks the write paths in order and places each change
// in the categories whose suggestions it can touch (issue 15: after a
// change the bundler computes those categories again and reuses the
// others): a contract, a demand, a tender and a participant touch their
// category, a contract moved to another category both; organizations and
// vendors reach into every category; settings, lots, users and the
// nightly date refresh touch none. Over several changes the categories
// add up, and one change that reaches everywhere makes it every category.
func TestBundleChanges(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	st, ps := f.st, f.ps
	asOf := contracts.NewDate(2026, 11, 22)
	cases, err := st.CreateCategory(ctx, contracts.Category{Name: "Zaaksysteem"})
	if err != nil {
		t.Fatal(err)
	}
	var contract, demand, tender, works int64
	kpn := contracts.Contract{Organization: "GM0363", Number: "T-1", Title: "Telefonie", VendorID: f.vendor, CategoryID: f.category,
		Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 36, RenewalKind: contracts.RenewalNone, AnnualValue: 100_000, Status: contracts.StatusActive}
	all := procurement.BundleChanges{All: true}
	in := func(ids ...int64) procurement.BundleChanges {
		slices.Sort(ids)
		return procurement.BundleChanges{Categories: append([]int64{}, ids...)}
	}
	steps := []struct {
		name  string
		want  func() procurement.BundleChanges
		write func() error
	}{
		{"create contract", func() procurement.BundleChanges { return in(f.category) }, func() (err error) {
			contract, err = st.CreateContract(ctx, kpn, nil, kpn.Dates(asOf), asOf)
			return err
		}},
		{"update contract", func() procurement.BundleChanges { return in(f.category) }, func() error {
			c := kpn
			c.ID, c.AnnualValue = contract, 120_000
			return st.UpdateContract(ctx, c, nil, c.Dates(asOf), asOf)
		}},
		{"move the contract to another category", func() procurement.BundleChanges { return in(f.category, cases) }, func() error {
			c := kpn
			c.ID, c.CategoryID = contract, cases
			return st.UpdateContract(ctx, c, nil, c.Dates(asOf), asOf)
		}},
		{"nightly date refresh", func() procurement.BundleChanges { return in() }, func() error {
			return st.SetContractDates(ctx, contract, kpn.Dates(asOf.AddDays(1)), asOf.AddDays(1))
		}},
		{"a setting", func() procurement.BundleChanges { return in() }, func() error { return ps.SetSetting(ctx, "bundles.test", "1") }},
		{"create demand", func() procurement.BundleChanges { return in(cases) }, func() (err error) {
			demand, err = ps.CreateDemand(ctx, procurement.Demand{Organization: "GM0344", CategoryID: cases, DesiredStart: contracts.NewDate(2027, 1, 1),
				Status: procurement.DemandSubmitted})
			return err
		}},
		{"create tender", func() procurement.BundleChanges { return in(f.category) }, func() error { tender = f.tender(t, "Telefonie", "GM0363"); return nil }},
		{"create lot", func() procurement.BundleChanges { return in() }, func() error { f.lot(t, tender, "Mobiel"); return nil }},
		{"add participant", func() procurement.BundleChanges { return in(f.category) }, func() error {
			return ps.UpsertParticipant(ctx, procurement.Participant{TenderID: tender, Organization: "GM0193", Joined: asOf,
				Mandate: procurement.Mandate{Status: procurement.MandateRequested, Requested: asOf}})
		}},
		{"create user", func() procurement.BundleChanges { return in() }, func() error {
			_, err := st.CreateUser(ctx, auth.User{Email: "inkoop@test.nl", Name: "Inkoop", Role: auth.RoleCoordinator})
			return err
		}},
		{"create category", func() procurement.BundleChanges { return in(works) }, func() (err error) {
			works, err = st.CreateCategory(ctx, contracts.Category{Name: "Werkplekken"})
			return err
		}},
		{"remove participant", func() procurement.BundleChanges { return in(f.category) }, func() error { return ps.DeleteParticipant(ctx, tender, "GM0193") }},
		{"delete tender", func() procurement.BundleChanges { return in(f.category) }, func() error { return ps.DeleteTender(ctx, tender) }},
		{"delete demand", func() procurement.BundleChanges { return in(cases) }, func() error { return ps.DeleteDemand(ctx, demand) }},
		{"update organization (its region)", func() procurement.BundleChanges { return all }, func() error {
			o := amsterdam()
			o.Region = "Amsterdam"
			return st.UpdateOrganization(ctx, o)
		}},
		{"create vendor", func() procurement.BundleChanges { return all }, func() error {
			_, err := st.CreateVendor(ctx, contracts.Vendor{Name: "Odido", KVK: "14052264", Country: "NL"})
			return err
		}},
		{"delete contract", func() procurement.BundleChanges { return in(cases) }, func() error { return st.DeleteContract(ctx, contract) }},
	}
	start, err := ps.BundleVersion(ctx, procurement.DataVersion{})
	if err != nil {
		t.Fatal(err)
	}
	v := start
	var versions []procurement.DataVersion
	for _, s := range steps {
		if err := s.write(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got, err := ps.BundleVersion(ctx, v)
		if err != nil {
			t.Fatalf("%s: BundleVersion: %v", s.name, err)
		}
		changes, err := st.BundleChanges(ctx, v.Inputs, got.Inputs)
		if want := s.want(); err != nil || !reflect.DeepEqual(changes, want) {
			t.Errorf("%s: BundleChanges(%d, %d) = %+v, %v; want %+v", s.name, v.Inputs, got.Inputs, changes, err, want)
		}
		versions = append(versions, got)
		v = got
	}
	// The first six steps together: both categories.
	if got, err := st.BundleChanges(ctx, start.Inputs, versions[5].Inputs); err != nil || !reflect.DeepEqual(got, in(f.category, cases)) {
		t.Errorf("BundleChanges over the first six steps = %+v, %v; want both categories", got, err)
	}
	// Every step: an organization changed, so every category.
	if got, err := st.BundleChanges(ctx, start.Inputs, v.Inputs); err != nil || !got.All {
		t.Errorf("BundleChanges over every step = %+v, %v; want every category", got, err)
	}
}
