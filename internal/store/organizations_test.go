package store_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

var fixedNow = func() time.Time { return time.Date(2026, 11, 22, 10, 0, 0, 0, contracts.Amsterdam) }

func newService(t *testing.T) (*contracts.Service, *store.Store) {
	t.Helper()
	st := storetest.New(t)
	return contracts.NewService(st.Register(), contracts.Options{Now: fixedNow}), st
}

func amsterdam() contracts.Organization {
	return contracts.Organization{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27",
		Population: 934526, PopulationDate: contracts.NewDate(2025, 1, 1), Region: "Metropoolregio Amsterdam"}
}

func TestOrganizationCRUD(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	coop := contracts.Organization{Code: "SSC-ICT", Name: "Samenwerking ICT", Kind: contracts.KindCooperation}
	if err := svc.CreateOrganization(ctx, coop); err != nil {
		t.Fatal(err)
	}
	ams := amsterdam()
	ams.Cooperations = []string{"SSC-ICT"}
	if err := svc.CreateOrganization(ctx, ams); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Organization(ctx, "GM0363")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Amsterdam" || got.SizeClass() != contracts.SizeXLarge || len(got.Cooperations) != 1 || got.PopulationDate != ams.PopulationDate {
		t.Errorf("Organization(GM0363) = %+v, want the stored Amsterdam with its cooperation", got)
	}
	if err := svc.CreateOrganization(ctx, ams); !errors.Is(err, apperr.Conflict) {
		t.Errorf("CreateOrganization duplicate: err = %v, want Conflict", err)
	}
	name := "Gemeente Amsterdam"
	up, err := svc.UpdateOrganization(ctx, "GM0363", contracts.OrganizationPatch{Name: &name})
	if err != nil || up.Name != name || up.Population != ams.Population {
		t.Errorf("UpdateOrganization = %+v, %v; want only the name changed", up, err)
	}
	if err := svc.DeleteOrganization(ctx, "SSC-ICT"); !errors.Is(err, apperr.Conflict) {
		t.Errorf("DeleteOrganization of a cooperation with members: err = %v, want Conflict", err)
	}
	if err := svc.DeleteOrganization(ctx, "GM0363"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Organization(ctx, "GM0363"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("Organization after delete: err = %v, want NotFound", err)
	}
}

func TestMembershipMustBeACooperation(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "WS-AGV", Name: "Waterschap Amstel, Gooi en Vecht", Kind: contracts.KindWaterBoard}); err != nil {
		t.Fatal(err)
	}
	ams := amsterdam()
	ams.Cooperations = []string{"WS-AGV", "NOPE"}
	err := svc.CreateOrganization(ctx, ams)
	if fe := apperr.Fields(err); len(fe) != 2 || fe[0].Field != "cooperations[0]" {
		t.Errorf("CreateOrganization with bad memberships: err = %v, want two field errors", err)
	}
	if _, err := svc.Organization(ctx, "GM0363"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("a rejected create left a row behind: %v", err)
	}
}

func TestOrganizationsFilterAndPaging(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	for _, o := range []contracts.Organization{
		amsterdam(),
		{Code: "GM0599", Name: "Rotterdam", Kind: contracts.KindMunicipality, Province: "PV28"},
		{Code: "GM0518", Name: "'s-Gravenhage", Kind: contracts.KindMunicipality, Province: "PV28"},
		{Code: "GM1900", Name: "Súdwest-Fryslân", Kind: contracts.KindMunicipality, Province: "PV21"},
		{Code: "PV28", Name: "Zuid-Holland", Kind: contracts.KindProvince, Province: "PV28"},
	} {
		if err := svc.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name      string
		f         contracts.OrganizationFilter
		wantTotal int
		wantFirst string
	}{
		{"all, sorted by name", contracts.OrganizationFilter{}, 5, "GM0518"},
		{"province filter", contracts.OrganizationFilter{Province: "PV28"}, 3, "GM0518"},
		{"kind filter", contracts.OrganizationFilter{Kind: contracts.KindProvince}, 1, "PV28"},
		{"search folds non-ASCII case", contracts.OrganizationFilter{Q: "SÚDWEST"}, 1, "GM1900"},
		{"search by code", contracts.OrganizationFilter{Q: "gm0599"}, 1, "GM0599"},
		{"LIKE wildcards are literal", contracts.OrganizationFilter{Q: "%"}, 0, ""},
		{"second page", contracts.OrganizationFilter{Page: 2, PageSize: 2}, 5, "GM0599"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := svc.Organizations(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			first := ""
			if len(page.Items) > 0 {
				first = page.Items[0].Code
			}
			if page.Total != tt.wantTotal || first != tt.wantFirst {
				t.Errorf("Organizations(%+v): total %d first %q, want %d %q", tt.f, page.Total, first, tt.wantTotal, tt.wantFirst)
			}
		})
	}
}

func TestInTxRollsBack(t *testing.T) {
	ctx := context.Background()
	_, st := newService(t)
	boom := errors.New("boom")
	err := st.InTx(ctx, func(tx *store.Store) error {
		if err := tx.CreateOrganization(ctx, amsterdam()); err != nil {
			return err
		}
		// Reads inside the transaction see its own writes.
		if _, err := tx.Organization(ctx, "GM0363"); err != nil {
			t.Errorf("read inside InTx: %v", err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("InTx = %v, want boom", err)
	}
	if _, err := st.Organization(ctx, "GM0363"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("after rollback: err = %v, want NotFound", err)
	}
}

func readReference(t *testing.T, name string) contracts.Table {
	t.Helper()
	f, err := os.Open("../../../shared/reference/" + name)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("../shared/reference/%s is absent; skipping the import of the official list", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := sheet.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestImportCBSMunicipalities(t *testing.T) {
	ctx := context.Background()
	tab := readReference(t, "gemeenten.csv")
	svc, _ := newService(t)
	rep, err := svc.ImportOrganizations(ctx, tab, false)
	if err != nil {
		t.Fatalf("import: %v (problems %v)", err, rep.Problems)
	}
	if len(rep.Created) != 342 {
		t.Errorf("created %d organizations, want all 342 municipalities", len(rep.Created))
	}
	for code, want := range map[string]string{"GM0518": "'s-Gravenhage", "GM1900": "Súdwest-Fryslân", "GM0820": "Nuenen, Gerwen en Nederwetten"} {
		o, err := svc.Organization(ctx, code)
		if err != nil || o.Name != want || o.Population <= 0 || o.Province == "" {
			t.Errorf("Organization(%s) = %+v, %v; want %q with province and population", code, o, err, want)
		}
	}
	ams, err := svc.Organization(ctx, "GM0363")
	if err != nil || ams.Population < 900_000 || ams.PopulationDate != contracts.NewDate(2025, 1, 1) {
		t.Errorf("Amsterdam = %+v, %v; want its CBS population of 1 January 2025", ams, err)
	}
	again, err := svc.ImportOrganizations(ctx, tab, false)
	if err != nil || len(again.Created) != 0 || len(again.Updated) != 0 || again.Unchanged != 342 {
		t.Errorf("second import = %+v, %v; want 342 unchanged", again, err)
	}
}

func TestImportDryRunAndRejectedFileChangeNothing(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	header := []string{"Gemeentecode", "Gemeentenaam", "Provincienaam"}
	good := [][]string{{"363", "Amsterdam", "Noord-Holland"}, {"599", "Rotterdam", "Zuid-Holland"}}
	rep, err := svc.ImportOrganizations(ctx, contracts.Table{Header: header, Rows: good}, true)
	if err != nil || len(rep.Created) != 2 || !rep.DryRun {
		t.Fatalf("dry run = %+v, %v; want 2 to create", rep, err)
	}
	if page, _ := svc.Organizations(ctx, contracts.OrganizationFilter{}); page.Total != 0 {
		t.Errorf("dry run wrote %d organizations", page.Total)
	}
	bad := append(good, []string{"GM36", "Kort", "Noord-Holland"})
	rep, err = svc.ImportOrganizations(ctx, contracts.Table{Header: header, Rows: bad}, false)
	if !errors.Is(err, contracts.ErrImportRejected) || len(rep.Problems) != 1 || rep.Problems[0].Row != 4 {
		t.Fatalf("bad file = %+v, %v; want rejected with row 4 reported", rep, err)
	}
	if page, _ := svc.Organizations(ctx, contracts.OrganizationFilter{}); page.Total != 0 {
		t.Errorf("a rejected file wrote %d organizations", page.Total)
	}
}

func TestImportOfficialCPV(t *testing.T) {
	ctx := context.Background()
	tab := readReference(t, "cpv.csv")
	svc, st := newService(t)
	if _, err := svc.ImportCPV(ctx, tab); err != nil {
		t.Fatal(err)
	}
	n, err := st.CPVCount(ctx)
	if err != nil || n != 9454 {
		t.Errorf("CPVCount = %d, %v; want 9,454 codes", n, err)
	}
	// The embedded subset must name real codes: every one is in the list.
	for _, c := range contracts.EmbeddedCPV() {
		got, err := st.CPVCodes(ctx, c.Code, 1)
		if err != nil || len(got) != 1 || got[0].Code != c.Code {
			t.Errorf("embedded CPV %s is not in the official list", c.Code)
		}
	}
	got, err := svc.CPVCodes(ctx, "mobiele telefo", 10)
	if err != nil || len(got) == 0 {
		t.Errorf("CPVCodes(mobiele telefo) = %v, %v; want matches", got, err)
	}
}

func TestCooperationWithMembersKeepsItsKind(t *testing.T) {
	ctx := context.Background()
	svc, _ := newService(t)
	if err := svc.CreateOrganization(ctx, contracts.Organization{Code: "SSC-ICT", Name: "Samenwerking ICT", Kind: contracts.KindCooperation}); err != nil {
		t.Fatal(err)
	}
	ams := amsterdam()
	ams.Cooperations = []string{"SSC-ICT"}
	if err := svc.CreateOrganization(ctx, ams); err != nil {
		t.Fatal(err)
	}
	other := contracts.KindOther
	if _, err := svc.UpdateOrganization(ctx, "SSC-ICT", contracts.OrganizationPatch{Kind: &other}); !errors.Is(err, apperr.Conflict) {
		t.Errorf("changing the kind of a cooperation with members: err = %v, want Conflict", err)
	}
	header := []string{"code", "name", "kind"}
	rep, err := svc.ImportOrganizations(ctx, contracts.Table{Header: header, Rows: [][]string{{"SSC-ICT", "Samenwerking ICT", "other"}}}, false)
	if !errors.Is(err, contracts.ErrImportRejected) || len(rep.Problems) != 1 || rep.Problems[0].Column != "kind" {
		t.Errorf("import changing a cooperation's kind = %+v, %v; want the row rejected", rep, err)
	}
	if o, _ := svc.Organization(ctx, "SSC-ICT"); o.Kind != contracts.KindCooperation {
		t.Errorf("kind = %s after the refusals, want cooperation", o.Kind)
	}
}
