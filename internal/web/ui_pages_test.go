package web_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/store"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/procurement"
)

// demoRoles are the accounts demoApp creates, one per role, by their key
// in testApp.as. The scoped ones (member, finance, management) act for
// the demo set's first municipality.
var demoRoles = []struct {
	key    string
	role   auth.Role
	scoped bool
}{
	{"admin", auth.RoleAdmin, false},
	{"coordinator", auth.RoleCoordinator, false},
	{"finance", auth.RoleFinance, true},
	{"management", auth.RoleManagement, true},
	{"member", auth.RoleMember, true},
}

// demoSeeded is what demoApp's template database holds besides the demo
// set: the accounts' credentials and the organization the scoped ones act
// for.
type demoSeeded struct {
	users seededUsers
	own   string
}

// demoApp is the real app over a copy of the demo set at scale (seed 1,
// as of fixedNow), generated once per test process, with one account per
// role of demoRoles; it returns the app and the code of the organization
// the scoped accounts act for.
func demoApp(t testing.TB, scale demo.Scale) (testApp, string) {
	t.Helper()
	s := appSeed{hash: testHash, servicesAt: fixedNow()}
	key := fmt.Sprintf("the %s demo set, seed 1, as of %s, with one account per role", scale, fixedNow().Format(time.RFC3339))
	seed := func(ctx context.Context, st *store.Store) (demoSeeded, error) {
		svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
		page, err := svc.Organizations(ctx, contracts.OrganizationFilter{Kind: contracts.KindMunicipality, PageSize: 1})
		if err != nil {
			return demoSeeded{}, err
		}
		if len(page.Items) == 0 {
			return demoSeeded{}, fmt.Errorf("the %s demo set has no municipality", scale)
		}
		own := page.Items[0].Code
		if err := seedEvaluating(ctx, st, own); err != nil {
			return demoSeeded{}, fmt.Errorf("a tender to award: %w", err)
		}
		authSvc := auth.NewService(st.Auth(), auth.Options{Hash: s.hash})
		as := map[string]credentials{}
		loggedIn := time.Now()
		for _, r := range demoRoles {
			u := auth.User{Email: r.key + "@test.nl", Name: "Test " + r.key, Role: r.role}
			if r.scoped {
				u.Organization = own
			}
			created, err := authSvc.CreateUser(ctx, u, testPassword)
			if err != nil {
				return demoSeeded{}, fmt.Errorf("user %s: %w", u.Email, err)
			}
			_, sess, cookie, err := authSvc.Login(ctx, u.Email, testPassword, "192.0.2.1")
			if err != nil {
				return demoSeeded{}, fmt.Errorf("login of %s: %w", u.Email, err)
			}
			as[r.key] = credentials{user: created, cookie: cookie, csrf: sess.CSRF}
		}
		return demoSeeded{users: seededUsers{as: as, loggedIn: loggedIn}, own: own}, nil
	}
	var (
		st *store.Store
		v  demoSeeded
	)
	if scale == demo.ScaleSmall {
		// The small set is the one the other tests share (smallDemoStore).
		st, v = storetest.KeptThen(t, smallDemoKey, seedSmallDemo, key, seed)
	} else {
		st, v = storetest.Template(t, key, func(ctx context.Context, st *store.Store) (demoSeeded, error) {
			if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: scale, Seed: 1, Now: fixedNow}); err != nil {
				return demoSeeded{}, err
			}
			return seed(ctx, st)
		})
	}
	return appOver(t, st, s, v.users, fixedNow), v.own
}

// uiPage is one page of the route list: a name for reports and its path.
type uiPage struct {
	name, path string
}

// uiPages lists every kind of page of the web UI once, with ids from the
// demo set that the scoped accounts of own may open too: the start page,
// the register (organizations, contracts, vendors, with their forms and
// the import page), demand, every tender page (one tender per status in
// the set, its forms, a participant, the rating matrix and the award
// form), the bundles, spend and dependency pages, the audit log, the
// account page and an error page. The login page, which needs no
// session, is not among them.
func uiPages(t testing.TB, ta testApp, own string) []uiPage {
	t.Helper()
	ctx := context.Background()
	pages := []uiPage{
		{"start", "/"},
		{"organizations", "/organisaties"},
		{"organization", "/organisaties/" + own},
		{"contracts", "/contracten"},
		{"contract form (new)", "/contracten/nieuw"},
		{"contract import", "/contracten/importeren"},
		{"vendors", "/leveranciers"},
		{"vendor form (new)", "/leveranciers/nieuw"},
		{"demand", "/behoefte"},
		{"demand per category", "/behoefte/per-categorie"},
		{"demand form (new)", "/behoefte/nieuw"},
		{"tenders", "/aanbestedingen"},
		{"tender form (new)", "/aanbestedingen/nieuw"},
		{"bundles", "/bundels"},
		{"licences", "/licenties"},
		{"spend", "/uitgaven"},
		{"dependency", "/afhankelijkheid"},
		{"dependency of an organization", "/afhankelijkheid/" + own},
		{"concentration in the cooperative", "/afhankelijkheid/samenwerking"},
		{"audit log", "/beheer/audit"},
		{"account", "/account"},
		{"error page (no such contract)", "/contracten/999999999"},
	}
	cp, err := ta.svc.Contracts(ctx, contracts.Only(own), contracts.ContractFilter{PageSize: 1})
	if err != nil || len(cp.Items) == 0 {
		t.Fatalf("a contract of %s: %d found, %v", own, len(cp.Items), err)
	}
	id := cp.Items[0].ID
	pages = append(pages, uiPage{"contract", fmt.Sprintf("/contracten/%d", id)},
		uiPage{"contract form (edit)", fmt.Sprintf("/contracten/%d/bewerken", id)},
		uiPage{"contract delete confirmation", fmt.Sprintf("/contracten/%d/verwijderen", id)})
	bp, err := ta.procurement.BundlePage(ctx, contracts.Only(own), procurement.BundlePageQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(bp.Items) > 0 {
		pages = append(pages, uiPage{"bundle", "/bundels/" + bp.Items[0].Key})
	}
	vp, err := ta.svc.Vendors(ctx, contracts.Everyone(), contracts.VendorFilter{PageSize: 1})
	if err != nil || len(vp.Items) == 0 {
		t.Fatalf("a vendor: %d found, %v", len(vp.Items), err)
	}
	pages = append(pages, uiPage{"vendor", fmt.Sprintf("/leveranciers/%d", vp.Items[0].ID)},
		uiPage{"vendor form (edit)", fmt.Sprintf("/leveranciers/%d/bewerken", vp.Items[0].ID)})
	dp, err := ta.procurement.Demands(ctx, contracts.Only(own), procurement.DemandFilter{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(dp.Items) > 0 {
		pages = append(pages, uiPage{"demand form (edit)", fmt.Sprintf("/behoefte/%d/bewerken", dp.Items[0].ID)})
	}
	return append(pages, tenderPages(t, ta, own)...)
}

// tenderPages returns the pages of one tender of each status in the
// demo set (own takes part in each, so the member may open them), the
// edit form, own's participant page and the rating matrix of the first
// not yet published, and the award form of one that may be awarded
// next.
func tenderPages(t testing.TB, ta testApp, own string) []uiPage {
	t.Helper()
	tp, err := ta.procurement.Tenders(context.Background(), contracts.Only(own), procurement.TenderFilter{PageSize: 100})
	if err != nil || len(tp.Items) == 0 {
		t.Fatalf("the tenders of %s: %d found, %v", own, len(tp.Items), err)
	}
	var pages []uiPage
	seen := map[procurement.TenderStatus]bool{}
	award, forms := false, false
	// Until publication a tender's terms may change: the edit form is
	// for such a tender.
	open := []procurement.TenderStatus{procurement.TenderDraft, procurement.TenderCollecting, procurement.TenderMandating}
	for _, tender := range tp.Items {
		if seen[tender.Status] {
			continue
		}
		seen[tender.Status] = true
		base := fmt.Sprintf("/aanbestedingen/%d", tender.ID)
		pages = append(pages, uiPage{"tender (" + string(tender.Status) + ")", base})
		if !forms && slices.Contains(open, tender.Status) {
			forms = true
			pages = append(pages, uiPage{"tender form (edit)", base + "/bewerken"},
				uiPage{"tender participant", base + "/deelnemers/" + own},
				uiPage{"tender rating matrix", base + "/beoordelingen"},
				uiPage{"tender mandate import", base + "/mandaten/importeren"},
				uiPage{"tender delete confirmation", base + "/verwijderen"})
			if next := procurement.NextStatuses(tender.Status); len(next) > 0 {
				pages = append(pages, uiPage{"tender step confirmation", base + "/status/" + string(next[0])})
			}
		}
		if !award && slices.Contains(procurement.NextStatuses(tender.Status), procurement.TenderAwarded) {
			award = true
			pages = append(pages, uiPage{"tender award form", base + "/gunning"})
		}
	}
	if !award {
		t.Logf("no tender of %s may be awarded next; the award form is not in the route list", own)
	}
	return pages
}

// seedEvaluating adds a tender in the evaluation phase, led by own with
// own as its one participant, so that the route list has an award form:
// published on 1 September 2026 (the services' clock then), evaluated
// from fixedNow, past its tender deadline.
func seedEvaluating(ctx context.Context, st *store.Store, own string) error {
	published := func() time.Time { return time.Date(2026, 9, 1, 10, 0, 0, 0, contracts.Amsterdam) }
	p := procurement.NewService(st.Procurement(), procurement.Options{Now: published, Words: nl.ProcurementWords()})
	tp, err := p.Tenders(ctx, contracts.Everyone(), procurement.TenderFilter{PageSize: 1})
	if err != nil || len(tp.Items) == 0 {
		return fmt.Errorf("a demo tender's category: %d tenders, %v", len(tp.Items), err)
	}
	id, err := p.CreateTender(ctx, procurement.Tender{Title: "Gunningstoets telefonie", CategoryID: tp.Items[0].CategoryID, CPV: "64212000-5",
		Lead: own, Kind: procurement.KindServices, TermMonths: 48, Electronic: true, NeededStart: contracts.NewDate(2027, 9, 1)})
	if err != nil {
		return err
	}
	lot, err := p.AddLot(ctx, procurement.Lot{TenderID: id, Title: "Mobiele communicatie", Unit: "aansluitingen", UnitPrice: 24_000})
	if err != nil {
		return err
	}
	if _, err := p.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderCollecting}); err != nil {
		return err
	}
	if err := p.SetParticipant(ctx, contracts.Everyone(), procurement.Participant{TenderID: id, Organization: own,
		Volumes: []procurement.LotVolume{{LotID: lot, Quantity: 100}}}); err != nil {
		return err
	}
	if err := p.SetMandate(ctx, contracts.Everyone(), id, own, procurement.Mandate{Status: procurement.MandateSigned,
		Signed: contracts.NewDate(2026, 8, 20), Body: procurement.BodyCollege, Scope: procurement.MandateScope{Documents: true, Award: true}}); err != nil {
		return err
	}
	for _, to := range []procurement.TenderStatus{procurement.TenderMandating, procurement.TenderPublished} {
		if _, err := p.Transition(ctx, id, procurement.TransitionInput{To: to}); err != nil {
			return fmt.Errorf("to %s: %w", to, err)
		}
	}
	later := procurement.NewService(st.Procurement(), procurement.Options{Now: fixedNow, Words: nl.ProcurementWords()})
	_, err = later.Transition(ctx, id, procurement.TransitionInput{To: procurement.TenderEvaluating})
	return err
}
