package contracts_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// demoRegister returns a copy of the small demo set (seed 1) as of
// importNow, with a service over it: contracts of every renewal kind,
// notice in months and in days, options exercised, notice given, maximum
// end dates, notes, and vendors with and without a group.
func demoRegister(t *testing.T) *contracts.Service {
	t.Helper()
	return contracts.NewService(smallDemoAt(t, importNow).Register(), contracts.Options{Now: importNow})
}

// smallDemoAt returns a copy of the small demo set (seed 1, about 3,000
// contracts) as of now(), generated once per `go test` run
// (storetest.Kept): the same set the other packages' tests share.
func smallDemoAt(t *testing.T, now func() time.Time) *store.Store {
	t.Helper()
	return storetest.Kept(t, "the small demo set, seed 1, as of "+now().Format(time.RFC3339),
		func(ctx context.Context, st *store.Store) error {
			_, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleSmall, Seed: 1, Now: now})
			return err
		})
}

// emptyRegisterLike returns a service over a new database that holds the
// organizations and categories of src (the reference data an import
// needs) and no vendor or contract.
func emptyRegisterLike(t *testing.T, src *contracts.Service) *contracts.Service {
	t.Helper()
	ctx := context.Background()
	dst := contracts.NewService(storetest.New(t).Register(), contracts.Options{Now: importNow})
	if err := dst.SeedReference(ctx); err != nil {
		t.Fatal(err)
	}
	var orgs []contracts.Organization
	for page := 1; ; page++ {
		res, err := src.Organizations(ctx, contracts.OrganizationFilter{Page: page, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, res.Items...)
		if len(res.Items) == 0 || len(orgs) >= res.Total {
			break
		}
	}
	// Cooperations first: the members name them.
	slices.SortStableFunc(orgs, func(a, b contracts.Organization) int { return len(a.Cooperations) - len(b.Cooperations) })
	for _, o := range orgs {
		if err := dst.CreateOrganization(ctx, o); err != nil {
			t.Fatalf("organization %s: %v", o.Code, err)
		}
	}
	cats, err := src.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	have, err := dst.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if !slices.ContainsFunc(have, func(h contracts.Category) bool { return h.Name == c.Name }) {
			c.ID = 0
			if _, err := dst.CreateCategory(ctx, c); err != nil {
				t.Fatalf("category %s: %v", c.Name, err)
			}
		}
	}
	return dst
}

// register returns every contract of svc by ORGANIZATION/NUMBER.
func register(t *testing.T, svc *contracts.Service) map[string]contracts.ContractSummary {
	t.Helper()
	out := map[string]contracts.ContractSummary{}
	err := svc.EachContract(context.Background(), contracts.Everyone(), contracts.ContractFilter{Sort: contracts.SortNumber},
		func(cs contracts.ContractSummary) error {
			out[cs.Organization+"/"+cs.Number] = cs
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// comparable returns what an import can carry of cs: the contract's
// fields with its vendor and category by name and KvK number instead of
// by id, and the dates computed from them.
func comparable(cs contracts.ContractSummary) contracts.ContractSummary {
	c := cs
	c.ID, c.VendorID, c.CategoryID = 0, 0, 0
	c.VendorGroupID, c.VendorGroupName = 0, ""
	c.LicenceLines, c.OverQuota, c.Revision = 0, false, 0
	return c
}

// TestContractListImportsAgain exports the register of the demo set as
// the contract list, CSV and XLSX, and imports it into a database with
// the same organizations and categories and no contract: every contract
// comes back with the same fields, its vendor (created from the KvK
// number) and category, and the same dates. Imported into the register it
// came from, the list changes nothing. The list carries no licence lines:
// the contracts come back without them, and in the source keep theirs.
func TestContractListImportsAgain(t *testing.T) {
	t.Parallel()
	write := map[string]func(w *bytes.Buffer, rows exports.ContractRows) error{
		"CSV": func(w *bytes.Buffer, rows exports.ContractRows) error { return exports.ContractsCSV(w, rows) },
		"XLSX": func(w *bytes.Buffer, rows exports.ContractRows) error {
			return exports.ContractsXLSX(w, exports.ContractListInfo{Created: importNow(), Filter: "Alle contracten"}, rows)
		},
	}
	for format, write := range write {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			src := demoRegister(t)
			want := register(t, src)
			if len(want) < 50 {
				t.Fatalf("the demo register has %d contracts; the test needs a register", len(want))
			}
			var file bytes.Buffer
			err := write(&file, func(fn func(contracts.ContractSummary) error) error {
				return src.EachContract(ctx, contracts.Everyone(), contracts.ContractFilter{Sort: contracts.SortNumber}, fn)
			})
			if err != nil {
				t.Fatal(err)
			}
			tab := readTable(t, file.Bytes())

			dst := emptyRegisterLike(t, src)
			rep, err := dst.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
			if err != nil {
				for _, p := range rep.Problems[:min(len(rep.Problems), 10)] {
					t.Errorf("row %d, %s: %s", p.Row, p.Column, p.Message())
				}
				t.Fatalf("import into an empty register: %v", err)
			}
			if len(rep.Created) != len(want) || len(rep.Updated) != 0 {
				t.Errorf("import created %d and updated %d, want %d created", len(rep.Created), len(rep.Updated), len(want))
			}
			got := register(t, dst)
			lines := 0
			for key, w := range want {
				lines += w.LicenceLines
				g, ok := got[key]
				if !ok {
					t.Errorf("%s did not come back", key)
					continue
				}
				if g.LicenceLines != 0 {
					t.Errorf("%s came back with %d licence lines; the list has none", key, g.LicenceLines)
				}
				if a, b := comparable(w), comparable(g); a != b {
					t.Errorf("%s came back different:\n got %+v\nwant %+v", key, b, a)
				}
			}
			if lines == 0 {
				t.Error("the demo register has no licence lines; the test cannot show what happens to them")
			}

			again, err := src.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
			if err != nil || again.Unchanged != len(want) || len(again.Created)+len(again.Updated) != 0 {
				t.Errorf("the list imported into its own register: %d created, %d updated, %d unchanged, %v; want all %d unchanged",
					len(again.Created), len(again.Updated), again.Unchanged, err, len(want))
			}
			if after := register(t, src); fmt.Sprint(after) != fmt.Sprint(want) {
				t.Error("importing the list into its own register changed it (its licence lines included)")
			}
		})
	}
}
