package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

// alertLine names an alert by its place and contents.
func alertLine(a contracts.Alert) string {
	return fmt.Sprintf("%s %s missed=%v overdue=%v #%d %s", a.Date, a.Kind, a.Missed, a.Overdue, a.Contract.ID, a.What)
}

// walkAlerts follows the next cursors of the alerts list from its first
// page and returns every alert read, with the totals the pages gave.
func walkAlerts(t *testing.T, svc *contracts.Service, scope contracts.Scope, f contracts.AlertFilter) ([]string, []int) {
	t.Helper()
	var out []string
	var totals []int
	for n := 0; ; n++ {
		if n > 10_000 {
			t.Fatal("the walk does not end")
		}
		p, err := svc.AlertList(context.Background(), scope, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) > f.PageSize || p.Partial {
			t.Fatalf("page %d: %d items of %d, partial %v", n+1, len(p.Items), f.PageSize, p.Partial)
		}
		for _, a := range p.Items {
			out = append(out, alertLine(a))
		}
		totals = append(totals, p.Total)
		if p.Next == "" {
			return out, totals
		}
		f.Cursor = p.Next
	}
}

// TestAlertListWalk: on the small demo register, following the cursors
// of the alerts list a page at a time sees every alert the whole
// computation (Service.Alerts) gives, each once and in its order, for
// every organization and for one, for a short and the longest window;
// on stored dates of today (the pages read the date indexes) and of
// yesterday (between midnight and the date refresh: computed from
// every contract).
func TestAlertListWalk(t *testing.T) {
	st, svc := smallRegister(t)
	ctx := context.Background()
	tomorrow := func() time.Time { return listNow.AddDate(0, 0, 1) }
	stale := contracts.NewService(st.Register(), contracts.Options{Now: tomorrow})
	if s, err := stale.StaleDates(ctx); err != nil || !s {
		t.Fatalf("tomorrow's service sees stale dates %v, %v", s, err)
	}
	// The organization with the most alerts in the longest window.
	every, err := svc.Alerts(ctx, contracts.Everyone(), "", contracts.MaxAlertDays)
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	org := ""
	for _, a := range every {
		per[a.Contract.Organization]++
		if per[a.Contract.Organization] > per[org] {
			org = a.Contract.Organization
		}
	}
	for _, s := range []struct {
		name string
		svc  *contracts.Service
	}{{"dates of today", svc}, {"stale dates", stale}} {
		for _, within := range []int{90, contracts.MaxAlertDays} {
			for _, organization := range []string{"", org} {
				t.Run(fmt.Sprintf("%s/%dd/%q", s.name, within, organization), func(t *testing.T) {
					all, err := s.svc.Alerts(ctx, contracts.Everyone(), organization, within)
					if err != nil {
						t.Fatal(err)
					}
					if len(all) < 20 {
						t.Fatalf("only %d alerts: too few to page", len(all))
					}
					// A few alerts a page for one organization, more for
					// all, so that the walk stays short.
					size := 7
					if organization == "" {
						size = 131
					}
					got, totals := walkAlerts(t, s.svc, contracts.Everyone(), contracts.AlertFilter{Organization: organization, Within: within, PageSize: size})
					if len(got) != len(all) {
						t.Errorf("walked %d alerts, want %d", len(got), len(all))
					}
					for i := range min(len(got), len(all)) {
						if want := alertLine(all[i]); got[i] != want {
							t.Fatalf("alert %d = %s, want %s", i, got[i], want)
						}
					}
					want := min(len(all), 1000)
					for i, n := range totals {
						if n != want {
							t.Errorf("page %d: total %d, want %d", i+1, n, want)
						}
					}
				})
			}
		}
	}
}
