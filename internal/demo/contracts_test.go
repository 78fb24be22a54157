package demo

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
)

// generateAt fills a fresh store with the small set as of now.
func generateAt(t *testing.T, seed uint64, now func() time.Time) (*store.Store, Summary) {
	t.Helper()
	st := storetest.New(t)
	sum, err := Generate(context.Background(), st.Register(), Options{Scale: ScaleSmall, Seed: seed, Now: now})
	if err != nil {
		t.Fatalf("Generate(small, seed %d): %v", seed, err)
	}
	return st, sum
}

// allContracts reads every contract in number order.
func allContracts(t *testing.T, st contracts.Store) []contracts.ContractSummary {
	t.Helper()
	var out []contracts.ContractSummary
	err := st.EachContract(context.Background(), contracts.ContractFilter{Scope: contracts.Everyone(), Sort: contracts.SortNumber}, func(c contracts.ContractSummary) error {
		out = append(out, c)
		return nil
	})
	if err != nil {
		t.Fatalf("EachContract: %v", err)
	}
	return out
}

func TestGenerateSmallVendors(t *testing.T) {
	t.Parallel()
	st := storetest.New(t).Register()
	sum, err := generateStages(context.Background(), st, Options{Scale: ScaleSmall, Seed: 1, Now: fixedNow}, stagesThrough(t, "vendors"))
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.Vendors(context.Background(), contracts.VendorFilter{Scope: contracts.Everyone(), PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != len(vendors) || sum.Vendors != len(vendors) {
		t.Errorf("%d vendors stored, summary says %d, want %d", page.Total, sum.Vendors, len(vendors))
	}
	if n := len(vendors); n < 20 || n > 30 {
		t.Errorf("%d demo vendors, want about 25", n)
	}
	groups := map[int64]int{} // group top → subsidiaries
	kvks := map[string]bool{}
	for _, v := range page.Items {
		if err := v.Validate(); err != nil {
			t.Errorf("vendor %q: %v", v.Name, err)
		}
		if v.ParentID != 0 {
			groups[v.GroupID]++
		}
		// An award notice names the winner's city (eForms BT-513).
		if full, err := st.Vendor(context.Background(), v.ID); err != nil || full.Street == "" || full.Postcode == "" || full.City == "" {
			t.Errorf("vendor %q has no full postal address: %+v (%v)", v.Name, full, err)
		}
		switch {
		case v.Country != "NL" && v.KVK != "":
			t.Errorf("foreign vendor %q has KvK number %s", v.Name, v.KVK)
		case v.Country == "NL" && !strings.HasPrefix(v.KVK, fictionalKVKPrefix):
			t.Errorf("vendor %q has KvK number %q, want a fictional one starting %s", v.Name, v.KVK, fictionalKVKPrefix)
		case kvks[v.KVK]:
			t.Errorf("vendor %q: KvK number %s used twice", v.Name, v.KVK)
		}
		kvks[v.KVK] = true
	}
	if len(groups) != 6 || sum.VendorGroups != 6 {
		t.Errorf("%d vendor groups stored, summary says %d, want 6", len(groups), sum.VendorGroups)
	}
	for top, n := range groups {
		if n < 2 {
			t.Errorf("vendor group %d has %d subsidiaries, want at least 2", top, n)
		}
	}
}

func TestKVKNumbers(t *testing.T) {
	t.Parallel()
	list := []demoVendor{{name: "Polderlink Telecom B.V."}, {name: "Nimbusveld Cloud Europe Ltd.", country: "IE"}, {name: "Wadkabel Telecom B.V."}}
	first := kvkNumbers(list, map[string]bool{})
	if again := kvkNumbers(list, map[string]bool{}); !reflect.DeepEqual(first, again) {
		t.Errorf("kvkNumbers differs between calls: %v, %v", first, again)
	}
	syntax := regexp.MustCompile(`^00[0-9]{6}$`)
	if !syntax.MatchString(first[0]) || first[1] != "" || !syntax.MatchString(first[2]) {
		t.Errorf("kvkNumbers(%v) = %q, want fictional 00-numbers and none for the foreign vendor", list, first)
	}
	// A number already taken moves the vendor on to the next free one.
	moved := kvkNumbers(list, map[string]bool{first[0]: true})
	if moved[0] == first[0] || !syntax.MatchString(moved[0]) {
		t.Errorf("kvkNumbers with %s taken gave %s for %q, want another fictional number", first[0], moved[0], list[0].name)
	}
}

func TestGenerateSmallContracts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// Reads only: the set TestGenerateSmall reads too, generated once.
	st, sum := generateOnce(t, Options{Scale: ScaleSmall, Seed: 1}, stages)
	reg := st.Register()
	today := contracts.DateOf(fixedNow())
	all := allContracts(t, reg)

	if len(all) != sum.Contracts {
		t.Fatalf("%d contracts stored, summary says %d", len(all), sum.Contracts)
	}
	orgs := allOrganizations(t, reg, "")
	perOrg := len(all) / len(orgs)
	if len(all) < 2000 || len(all) > 5000 || perOrg < 40 || perOrg > 60 {
		t.Errorf("small set: %d contracts for %d organizations (%d each), want a few thousand, 40–60 each", len(all), len(orgs), perOrg)
	}

	var (
		byOrg       = map[string]int{}
		valueOf     = map[string]contracts.Money{}
		kinds       = map[contracts.RenewalKind]int{}
		statuses    = map[contracts.ContractStatus]int{}
		lines       int
		overQuota   int
		missed      int
		noticeGiven int
		expired     int
		noticeDays  int
		anyDay      int
		rolling     int
		soon        = map[string]bool{} // organizations with a notice deadline within 90 days
		zaakGroups  = map[string]int{}
		zaak        int
		number      = regexp.MustCompile(`^20[0-9]{2}-[A-Z]{2,3}-[0-9]{3}$`)
	)
	for _, cs := range all {
		c := cs.Contract
		if err := c.Validate(); err != nil {
			t.Errorf("contract %s/%s: %v", c.Organization, c.Number, err)
		}
		if !number.MatchString(c.Number) || !strings.HasPrefix(c.Number, c.Start.String()[:4]) {
			t.Errorf("contract %s/%s: number, want year of start %s, code and sequence", c.Organization, c.Number, c.Start)
		}
		d := c.Dates(today)
		stored := contracts.Dates{CurrentEnd: d.CurrentEnd, CommittedEnd: d.CommittedEnd, NoticeDeadline: d.NoticeDeadline,
			ActionDate: d.ActionDate, OptionDecision: d.OptionDecision, FinalEnd: d.FinalEnd}
		if cs.Dates != stored {
			t.Errorf("contract %s/%s: stored dates %+v, want those Dates computes %+v", c.Organization, c.Number, cs.Dates, stored)
		}
		byOrg[c.Organization]++
		valueOf[c.Organization] += c.AnnualValue
		kinds[c.RenewalKind]++
		statuses[c.Status]++
		lines += cs.LicenceLines
		if cs.OverQuota {
			overQuota++
		}
		if d.NoticeMissed {
			missed++
		}
		if !c.NoticeGivenOn.IsZero() {
			noticeGiven++
		}
		if d.Expired {
			expired++
		}
		if c.NoticeDays > 0 {
			noticeDays++
		}
		if c.NoticeEndsAnyDay {
			anyDay++
		}
		if d.RollingNotice {
			rolling++
		}
		if !d.NoticeDeadline.IsZero() && today.DaysUntil(d.NoticeDeadline) <= 90 {
			soon[c.Organization] = true
		}
		if cs.CategoryName == "Zaaksysteem" {
			zaak++
			zaakGroups[cs.VendorGroupName]++
		}
	}
	if lines != sum.LicenceLines || lines < 2*len(all) || lines > 4*len(all) {
		t.Errorf("%d licence lines stored, summary says %d, want 2–4 per contract", lines, sum.LicenceLines)
	}

	munis := allOrganizations(t, reg, contracts.KindMunicipality)
	withSoon := 0
	for _, m := range munis {
		if byOrg[m.Code] < 30 {
			t.Errorf("municipality %s %q has %d contracts, want at least 30", m.Code, m.Name, byOrg[m.Code])
		}
		if soon[m.Code] {
			withSoon++
		}
	}
	// The demo member logs in to the first municipality by name: its
	// dashboard must have notice deadlines to show.
	if first := munis[0]; !soon[first.Code] {
		t.Errorf("first municipality %s %q has no notice deadline within 90 days of %s", first.Code, first.Name, today)
	}
	if withSoon*10 < len(munis)*9 {
		t.Errorf("%d of %d municipalities have a notice deadline within 90 days, want nearly all", withSoon, len(munis))
	}
	for _, o := range orgs {
		if o.Kind != contracts.KindCooperation && byOrg[o.Code] == 0 {
			t.Errorf("%s %s %q has no contracts", o.Kind, o.Code, o.Name)
		}
	}
	// Values follow the population: the capital buys far more than the
	// smallest island.
	if big, small := valueOf["GM0363"], valueOf["GM0088"]; big < 50*small {
		t.Errorf("annual value of Amsterdam %d, of Schiermonnikoog %d: want the first far larger", big, small)
	}

	tacit, express, none := kinds[contracts.RenewalTacit], kinds[contracts.RenewalExpress], kinds[contracts.RenewalNone]
	indefinite := kinds[contracts.RenewalIndefinite]
	// Most contracts run on by themselves: tacit renewal, or indefinite
	// continuation after the initial term (DESIGN §4), which is about a
	// tenth of the register.
	if (tacit+indefinite)*2 < len(all) || tacit*5 < len(all)*2 || express == 0 || none == 0 ||
		indefinite*20 < len(all) || indefinite*5 > len(all) {
		t.Errorf("renewal kinds: %d tacit, %d indefinite, %d express, %d none of %d; want mostly tacit or indefinite, 5–20 %% indefinite and some of each",
			tacit, indefinite, express, none, len(all))
	}
	// Notice in days ("90 dagen") and notice ending on any day occur, and
	// indefinite contracts past their first notice deadline have a rolling
	// one.
	for name, n := range map[string]int{"notice-in-days": noticeDays, "notice-on-any-day": anyDay, "rolling-notice": rolling} {
		if n == 0 || n*10 > len(all) {
			t.Errorf("%d %s contracts of %d, want some but under a tenth", n, name, len(all))
		}
	}
	if statuses[contracts.StatusActive]*10 < len(all)*9 || statuses[contracts.StatusDraft] == 0 || statuses[contracts.StatusTerminated] == 0 {
		t.Errorf("statuses %v: want mostly active, a few draft and terminated", statuses)
	}
	for name, n := range map[string]int{"over-quota": overQuota, "missed-notice": missed, "notice-given": noticeGiven, "expired": expired} {
		if n == 0 || n*5 > len(all) {
			t.Errorf("%d %s contracts of %d, want some but not many", n, name, len(all))
		}
	}
	// Lock-in shows: one group holds most case management systems.
	if top := zaakGroups["Dossierveld Groep B.V."]; top*100 < zaak*40 {
		t.Errorf("Dossierveld holds %d of %d case management contracts, want a dominant share", top, zaak)
	}

	// The lines themselves, on every tenth contract.
	for i := 0; i < len(all); i += 10 {
		d, err := reg.Contract(ctx, all[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Lines) != all[i].LicenceLines || len(d.Lines) > 5 {
			t.Errorf("contract %s/%s: %d lines, summary says %d, want at most 5", d.Organization, d.Number, len(d.Lines), all[i].LicenceLines)
		}
		for _, l := range d.Lines {
			if err := l.Validate(); err != nil {
				t.Errorf("contract %s/%s, line %q: %v", d.Organization, d.Number, l.Product, err)
			}
		}
	}

	// One audit entry records the load; the chain holds.
	entries, total, err := st.AuditEntries(ctx, audit.Filter{Entity: "contract"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 1 || entries[0].Action != audit.ActionImport {
		t.Fatalf("audit entries for contracts: %d (%+v), want one import", total, entries)
	}
	var after struct{ Contracts, LicenceLines int }
	if err := json.Unmarshal(entries[0].After, &after); err != nil || after.Contracts != len(all) || after.LicenceLines != lines {
		t.Errorf("audit entry of the load: %s (%v), want %d contracts and %d licence lines", entries[0].After, err, len(all), lines)
	}
	report, err := st.VerifyAudit(ctx)
	if err != nil || !report.Intact {
		t.Errorf("VerifyAudit after Generate: %v, %v", report, err)
	}
}

func TestGenerateContractsDeterministic(t *testing.T) {
	t.Parallel()
	st1, sum1 := generateAt(t, 42, fixedNow)
	st2, sum2 := generateAt(t, 42, fixedNow)
	st3, _ := generateAt(t, 43, fixedNow)
	if !reflect.DeepEqual(sum1, sum2) {
		t.Errorf("summaries differ for the same seed and day:\n%+v\n%+v", sum1, sum2)
	}
	a, b, c := allContracts(t, st1.Register()), allContracts(t, st2.Register()), allContracts(t, st3.Register())
	if len(a) != len(b) {
		t.Fatalf("same seed and day gave %d and %d contracts", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			t.Fatalf("contract %d differs for the same seed and day:\n%+v\n%+v", i, a[i], b[i])
		}
	}
	if reflect.DeepEqual(a, c) {
		t.Errorf("seeds 42 and 43 gave the same contracts")
	}
}

// TestGenerateContractsFollowNow: the register is relative to the day it
// is generated, so that it looks current in any year.
func TestGenerateContractsFollowNow(t *testing.T) {
	t.Parallel()
	for _, now := range []time.Time{fixedNow(), time.Date(2031, time.October, 31, 23, 30, 0, 0, contracts.Amsterdam)} {
		t.Run(now.Format(time.DateOnly), func(t *testing.T) {
			t.Parallel()
			st, _ := generateAt(t, 5, func() time.Time { return now })
			today := contracts.DateOf(now)
			month := contracts.NewDate(today.Year(), today.Month(), 1)
			earliest, latest := month.AddMonths(-96), month.AddMonths(-12).AddDays(27)
			running := 0
			all := allContracts(t, st.Register())
			for _, cs := range all {
				c := cs.Contract
				if c.Status == contracts.StatusDraft {
					if !c.Start.After(today) || c.Start.After(month.AddMonths(5)) {
						t.Errorf("draft %s/%s starts %s, want in the months after %s", c.Organization, c.Number, c.Start, today)
					}
					continue
				}
				if c.Start.Before(earliest) || c.Start.After(latest) {
					t.Errorf("contract %s/%s starts %s, want one to eight years before %s", c.Organization, c.Number, c.Start, today)
				}
				if !c.Dates(today).Expired {
					running++
				}
			}
			if running*10 < len(all)*7 {
				t.Errorf("%d of %d contracts still run on %s, want most", running, len(all), today)
			}
		})
	}
}

// TestGenerateContractsMoveWithNow: a year later, the same seed gives the
// same register a year later, so that it looks the same whenever it is
// generated.
func TestGenerateContractsMoveWithNow(t *testing.T) {
	t.Parallel()
	now := fixedNow()
	st1, _ := generateAt(t, 9, func() time.Time { return now })
	st2, _ := generateAt(t, 9, func() time.Time { return now.AddDate(1, 0, 0) })
	a, b := allContracts(t, st1.Register()), allContracts(t, st2.Register())
	if len(a) != len(b) {
		t.Fatalf("a year later: %d contracts, want %d as before", len(b), len(a))
	}
	slices.SortFunc(a, func(x, y contracts.ContractSummary) int { return cmp.Compare(x.ID, y.ID) })
	slices.SortFunc(b, func(x, y contracts.ContractSummary) int { return cmp.Compare(x.ID, y.ID) })
	for i := range a {
		x, y := a[i].Contract, b[i].Contract
		if y.Start != x.Start.AddMonths(12) {
			t.Fatalf("contract %d starts %s, and %s a year later; want a year apart", i, x.Start, y.Start)
		}
		if want := fmt.Sprint(x.Start.Year()+1) + x.Number[4:]; y.Number != want {
			t.Errorf("contract %d is numbered %s a year later, want %s", i, y.Number, want)
		}
		// Everything but the dates stays, and the exit facts, which are
		// better for contracts signed after GIBIT 2023 took effect.
		x.Start, y.Start, x.Number, y.Number, x.MaxEnd, y.MaxEnd = contracts.Date{}, contracts.Date{}, "", "", contracts.Date{}, contracts.Date{}
		x.NoticeGivenOn, y.NoticeGivenOn, x.Exit, y.Exit = contracts.Date{}, contracts.Date{}, contracts.ExitFacts{}, contracts.ExitFacts{}
		if x != y || a[i].LicenceLines != b[i].LicenceLines || a[i].OverQuota != b[i].OverQuota {
			t.Errorf("contract %d differs a year later beyond its dates:\n%+v\n%+v", i, x, y)
		}
	}
}

// The bulk path of the store, through the contracts.Store interface the
// generator uses.

func bulkRows(rows ...contracts.ContractDetail) func(func(contracts.ContractDetail, error) bool) {
	return func(yield func(contracts.ContractDetail, error) bool) {
		for _, r := range rows {
			if !yield(r, nil) {
				return
			}
		}
	}
}

func TestBulkInsertContractsKeepsNothingOnError(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.New(t)
	reg := st.Register()
	if err := reg.CreateOrganization(ctx, contracts.Organization{Code: "GM0344", Name: "Utrecht", Kind: contracts.KindMunicipality, Province: "PV26"}); err != nil {
		t.Fatal(err)
	}
	vendor, err := reg.CreateVendor(ctx, contracts.Vendor{Name: "Polderlink Telecom B.V.", KVK: "00123456", Country: "NL"})
	if err != nil {
		t.Fatal(err)
	}
	today := contracts.DateOf(fixedNow())
	row := func(number string, lines int) contracts.ContractDetail {
		c := contracts.Contract{Organization: "GM0344", Number: number, Title: "Telefonie", VendorID: vendor,
			Start: contracts.NewDate(2024, time.January, 1), InitialTermMonths: 24, RenewalKind: contracts.RenewalNone, Status: contracts.StatusActive}
		d := contracts.ContractDetail{ContractSummary: contracts.ContractSummary{Contract: c, Dates: c.Dates(today)}}
		for range lines {
			d.Lines = append(d.Lines, contracts.LicenceLine{Product: "Abonnement", Metric: contracts.MetricNamedUser, Quantity: 10,
				SeatsInUse: -1, UnitPrice: 1500, PricePeriod: contracts.PerMonth})
		}
		return d
	}
	badLine := row("2024-TEL-003", 1)
	badLine.Lines[0].Quantity = 0 // the schema refuses it, as Validate would
	tests := []struct {
		name string
		rows func(func(contracts.ContractDetail, error) bool)
		want string
	}{
		{"number used twice", bulkRows(row("2024-TEL-001", 2), row("2024-TEL-001", 1)), "row 2, contract GM0344/2024-TEL-001"},
		{"unknown organization", bulkRows(func() contracts.ContractDetail { r := row("2024-TEL-001", 0); r.Organization = "GM9999"; return r }()), "row 1, contract GM9999/2024-TEL-001"},
		// More lines than one batch before the bad one, so that the bad
		// line is found inside a batch.
		{"bad line in a batch", bulkRows(row("2024-TEL-001", 60), row("2024-TEL-002", 60), badLine), "row 3, contract GM0344/2024-TEL-003, licence line 1"},
		{"error from the rows", func(yield func(contracts.ContractDetail, error) bool) {
			if yield(row("2024-TEL-001", 1), nil) {
				yield(contracts.ContractDetail{}, apperr.Invalid)
			}
		}, "invalid input"},
	}
	for _, tt := range tests {
		err := reg.BulkInsertContracts(ctx, today, tt.rows)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("BulkInsertContracts(%s): error %v, want one naming %q", tt.name, err, tt.want)
		}
		if n := len(allContracts(t, reg)); n != 0 {
			t.Errorf("BulkInsertContracts(%s) failed but left %d contracts", tt.name, n)
		}
	}
	if _, total, err := st.AuditEntries(ctx, audit.Filter{Entity: "contract"}); err != nil || total != 0 {
		t.Errorf("failed loads left %d audit entries (%v), want none", total, err)
	}
	if err := reg.BulkInsertContracts(ctx, today, bulkRows(row("2024-TEL-001", 150), row("2024-TEL-002", 3))); err != nil {
		t.Fatalf("BulkInsertContracts: %v", err)
	}
	got, err := reg.ContractByNumber(ctx, "GM0344", "2024-TEL-001")
	if err != nil || len(got.Lines) != 150 {
		t.Errorf("after the load: contract with %d lines (%v), want 150", len(got.Lines), err)
	}
	if _, total, err := st.AuditEntries(ctx, audit.Filter{Entity: "contract"}); err != nil || total != 1 {
		t.Errorf("one load left %d audit entries (%v), want one", total, err)
	}
}
