package procurement_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestServiceRefusesOutsideScope: a caller scoped to one organization
// registers demand and takes part in joint tenders for that organization
// only (DESIGN §6). Acting for another is apperr.Forbidden and writes
// nothing: the audit log, which gets an entry for every write, keeps its
// length, and the demand and participants stay as they were.
func TestServiceRefusesOutsideScope(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.New(t)
	for _, o := range []contracts.Organization{
		{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27", Population: 934526},
		{Code: "GM0344", Name: "Utrecht", Kind: contracts.KindMunicipality, Province: "PV26", Population: 374238},
	} {
		if err := st.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := st.CreateCategory(ctx, contracts.Category{Name: "Telefonie"})
	if err != nil {
		t.Fatal(err)
	}
	ps := st.Procurement()
	tender, err := ps.CreateTender(ctx, procurement.Tender{Title: "Mobiele telefonie", CategoryID: cat, Lead: "GM0363",
		Kind: procurement.KindServices, TermMonths: 24, Status: procurement.TenderCollecting})
	if err != nil {
		t.Fatal(err)
	}
	lot, err := ps.CreateLot(ctx, procurement.Lot{TenderID: tender, Title: "Abonnementen", Unit: "aansluiting", UnitPrice: 12_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, org := range []string{"GM0363", "GM0344"} {
		p := procurement.Participant{TenderID: tender, Organization: org, Mandate: procurement.Mandate{Status: procurement.MandateRequested},
			Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 10, Annual: 1_000}}}
		if err := ps.UpsertParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	demand := func(org string) procurement.Demand {
		return procurement.Demand{Organization: org, CategoryID: cat, Quantity: 50, Unit: "aansluiting",
			DesiredStart: contracts.NewDate(2027, 1, 1), Status: procurement.DemandSubmitted}
	}
	own, err := ps.CreateDemand(ctx, demand("GM0363"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := ps.CreateDemand(ctx, demand("GM0344"))
	if err != nil {
		t.Fatal(err)
	}
	svc := procurement.NewService(ps, procurement.Options{Now: func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }})
	state := func() (int, []procurement.Demand, []procurement.Participant) {
		t.Helper()
		_, n, err := st.AuditEntries(ctx, audit.Filter{PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		ds, err := ps.Demands(ctx, procurement.DemandFilter{Scope: contracts.Everyone()})
		if err != nil {
			t.Fatal(err)
		}
		parts, err := ps.Participants(ctx, tender)
		if err != nil {
			t.Fatal(err)
		}
		return n, ds.Items, parts
	}

	member := contracts.Only("GM0363")
	changed := demand("GM0344")
	changed.ID, changed.Quantity = other, 75
	signed := procurement.Mandate{Status: procurement.MandateSigned, Signed: contracts.NewDate(2026, 11, 1), Body: procurement.BodyCollege,
		Scope: procurement.MandateScope{Documents: true, Award: true}}
	tests := []struct {
		name  string
		scope contracts.Scope
		call  func(contracts.Scope) error
	}{
		{"registering demand for another organization", member, func(s contracts.Scope) error {
			_, err := svc.CreateDemand(ctx, s, demand("GM0344"))
			return err
		}},
		{"reading another organization's demand", member, func(s contracts.Scope) error {
			_, err := svc.Demand(ctx, s, other)
			return err
		}},
		{"changing another organization's demand", member, func(s contracts.Scope) error { return svc.UpdateDemand(ctx, s, changed) }},
		{"deleting another organization's demand", member, func(s contracts.Scope) error { return svc.DeleteDemand(ctx, s, other) }},
		{"listing another organization's demand", member, func(s contracts.Scope) error {
			_, err := svc.Demands(ctx, s, procurement.DemandFilter{Organization: "GM0344"})
			return err
		}},
		{"joining a tender for another organization", member, func(s contracts.Scope) error {
			return svc.SetParticipant(ctx, s, procurement.Participant{TenderID: tender, Organization: "GM0344",
				Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 99}}})
		}},
		{"taking another organization out of a tender", member, func(s contracts.Scope) error {
			return svc.RemoveParticipant(ctx, s, tender, "GM0344")
		}},
		{"signing another organization's mandate", member, func(s contracts.Scope) error {
			return svc.SetMandate(ctx, s, tender, "GM0344", signed)
		}},
		{"rating requirements for another organization", member, func(s contracts.Scope) error {
			return svc.Rate(ctx, s, tender, "GM0344", map[int64]procurement.Rating{})
		}},
		{"setting another organization's policy bands", member, func(s contracts.Scope) error {
			return svc.SetPolicyBands(ctx, s, "GM0344", procurement.DefaultPolicyBands())
		}},
		{"the zero Scope registers no demand, not even an own", contracts.Scope{}, func(s contracts.Scope) error {
			_, err := svc.CreateDemand(ctx, s, demand("GM0363"))
			return err
		}},
		{"the zero Scope joins nothing", contracts.Scope{}, func(s contracts.Scope) error {
			return svc.SetParticipant(ctx, s, procurement.Participant{TenderID: tender, Organization: "GM0363",
				Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 99}}})
		}},
		{"the zero Scope deletes no demand", contracts.Scope{}, func(s contracts.Scope) error { return svc.DeleteDemand(ctx, s, own) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			audits, ds, parts := state()
			if err := tt.call(tt.scope); !errors.Is(err, apperr.Forbidden) {
				t.Errorf("as %s: err = %v, want apperr.Forbidden", tt.scope, err)
			}
			afterAudits, afterDs, afterParts := state()
			if afterAudits != audits {
				t.Errorf("as %s: refused, but the audit log went from %d to %d entries", tt.scope, audits, afterAudits)
			}
			if !reflect.DeepEqual(ds, afterDs) {
				t.Errorf("as %s: refused, but the demand changed from %+v to %+v", tt.scope, ds, afterDs)
			}
			if !reflect.DeepEqual(parts, afterParts) {
				t.Errorf("as %s: refused, but the participants changed from %+v to %+v", tt.scope, parts, afterParts)
			}
		})
	}

	// The member's own demand is its to read, and the list holds only it;
	// the zero Scope lists nothing.
	if d, err := svc.Demand(ctx, member, own); err != nil || d.Organization != "GM0363" {
		t.Errorf("Demand(own) as %s = %+v, %v", member, d, err)
	}
	for _, tc := range []struct {
		scope contracts.Scope
		want  []int64
	}{{member, []int64{own}}, {contracts.Scope{}, nil}, {contracts.Everyone(), []int64{own, other}}} {
		page, err := svc.Demands(ctx, tc.scope, procurement.DemandFilter{})
		var ids []int64
		for _, d := range page.Items {
			ids = append(ids, d.ID)
		}
		if err != nil || !slices.Equal(ids, tc.want) {
			t.Errorf("Demands as %s = %v, %v; want %v", tc.scope, ids, err, tc.want)
		}
	}
}
