package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// procFixture is a store with three municipalities (Amsterdam, Utrecht,
// Zwolle), the category Telefonie and the vendor KPN.
type procFixture struct {
	st       *store.Store
	ps       procurement.Store
	category int64
	vendor   int64
}

func newProcFixture(tb testing.TB) procFixture {
	tb.Helper()
	ctx := context.Background()
	st := storetest.New(tb)
	for _, o := range []contracts.Organization{
		amsterdam(),
		{Code: "GM0344", Name: "Utrecht", Kind: contracts.KindMunicipality, Province: "PV26", Population: 374238},
		{Code: "GM0193", Name: "Zwolle", Kind: contracts.KindMunicipality, Province: "PV23", Population: 132411},
	} {
		if err := st.CreateOrganization(ctx, o); err != nil {
			tb.Fatal(err)
		}
	}
	cat, err := st.CreateCategory(ctx, contracts.Category{Name: "Telefonie"})
	if err != nil {
		tb.Fatal(err)
	}
	vendor, err := st.CreateVendor(ctx, contracts.Vendor{Name: "KPN", KVK: "02045200", Country: "NL"})
	if err != nil {
		tb.Fatal(err)
	}
	return procFixture{st: st, ps: st.Procurement(), category: cat, vendor: vendor}
}

func (f procFixture) tender(tb testing.TB, title, lead string) int64 {
	tb.Helper()
	id, err := f.ps.CreateTender(context.Background(), procurement.Tender{Title: title, CategoryID: f.category, Lead: lead,
		Kind: procurement.KindServices, TermMonths: 24, Status: procurement.TenderCollecting})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func (f procFixture) lot(tb testing.TB, tender int64, title string) int64 {
	tb.Helper()
	id, err := f.ps.CreateLot(context.Background(), procurement.Lot{TenderID: tender, Title: title, Unit: "aansluiting", UnitPrice: 12_000})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// rawCount counts rows of a table straight from the database, to see
// what a cascade left behind.
func rawCount(t *testing.T, st *store.Store, query string, args ...any) int {
	t.Helper()
	n, err := st.CountForTest(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestDemandRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	d := procurement.Demand{Organization: "GM0363", CategoryID: f.category, Quantity: 4500, Unit: "aansluiting",
		DesiredStart: contracts.NewDate(2027, 1, 1), AnnualBudget: 54_000_000, Status: procurement.DemandSubmitted, Notes: "incl. 5G"}
	id, err := f.ps.CreateDemand(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	want := d
	want.ID, want.OrganizationName, want.CategoryName, want.Population, want.SizeClass = id, "Amsterdam", "Telefonie", 934526, contracts.SizeXLarge
	if got, err := f.ps.Demand(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Demand(%d) = %+v, %v; want %+v", id, got, err, want)
	}
	want.Quantity, want.Status = 5000, procurement.DemandDraft
	if err := f.ps.UpdateDemand(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := f.ps.Demand(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Demand(%d) after update = %+v, %v; want %+v", id, got, err, want)
	}
	if err := f.ps.DeleteDemand(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ps.Demand(ctx, id); !errors.Is(err, apperr.NotFound) {
		t.Errorf("Demand after delete: err = %v, want NotFound", err)
	}
	if err := f.ps.UpdateDemand(ctx, want); !errors.Is(err, apperr.NotFound) {
		t.Errorf("UpdateDemand of a deleted demand: err = %v, want NotFound", err)
	}
	if err := f.ps.DeleteDemand(ctx, id); !errors.Is(err, apperr.NotFound) {
		t.Errorf("DeleteDemand twice: err = %v, want NotFound", err)
	}
	d.Organization = "GM9999"
	if _, err := f.ps.CreateDemand(ctx, d); len(apperr.Fields(err)) != 1 || apperr.Fields(err)[0].Field != "organization" {
		t.Errorf("CreateDemand of an unknown organization: err = %v, want an organization field error", err)
	}
}

func TestDemandListsAndSums(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	other, err := f.st.CreateCategory(ctx, contracts.Category{Name: "Netwerk"})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []procurement.Demand{
		{Organization: "GM0363", CategoryID: f.category, Quantity: 100, DesiredStart: contracts.NewDate(2027, 3, 1), AnnualBudget: 1000, Status: procurement.DemandSubmitted},
		{Organization: "GM0344", CategoryID: f.category, Quantity: 50, DesiredStart: contracts.NewDate(2027, 1, 1), AnnualBudget: 500, Status: procurement.DemandDraft},
		{Organization: "GM0193", CategoryID: f.category, Quantity: 70, DesiredStart: contracts.NewDate(2026, 1, 1), AnnualBudget: 700, Status: procurement.DemandWithdrawn},
		{Organization: "GM0193", CategoryID: f.category, Quantity: 20, DesiredStart: contracts.NewDate(2027, 6, 1), AnnualBudget: 200, Status: procurement.DemandSubmitted},
		{Organization: "GM0193", CategoryID: other, Quantity: 1, DesiredStart: contracts.NewDate(2028, 1, 1), AnnualBudget: 9, Status: procurement.DemandDraft},
	} {
		if _, err := f.ps.CreateDemand(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	dup := procurement.Demand{Organization: "GM0363", CategoryID: f.category, DesiredStart: contracts.NewDate(2027, 3, 1), Status: procurement.DemandDraft}
	if _, err := f.ps.CreateDemand(ctx, dup); !errors.Is(err, apperr.Conflict) || apperr.Detail(err, "") == "" {
		t.Errorf("second open demand in one category: err = %v, want Conflict with a detail", err)
	}
	tests := []struct {
		name string
		f    procurement.DemandFilter
		want []string // organizations, by desired start
	}{
		{"all, by desired start", procurement.DemandFilter{Scope: contracts.Everyone()}, []string{"GM0193", "GM0344", "GM0363", "GM0193", "GM0193"}},
		{"scope", procurement.DemandFilter{Scope: contracts.Only("GM0344")}, []string{"GM0344"}},
		{"empty scope sees nothing", procurement.DemandFilter{Scope: contracts.Scope{}}, nil},
		{"organization", procurement.DemandFilter{Scope: contracts.Everyone(), Organization: "GM0193"}, []string{"GM0193", "GM0193", "GM0193"}},
		{"category", procurement.DemandFilter{Scope: contracts.Everyone(), CategoryID: other}, []string{"GM0193"}},
		{"status", procurement.DemandFilter{Scope: contracts.Everyone(), Status: procurement.DemandWithdrawn}, []string{"GM0193"}},
		{"second page of two", procurement.DemandFilter{Scope: contracts.Everyone(), Page: 2, PageSize: 2}, []string{"GM0363", "GM0193"}},
	}
	for _, tt := range tests {
		page, err := f.ps.Demands(ctx, tt.f)
		var got []string
		for _, d := range page.Items {
			got = append(got, d.Organization)
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Demands = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	sums, err := f.ps.DemandByCategory(ctx, contracts.Everyone())
	want := []procurement.CategoryDemand{
		{CategoryID: other, CategoryName: "Netwerk", Organizations: 1, Quantity: 1, AnnualBudget: 9,
			EarliestStart: contracts.NewDate(2028, 1, 1), LatestStart: contracts.NewDate(2028, 1, 1)},
		{CategoryID: f.category, CategoryName: "Telefonie", Organizations: 3, Quantity: 170, AnnualBudget: 1700,
			EarliestStart: contracts.NewDate(2027, 1, 1), LatestStart: contracts.NewDate(2027, 6, 1)},
	}
	if err != nil || !reflect.DeepEqual(sums, want) {
		t.Errorf("DemandByCategory(nil) = %+v, %v; want %+v (withdrawn demand left out)", sums, err, want)
	}
	sums, err = f.ps.DemandByCategory(ctx, contracts.Only("GM0344"))
	if err != nil || len(sums) != 1 || sums[0].Quantity != 50 || sums[0].Organizations != 1 {
		t.Errorf("DemandByCategory(GM0344) = %+v, %v; want Utrecht's 50 only", sums, err)
	}
}

func TestTenderRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := procurement.Tender{Title: "Mobiele telefonie 2027", Description: "Gezamenlijke aanbesteding", CategoryID: f.category,
		CPV: "64212000-5", Lead: "GM0363", Kind: procurement.KindServices, Framework: true, TermMonths: 24,
		Options: []procurement.Option{{Months: 12}, {Months: 12}}, Electronic: true, DocumentsOnline: true,
		Publication: contracts.NewDate(2026, 3, 1), NeededStart: contracts.NewDate(2027, 1, 1),
		Procedure: procurement.ProcedureRestricted, ProcedureJustification: "veel aanbieders", Status: procurement.TenderDraft}
	id, err := f.ps.CreateTender(ctx, tender)
	if err != nil {
		t.Fatal(err)
	}
	want := tender
	want.ID, want.LeadName, want.CategoryName = id, "Amsterdam", "Telefonie"
	if got, err := f.ps.Tender(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Tender(%d) = %+v, %v;\nwant %+v", id, got, err, want)
	}
	want.Status, want.AwardDecision, want.Options, want.Lead, want.LeadName = procurement.TenderAwarded, contracts.NewDate(2026, 9, 1), nil, "GM0344", "Utrecht"
	if err := f.ps.UpdateTender(ctx, want); err != nil {
		t.Fatal(err)
	}
	if got, err := f.ps.Tender(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Tender(%d) after update = %+v, %v;\nwant %+v", id, got, err, want)
	}
	if _, err := f.ps.Tender(ctx, id+1); !errors.Is(err, apperr.NotFound) {
		t.Errorf("Tender of an unknown id: err = %v, want NotFound", err)
	}
	want.ID = id + 1
	if err := f.ps.UpdateTender(ctx, want); !errors.Is(err, apperr.NotFound) {
		t.Errorf("UpdateTender of an unknown id: err = %v, want NotFound", err)
	}
	if err := f.ps.DeleteTender(ctx, id+1); !errors.Is(err, apperr.NotFound) {
		t.Errorf("DeleteTender of an unknown id: err = %v, want NotFound", err)
	}
	tender.CategoryID = 999
	if _, err := f.ps.CreateTender(ctx, tender); len(apperr.Fields(err)) != 1 || apperr.Fields(err)[0].Field != "categoryId" {
		t.Errorf("CreateTender in an unknown category: err = %v, want a categoryId field error", err)
	}
}

func TestLotsRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := f.tender(t, "Telefonie", "GM0363")
	first, second := f.lot(t, tender, "Mobiel"), f.lot(t, tender, "Vast")
	if err := f.ps.DeleteLot(ctx, first); err != nil {
		t.Fatal(err)
	}
	third := f.lot(t, tender, "Contactcenter")
	upd := procurement.Lot{ID: second, Title: "Vaste telefonie", CPV: "64211000-8", Unit: "toestel", UnitPrice: 5_000, VendorID: f.vendor}
	if err := f.ps.UpdateLot(ctx, upd); err != nil {
		t.Fatal(err)
	}
	want := []procurement.Lot{
		{ID: second, TenderID: tender, Number: 2, Title: "Vaste telefonie", CPV: "64211000-8", Unit: "toestel", UnitPrice: 5_000, VendorID: f.vendor, VendorName: "KPN"},
		{ID: third, TenderID: tender, Number: 3, Title: "Contactcenter", Unit: "aansluiting", UnitPrice: 12_000},
	}
	if got, err := f.ps.Lots(ctx, tender); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Lots = %+v, %v;\nwant %+v (numbers are not reused)", got, err, want)
	}
	upd.VendorID = 999
	if err := f.ps.UpdateLot(ctx, upd); len(apperr.Fields(err)) != 1 || apperr.Fields(err)[0].Field != "vendorId" {
		t.Errorf("UpdateLot with an unknown vendor: err = %v, want a vendorId field error", err)
	}
	if err := f.ps.UpdateLot(ctx, procurement.Lot{ID: first, Title: "Weg"}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("UpdateLot of a deleted lot: err = %v, want NotFound", err)
	}
	if _, err := f.ps.CreateLot(ctx, procurement.Lot{TenderID: tender + 1, Title: "X"}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("CreateLot in an unknown tender: err = %v, want NotFound", err)
	}
	if err := f.st.DeleteVendor(ctx, f.vendor); !errors.Is(err, apperr.Conflict) {
		t.Errorf("DeleteVendor of a lot's vendor: err = %v, want Conflict (RESTRICT)", err)
	}
}

func signed() procurement.Mandate {
	return procurement.Mandate{Status: procurement.MandateSigned, Requested: contracts.NewDate(2026, 1, 5), Signed: contracts.NewDate(2026, 2, 10),
		Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}, Reference: "B&W 2026/12"}
}

func TestParticipantsRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := f.tender(t, "Telefonie", "GM0363")
	mobile, fixed := f.lot(t, tender, "Mobiel"), f.lot(t, tender, "Vast")
	demand, err := f.ps.CreateDemand(ctx, procurement.Demand{Organization: "GM0344", CategoryID: f.category, DesiredStart: contracts.NewDate(2027, 1, 1), Status: procurement.DemandSubmitted})
	if err != nil {
		t.Fatal(err)
	}
	utrecht := procurement.Participant{TenderID: tender, Organization: "GM0344", DemandID: demand, Joined: contracts.NewDate(2026, 1, 2),
		Volumes: []procurement.LotVolume{{LotID: fixed, Quantity: 10, Annual: 5_000}, {LotID: mobile, Quantity: 300, Annual: 90_000}},
		Mandate: signed()}
	zwolle := procurement.Participant{TenderID: tender, Organization: "GM0193", Joined: contracts.NewDate(2026, 1, 3),
		Mandate: procurement.Mandate{Status: procurement.MandateRequested, Requested: contracts.NewDate(2026, 1, 5)}}
	for _, p := range []procurement.Participant{utrecht, zwolle} {
		if err := f.ps.UpsertParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	wantU := utrecht
	wantU.Volumes = []procurement.LotVolume{utrecht.Volumes[1], utrecht.Volumes[0]} // by lot number
	wantU.Name, wantU.Kind, wantU.Province, wantU.Population = "Utrecht", contracts.KindMunicipality, "PV26", 374238
	wantZ := zwolle
	wantZ.Name, wantZ.Kind, wantZ.Province, wantZ.Population = "Zwolle", contracts.KindMunicipality, "PV23", 132411
	got, err := f.ps.Participants(ctx, tender)
	if want := []procurement.Participant{wantZ, wantU}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Participants = %+v, %v;\nwant %+v", got, err, want)
	}
	// The same organization again replaces its row: one participant,
	// new volumes and mandate (UNIQUE (tender_id, organization_id)).
	utrecht.Volumes = []procurement.LotVolume{{LotID: mobile, Quantity: 320, Annual: 96_000}}
	utrecht.Mandate = procurement.Mandate{Status: procurement.MandateRevoked}
	utrecht.DemandID = 0
	if err := f.ps.UpsertParticipant(ctx, utrecht); err != nil {
		t.Fatal(err)
	}
	wantU.Volumes, wantU.Mandate, wantU.DemandID = utrecht.Volumes, utrecht.Mandate, 0
	if got, err := f.ps.Participant(ctx, tender, "GM0344"); err != nil || !reflect.DeepEqual(got, wantU) {
		t.Errorf("Participant after the second upsert = %+v, %v;\nwant %+v", got, err, wantU)
	}
	if n := rawCount(t, f.st, `SELECT count(*) FROM participants WHERE tender_id = ?`, tender); n != 2 {
		t.Errorf("%d participant rows after upserting Utrecht twice, want 2", n)
	}

	other := f.tender(t, "Netwerk", "GM0193")
	foreign := f.lot(t, other, "LAN")
	bad := zwolle
	bad.Volumes = []procurement.LotVolume{{LotID: foreign, Quantity: 1}, {LotID: mobile, Quantity: 1}, {LotID: mobile, Quantity: 2}}
	err = f.ps.UpsertParticipant(ctx, bad)
	if fe := apperr.Fields(err); len(fe) != 2 || fe[0].Field != "volumes[0].lotId" || fe[1].Field != "volumes[2].lotId" {
		t.Errorf("UpsertParticipant with another tender's lot and a lot twice: err = %v, want two field errors", err)
	}
	if got, _ := f.ps.Participant(ctx, tender, "GM0193"); len(got.Volumes) != 0 {
		t.Errorf("refused upsert left volumes %+v, want none (one transaction)", got.Volumes)
	}
	if err := f.ps.UpsertParticipant(ctx, procurement.Participant{TenderID: tender + 99, Organization: "GM0193",
		Mandate: procurement.Mandate{Status: procurement.MandateRequested}}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("UpsertParticipant in an unknown tender: err = %v, want NotFound", err)
	}
	if err := f.st.DeleteOrganization(ctx, "GM0193"); !errors.Is(err, apperr.Conflict) {
		t.Errorf("DeleteOrganization of a participant: err = %v, want Conflict (RESTRICT)", err)
	}
	if err := f.ps.DeleteParticipant(ctx, tender, "GM0193"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ps.Participant(ctx, tender, "GM0193"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("Participant after delete: err = %v, want NotFound", err)
	}
	if err := f.ps.DeleteParticipant(ctx, tender, "GM0193"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("DeleteParticipant twice: err = %v, want NotFound", err)
	}
}

func TestRequirementsRoundTrip(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := f.tender(t, "Telefonie", "GM0363")
	for _, org := range []string{"GM0344", "GM0193"} {
		if err := f.ps.UpsertParticipant(ctx, procurement.Participant{TenderID: tender, Organization: org,
			Mandate: procurement.Mandate{Status: procurement.MandateRequested}}); err != nil {
			t.Fatal(err)
		}
	}
	r1 := procurement.Requirement{TenderID: tender, Text: "Nummerbehoud", Kind: procurement.KnockOut,
		Ratings: map[string]procurement.Rating{"GM0344": procurement.Must, "GM0193": procurement.Should}}
	id1, err := f.ps.CreateRequirement(ctx, r1)
	if err != nil {
		t.Fatal(err)
	}
	id2, err := f.ps.CreateRequirement(ctx, procurement.Requirement{TenderID: tender, Text: "eSIM", Kind: procurement.AwardCriterion})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.ps.SetRatings(ctx, tender, "GM0193", map[int64]procurement.Rating{id1: "", id2: procurement.Wont}); err != nil {
		t.Fatal(err)
	}
	if err := f.ps.UpdateRequirement(ctx, procurement.Requirement{ID: id2, Text: "eSIM op alle toestellen", Kind: procurement.KnockOut}); err != nil {
		t.Fatal(err)
	}
	want := []procurement.Requirement{
		{ID: id1, TenderID: tender, Number: 1, Text: "Nummerbehoud", Kind: procurement.KnockOut, Ratings: map[string]procurement.Rating{"GM0344": procurement.Must}},
		{ID: id2, TenderID: tender, Number: 2, Text: "eSIM op alle toestellen", Kind: procurement.KnockOut, Ratings: map[string]procurement.Rating{"GM0193": procurement.Wont}},
	}
	if got, err := f.ps.Requirements(ctx, tender); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Requirements = %+v, %v;\nwant %+v", got, err, want)
	}

	_, err = f.ps.CreateRequirement(ctx, procurement.Requirement{TenderID: tender, Text: "X", Kind: procurement.KnockOut,
		Ratings: map[string]procurement.Rating{"GM0363": procurement.Must}})
	if fe := apperr.Fields(err); len(fe) != 1 || fe[0].Field != "ratings.GM0363" {
		t.Errorf("CreateRequirement rated by a non-participant: err = %v, want a ratings.GM0363 field error", err)
	}
	if err := f.ps.SetRatings(ctx, tender, "GM0363", map[int64]procurement.Rating{id1: procurement.Must}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("SetRatings of a non-participant: err = %v, want NotFound", err)
	}
	other := f.tender(t, "Netwerk", "GM0193")
	foreign, err := f.ps.CreateRequirement(ctx, procurement.Requirement{TenderID: other, Text: "Y", Kind: procurement.KnockOut})
	if err != nil {
		t.Fatal(err)
	}
	err = f.ps.SetRatings(ctx, tender, "GM0344", map[int64]procurement.Rating{foreign: procurement.Must, id1: "maybe"})
	if fe := apperr.Fields(err); len(fe) != 2 {
		t.Errorf("SetRatings of another tender's requirement and a bad rating: err = %v, want two field errors", err)
	}
	if got, _ := f.ps.Requirements(ctx, other); len(got) != 1 || got[0].Number != 1 {
		t.Errorf("Requirements of the other tender = %+v, want its own number 1", got)
	}
	if err := f.ps.DeleteRequirement(ctx, id1); err != nil {
		t.Fatal(err)
	}
	if err := f.ps.UpdateRequirement(ctx, procurement.Requirement{ID: id1, Text: "Z", Kind: procurement.KnockOut}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("UpdateRequirement of a deleted requirement: err = %v, want NotFound", err)
	}
	// A participant leaving takes its ratings along.
	if err := f.ps.DeleteParticipant(ctx, tender, "GM0193"); err != nil {
		t.Fatal(err)
	}
	if got, _ := f.ps.Requirements(ctx, tender); len(got) != 1 || len(got[0].Ratings) != 0 {
		t.Errorf("Requirements after Zwolle left = %+v, want eSIM unrated", got)
	}
}

// callOffContract puts a contract for org in the register.
func callOffContract(t *testing.T, f procFixture, org, number string, category int64, status contracts.ContractStatus) int64 {
	t.Helper()
	c := contracts.Contract{Organization: org, Number: number, Title: "Telefonie " + org, VendorID: f.vendor, CategoryID: category,
		Start: contracts.NewDate(2025, 1, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, AnnualValue: 1000, Status: status}
	asOf := contracts.NewDate(2026, 1, 1)
	id, err := f.st.CreateContract(context.Background(), c, nil, c.Dates(asOf), asOf)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCallOffsAndCategoryContracts(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := f.tender(t, "Telefonie", "GM0363")
	lot := f.lot(t, tender, "Mobiel")
	ams := callOffContract(t, f, "GM0363", "A-1", f.category, contracts.StatusActive)
	utr := callOffContract(t, f, "GM0344", "U-1", f.category, contracts.StatusDraft)
	callOffContract(t, f, "GM0344", "U-0", f.category, contracts.StatusTerminated)
	callOffContract(t, f, "GM0193", "Z-1", 0, contracts.StatusActive)

	tests := []struct {
		name string
		orgs []string
		want []string
	}{
		{"all organizations, by code; terminated and other categories left out", nil, []string{"U-1", "A-1"}},
		{"one organization", []string{"GM0344"}, []string{"U-1"}},
		{"no organizations", []string{}, nil},
	}
	for _, tt := range tests {
		cs, err := f.ps.CategoryContracts(ctx, f.category, tt.orgs)
		var got []string
		for _, c := range cs {
			got = append(got, c.Number)
			if c.Start.IsZero() || c.InitialTermMonths == 0 || c.OrganizationName == "" || c.VendorGroupName == "" {
				t.Errorf("%s: contract %s without its terms or names: %+v", tt.name, c.Number, c)
			}
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: CategoryContracts = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}

	for _, c := range []procurement.CallOff{{TenderID: tender, LotID: lot, Organization: "GM0363", ContractID: ams},
		{TenderID: tender, LotID: lot, Organization: "GM0344", ContractID: utr}} {
		if err := f.ps.CreateCallOff(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	want := []procurement.CallOff{{TenderID: tender, LotID: lot, Organization: "GM0344", ContractID: utr, ContractNumber: "U-1"},
		{TenderID: tender, LotID: lot, Organization: "GM0363", ContractID: ams, ContractNumber: "A-1"}}
	if got, err := f.ps.CallOffs(ctx, tender); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("CallOffs = %+v, %v; want %+v", got, err, want)
	}
	err := f.ps.CreateCallOff(ctx, procurement.CallOff{TenderID: tender, LotID: lot, Organization: "GM0363", ContractID: utr})
	if !errors.Is(err, apperr.Conflict) || apperr.Detail(err, "") == "" {
		t.Errorf("second call-off of one organization in one lot: err = %v, want Conflict with a detail", err)
	}
	if err := f.ps.CreateCallOff(ctx, procurement.CallOff{TenderID: tender + 1, LotID: lot, Organization: "GM0193", ContractID: utr}); !errors.Is(err, apperr.NotFound) {
		t.Errorf("call-off in a lot of another tender: err = %v, want NotFound", err)
	}
	// The register deletes a contract without knowing of tenders: the link
	// goes with it (CASCADE).
	if err := f.st.DeleteContract(ctx, utr); err != nil {
		t.Fatalf("DeleteContract of a call-off contract: %v", err)
	}
	if got, _ := f.ps.CallOffs(ctx, tender); len(got) != 1 || got[0].ContractID != ams {
		t.Errorf("CallOffs after deleting Utrecht's contract = %+v, want Amsterdam's only", got)
	}
}

func TestDeleteTenderCascades(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	tender := f.tender(t, "Telefonie", "GM0363")
	keep := f.tender(t, "Netwerk", "GM0363")
	for _, id := range []int64{tender, keep} {
		lot := f.lot(t, id, "Perceel")
		if err := f.ps.UpsertParticipant(ctx, procurement.Participant{TenderID: id, Organization: "GM0344",
			Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 1, Annual: 100}}, Mandate: signed()}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.ps.CreateRequirement(ctx, procurement.Requirement{TenderID: id, Text: "Eis", Kind: procurement.KnockOut,
			Ratings: map[string]procurement.Rating{"GM0344": procurement.Must}}); err != nil {
			t.Fatal(err)
		}
		contract := callOffContract(t, f, "GM0344", fmt.Sprintf("C-%d", id), f.category, contracts.StatusActive)
		if err := f.ps.CreateCallOff(ctx, procurement.CallOff{TenderID: id, LotID: lot, Organization: "GM0344", ContractID: contract}); err != nil {
			t.Fatal(err)
		}
	}
	tup := procurement.Tender{ID: tender, Title: "Telefonie", CategoryID: f.category, Lead: "GM0363", Kind: procurement.KindServices,
		TermMonths: 24, Options: []procurement.Option{{Months: 12}}, Status: procurement.TenderCollecting}
	if err := f.ps.UpdateTender(ctx, tup); err != nil {
		t.Fatal(err)
	}
	if err := f.ps.DeleteTender(ctx, tender); err != nil {
		t.Fatal(err)
	}
	if _, err := f.ps.Tender(ctx, tender); !errors.Is(err, apperr.NotFound) {
		t.Errorf("Tender after delete: err = %v, want NotFound", err)
	}
	tables := []struct{ table, want string }{
		{"tender_options", "0"}, {"lots", "1"}, {"participants", "1"}, {"participant_volumes", "1"},
		{"requirements", "1"}, {"requirement_ratings", "1"}, {"call_offs", "1"}, {"contracts", "2"},
	}
	for _, tt := range tables {
		if n := rawCount(t, f.st, `SELECT count(*) FROM `+tt.table); fmt.Sprint(n) != tt.want {
			t.Errorf("%s: %d rows after deleting one of two tenders, want %s (the other tender's rows; contracts stay)", tt.table, n, tt.want)
		}
	}
}

func TestTendersScopeAndCounts(t *testing.T) {
	ctx := context.Background()
	f := newProcFixture(t)
	joint := f.tender(t, "Mobiele telefonie", "GM0363")
	mobile, fixed := f.lot(t, joint, "Mobiel"), f.lot(t, joint, "Vast")
	for _, p := range []procurement.Participant{
		{TenderID: joint, Organization: "GM0344", Mandate: signed(),
			Volumes: []procurement.LotVolume{{LotID: mobile, Quantity: 10, Annual: 1_000}, {LotID: fixed, Quantity: 5, Annual: 250}}},
		{TenderID: joint, Organization: "GM0193", Mandate: procurement.Mandate{Status: procurement.MandateRequested},
			Volumes: []procurement.LotVolume{{LotID: mobile, Quantity: 3, Annual: 300}}},
	} {
		if err := f.ps.UpsertParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	alone := f.tender(t, "Netwerk", "GM0193")
	tests := []struct {
		name string
		f    procurement.TenderFilter
		want []int64
	}{
		{"all, newest first", procurement.TenderFilter{Scope: contracts.Everyone()}, []int64{alone, joint}},
		{"scope: a participant sees the tender it joins", procurement.TenderFilter{Scope: contracts.Only("GM0344")}, []int64{joint}},
		{"scope: the lead sees its tender", procurement.TenderFilter{Scope: contracts.Only("GM0363")}, []int64{joint}},
		{"scope: lead of one, participant of the other", procurement.TenderFilter{Scope: contracts.Only("GM0193")}, []int64{alone, joint}},
		{"empty scope sees nothing", procurement.TenderFilter{Scope: contracts.Scope{}}, nil},
		{"search in the title", procurement.TenderFilter{Scope: contracts.Everyone(), Q: "MOBIEL"}, []int64{joint}},
		{"status", procurement.TenderFilter{Scope: contracts.Everyone(), Status: procurement.TenderDraft}, nil},
		{"category", procurement.TenderFilter{Scope: contracts.Everyone(), CategoryID: f.category}, []int64{alone, joint}},
		{"second page", procurement.TenderFilter{Scope: contracts.Everyone(), Page: 2, PageSize: 1}, []int64{joint}},
	}
	for _, tt := range tests {
		page, err := f.ps.Tenders(ctx, tt.f)
		var got []int64
		for _, s := range page.Items {
			got = append(got, s.ID)
		}
		if tt.f.PageSize == 0 && page.Total != len(tt.want) {
			t.Errorf("%s: Total = %d, want %d", tt.name, page.Total, len(tt.want))
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Tenders = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	page, err := f.ps.Tenders(ctx, procurement.TenderFilter{Scope: contracts.Everyone()})
	if err != nil || len(page.Items) != 2 {
		t.Fatalf("Tenders = %+v, %v", page, err)
	}
	s := page.Items[1]
	if s.Lots != 2 || s.Participants != 2 || s.Signed != 1 || s.Annual != 1_550 || s.LeadName != "Amsterdam" {
		t.Errorf("summary of the joint tender = lots %d, participants %d, signed %d, annual %d, lead %q; want 2, 2, 1, 1550, Amsterdam",
			s.Lots, s.Participants, s.Signed, s.Annual, s.LeadName)
	}
	if s := page.Items[0]; s.Lots != 0 || s.Participants != 0 || s.Signed != 0 || s.Annual != 0 {
		t.Errorf("summary of the empty tender = %+v, want zero counts", s)
	}
}

func TestProcurementWritesAreAudited(t *testing.T) {
	ctx := audit.WithActor(context.Background(), inkoper)
	f := newProcFixture(t)
	id, err := f.ps.CreateTender(ctx, procurement.Tender{Title: "Telefonie", CategoryID: f.category, Lead: "GM0363",
		Kind: procurement.KindServices, TermMonths: 24, Status: procurement.TenderDraft})
	if err != nil {
		t.Fatal(err)
	}
	lot, err := f.ps.CreateLot(ctx, procurement.Lot{TenderID: id, Title: "Mobiel"})
	if err != nil {
		t.Fatal(err)
	}
	p := procurement.Participant{TenderID: id, Organization: "GM0344", Mandate: signed(), Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 1, Annual: 10}}}
	for range 2 {
		if err := f.ps.UpsertParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	req, err := f.ps.CreateRequirement(ctx, procurement.Requirement{TenderID: id, Text: "Nummerbehoud", Kind: procurement.KnockOut})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.ps.SetRatings(ctx, id, "GM0344", map[int64]procurement.Rating{req: procurement.Must}); err != nil {
		t.Fatal(err)
	}
	if err := f.ps.DeleteTender(ctx, id); err != nil {
		t.Fatal(err)
	}
	// A failed write leaves no entry.
	_ = f.ps.DeleteTender(ctx, id)

	tid := fmt.Sprint(id)
	want := []struct{ entity, id, action, contains string }{
		{"tender", tid, audit.ActionCreate, `"title":"Telefonie"`},
		{"lot", fmt.Sprint(lot), audit.ActionCreate, `"number":1`},
		{"participant", tid + "/GM0344", audit.ActionCreate, `"scope":["documents","award"]`},
		{"participant", tid + "/GM0344", audit.ActionUpdate, `"volumes":[{"lotId":` + fmt.Sprint(lot)},
		{"requirement", fmt.Sprint(req), audit.ActionCreate, `"text":"Nummerbehoud"`},
		{"ratings", tid + "/GM0344", audit.ActionUpdate, `"` + fmt.Sprint(req) + `":"must"`},
		{"tender", tid, audit.ActionDelete, `"removed":{"lots":1,"participants":1,"requirements":1}`},
	}
	var got []audit.Entry
	for _, entity := range []string{"tender", "lot", "participant", "requirement", "ratings"} {
		es, _, err := f.st.AuditEntries(context.Background(), audit.Filter{Entity: entity})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, es...)
	}
	if len(got) != len(want) {
		t.Fatalf("%d procurement audit entries, want %d", len(got), len(want))
	}
	for _, w := range want {
		found := false
		for _, e := range got {
			state := e.After
			if e.Action == audit.ActionDelete {
				state = e.Before
			}
			if e.Entity == w.entity && e.EntityID == w.id && e.Action == w.action && json.Valid(state) &&
				strings.Contains(string(state), w.contains) && e.ActorEmail == inkoper.Email {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s entry for %s %s by %s holding %s", w.action, w.entity, w.id, inkoper.Email, w.contains)
		}
	}
	if r, err := f.st.VerifyAudit(context.Background()); err != nil || !r.Intact {
		t.Errorf("VerifyAudit = %+v, %v; want an intact chain", r, err)
	}
}

// BenchmarkParticipants283 loads a national-scale tender, 283
// participants in 3 lots, through the store (two queries: participants
// with their organizations, then every volume of the tender) beside the
// bare SQL that reads the same rows into plain variables.
func BenchmarkParticipants283(b *testing.B) {
	ctx := context.Background()
	f := newProcFixture(b)
	tender := f.tender(b, "Telefonie", "GM0363")
	lots := []int64{f.lot(b, tender, "Mobiel"), f.lot(b, tender, "Vast"), f.lot(b, tender, "Contactcenter")}
	for i := range 283 {
		code := fmt.Sprintf("GM%04d", 1000+i)
		if err := f.st.CreateOrganization(ctx, contracts.Organization{Code: code, Name: "Gemeente " + code,
			Kind: contracts.KindMunicipality, Province: "PV27", Population: 20_000 + i*100}); err != nil {
			b.Fatal(err)
		}
		p := procurement.Participant{TenderID: tender, Organization: code, Joined: contracts.NewDate(2026, 1, 2), Mandate: signed()}
		for j, lot := range lots {
			p.Volumes = append(p.Volumes, procurement.LotVolume{LotID: lot, Quantity: int64(10 * (j + 1)), Annual: contracts.Money(1000 * (i + j))})
		}
		if err := f.ps.UpsertParticipant(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			ps, err := f.ps.Participants(ctx, tender)
			if err != nil || len(ps) != 283 || len(ps[282].Volumes) != 3 {
				b.Fatalf("Participants = %d, %v; want 283 with 3 volumes", len(ps), err)
			}
		}
	})
	b.Run("bare SQL", func(b *testing.B) {
		db, err := sql.Open("sqlite3", "file:"+f.st.Path()+"?mode=ro")
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for b.Loop() {
			rows, err := db.QueryContext(ctx, `
				SELECT p.id, p.tender_id, o.code, coalesce(p.demand_id, 0), p.joined, p.mandate_status, p.mandate_requested,
					p.mandate_signed, p.mandate_body, p.scope_documents, p.scope_award, p.scope_litigation, p.scope_substitution,
					p.mandate_reference, o.name, o.kind, o.province, o.population
				FROM participants p JOIN organizations o ON o.id = p.organization_id
				WHERE p.tender_id = ? ORDER BY o.code`, tender)
			if err != nil {
				b.Fatal(err)
			}
			var (
				id, tid, demand, pop                      int64
				code, joined, status, req, sig, body, ref string
				name, kind, prov                          string
				docs, award, lit, sub                     bool
				n                                         int
			)
			for rows.Next() {
				if err := rows.Scan(&id, &tid, &code, &demand, &joined, &status, &req, &sig, &body, &docs, &award, &lit, &sub,
					&ref, &name, &kind, &prov, &pop); err != nil {
					b.Fatal(err)
				}
				n++
			}
			rows.Close()
			vols, err := db.QueryContext(ctx, `
				SELECT v.participant_id, v.lot_id, v.quantity, v.annual
				FROM participants p
				JOIN participant_volumes v ON v.participant_id = p.id
				JOIN lots l ON l.id = v.lot_id
				WHERE p.tender_id = ? ORDER BY l.number`, tender)
			if err != nil {
				b.Fatal(err)
			}
			var pid, lot, qty, annual int64
			for vols.Next() {
				if err := vols.Scan(&pid, &lot, &qty, &annual); err != nil {
					b.Fatal(err)
				}
				n++
			}
			vols.Close()
			if n != 283*4 {
				b.Fatalf("bare SQL read %d rows, want %d", n, 283*4)
			}
		}
	})
}
