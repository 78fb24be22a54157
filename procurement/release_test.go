package procurement_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// TestRecordRelease: the publication log keeps when a tender's published
// content was first recorded (OCDS release date). The same fingerprint
// keeps its date however often it is exported; another fingerprint is a
// new release dated now; returning to an earlier content after a change
// is new again. Each new release is one audited write, an unchanged one
// writes nothing.
func TestRecordRelease(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := storetest.New(t)
	if err := st.CreateOrganization(ctx, contracts.Organization{Code: "GM0363", Name: "Amsterdam", Kind: contracts.KindMunicipality, Province: "PV27"}); err != nil {
		t.Fatal(err)
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
	now := time.Date(2026, 11, 22, 10, 0, 0, 500, contracts.Amsterdam)
	svc := procurement.NewService(ps, procurement.Options{Now: func() time.Time { return now }})
	entries := func() int {
		t.Helper()
		_, n, err := st.AuditEntries(ctx, audit.Filter{PageSize: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	first := now.UTC().Truncate(time.Second)
	steps := []struct {
		name        string
		fingerprint string
		advance     time.Duration
		want        time.Time
		wantWrites  int
	}{
		{"first export: recorded now, to the second", "aaa", 0, first, 1},
		{"same content a day later: the first date", "aaa", 24 * time.Hour, first, 0},
		{"changed content: dated now", "bbb", time.Hour, first.Add(25 * time.Hour), 1},
		{"the same changed content again: its date", "bbb", time.Hour, first.Add(25 * time.Hour), 0},
		{"back to the first content: a new release, dated now", "aaa", time.Hour, first.Add(27 * time.Hour), 1},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		before := entries()
		got, err := svc.RecordRelease(ctx, tender, s.fingerprint)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !got.Equal(s.want) {
			t.Errorf("%s: RecordRelease = %s, want %s", s.name, got, s.want)
		}
		if n := entries() - before; n != s.wantWrites {
			t.Errorf("%s: %d audit entries, want %d", s.name, n, s.wantWrites)
		}
	}
	if _, err := svc.RecordRelease(ctx, 999, "aaa"); !errors.Is(err, apperr.NotFound) {
		t.Errorf("RecordRelease(unknown tender) = %v, want apperr.NotFound", err)
	}
	if _, err := svc.RecordRelease(ctx, tender, ""); !errors.Is(err, apperr.Invalid) {
		t.Errorf("RecordRelease(empty fingerprint) = %v, want apperr.Invalid", err)
	}
}
