package exports_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/eformstest"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/procurement"
)

// eformsIssued is the fixed dispatch moment of the fixture's notices.
var eformsIssued = time.Date(2026, 11, 22, 14, 30, 0, 0, contracts.Amsterdam)

// buyerDetails are the fixture's organizations' notice details: the
// municipalities' town halls (addresses as published by each
// municipality), their NUTS 3 regions (NUTS 2024), OINs of the form the Logius register gives
// municipalities (00000001 + RSIN + 000).
var buyerDetails = map[string]contracts.OrgDetails{
	"GM0088": {Street: "Reeweg 5", Postcode: "9166 PW", City: "Schiermonnikoog", NUTS: "NL127", OIN: "00000001001885393000", Email: "info@schiermonnikoog.nl"},
	"GM0796": {Street: "Wolvenhoek 1", Postcode: "5211 HH", City: "'s-Hertogenbosch", NUTS: "NL416", OIN: "00000001001766986000",
		Email: "inkoop@s-hertogenbosch.nl", Phone: "+31 73 615 5155", URL: "https://www.s-hertogenbosch.nl"},
	"GM1721": {Street: "De Misse 4", Postcode: "5384 BZ", City: "Heesch", NUTS: "NL416", OIN: "00000001807287684000"},
	"GM1900": {Street: "Marktstraat 15", Postcode: "8601 CR", City: "Sneek", NUTS: "NL128", OIN: "00000001823288444000"},
	"GM1970": {Street: "Hoedemakerplein 1", Postcode: "9101 LE", City: "Dokkum", NUTS: "NL127", OIN: "00000001824441481000"},
}

// noticeOf assembles the notice of kind for the fixture view as the
// service does, with fixed identifiers and dispatch moment.
func noticeOf(t *testing.T, v procurement.TenderView, kind procurement.NoticeKind) procurement.NoticeView {
	t.Helper()
	v.Tender.DocumentsURL = "https://www.tenderned.nl/aankondigingen/overzicht/420042/documenten"
	v.Tender.ReviewID = "00000001003214345000"
	org := func(code, name string, province string) contracts.Organization {
		return contracts.Organization{Code: code, Name: name, Kind: contracts.KindMunicipality, Province: province, OrgDetails: buyerDetails[code]}
	}
	n := procurement.NoticeView{TenderView: v, Review: v.Tender.Review(),
		Notice: procurement.Notice{Kind: kind, Subtype: procurement.NoticeSubtype(kind, v), ID: "0f5e5c3a-7d61-4a2b-9c1e-2b8f6a4d9e10",
			Version: 1, Procedure: "6c1d8f2e-3b4a-4e5f-8a9b-0c1d2e3f4a5b", Issued: eformsIssued},
		Vendors: map[int64]contracts.Vendor{}}
	n.Buyers = append(n.Buyers, org(v.Tender.Lead, v.Tender.LeadName, v.Lead.Province))
	for _, p := range v.Participants {
		if p.Mandate.Status == procurement.MandateSigned && p.Organization != v.Tender.Lead {
			n.Buyers = append(n.Buyers, org(p.Organization, p.Name, p.Province))
		}
	}
	for _, l := range v.Lots {
		if l.VendorID != 0 {
			n.Vendors[l.VendorID] = contracts.Vendor{ID: l.VendorID, Name: l.VendorName, Country: "NL", KVK: "2730" + string(rune('0'+l.VendorID)) + "845",
				Street: "Stationsplein 8", Postcode: "3818 LE", City: "Amersfoort"}
		}
	}
	n.Missing = procurement.NoticeMissing(n)
	if len(n.Missing) > 0 {
		t.Fatalf("fixture notice %s misses %v", kind, n.Missing)
	}
	return n
}

// published is v announced on 15 January 2027.
func published(v procurement.TenderView) procurement.TenderView {
	v.Tender.Publication = date(2027, 1, 15)
	v.Plan = plan(v)
	return v
}

// eformsCases are the fixture's notices: a PIN for information (4) and
// one shortening the time limits (7), the contract notice under the
// standard (16) and the light regime (20), and the award notices (29,
// 33) after the award with the call-off contracts.
func eformsCases(t *testing.T) []struct {
	name    string
	subtype int
	n       procurement.NoticeView
} {
	withPIN := dossierView()
	withPIN.Tender.PIN = true
	withPIN.Plan = plan(withPIN)
	social := dossierView()
	social.Tender.Kind, social.Tender.Framework = procurement.KindSocial, false
	social.Tender.CPV, social.Tender.Title = "85312000-9", "Maatschappelijke begeleiding statushouders 2027"
	for i := range social.Lots {
		social.Lots[i].CPV = "85312000-9"
	}
	socialAwarded := contractedView()
	socialAwarded.Tender.Kind = procurement.KindSocial
	socialAwarded.Plan = plan(socialAwarded)
	return []struct {
		name    string
		subtype int
		n       procurement.NoticeView
	}{
		{"eforms_pin_4", 4, noticeOf(t, dossierView(), procurement.NoticePIN)},
		{"eforms_pin_7", 7, noticeOf(t, withPIN, procurement.NoticePIN)},
		{"eforms_cn_16", 16, noticeOf(t, published(dossierView()), procurement.NoticeCN)},
		{"eforms_cn_20", 20, noticeOf(t, published(social), procurement.NoticeCN)},
		{"eforms_can_29", 29, noticeOf(t, contractedView(), procurement.NoticeCAN)},
		{"eforms_can_33", 33, noticeOf(t, socialAwarded, procurement.NoticeCAN)},
	}
}

// TestEForms writes each notice of the fixture and checks it against the
// golden file, the SDK's XSD and the fields the SDK marks mandatory for
// its subtype.
func TestEForms(t *testing.T) {
	for _, tt := range eformsCases(t) {
		t.Run(tt.name, func(t *testing.T) {
			if tt.n.Notice.Subtype != tt.subtype {
				t.Fatalf("subtype %d, want %d", tt.n.Notice.Subtype, tt.subtype)
			}
			var b bytes.Buffer
			if err := exports.EForms(&b, tt.n); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.name+".xml.golden", b.Bytes())
			t.Run("mandatory", func(t *testing.T) { eformstest.CheckMandatory(t, b.Bytes(), tt.subtype) })
			t.Run("xsd", func(t *testing.T) { eformstest.ValidateXSD(t, b.Bytes()) })
		})
	}
}

// TestEFormsWinnerAddress: the award notice writes the winner's postal
// address (BT-510, BT-513, BT-512), and a winner without a city is
// missing for publication by its field, never left out silently.
func TestEFormsWinnerAddress(t *testing.T) {
	n := noticeOf(t, contractedView(), procurement.NoticeCAN)
	var b bytes.Buffer
	if err := exports.EForms(&b, n); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("<cbc:CityName>Amersfoort</cbc:CityName>")) {
		t.Error("the award notice does not name the winner's city")
	}
	var id int64
	for k := range n.Vendors {
		id = k
	}
	v := n.Vendors[id]
	v.City = ""
	n.Vendors[id] = v
	fe := procurement.NoticeMissing(n)
	if len(fe) != 1 || fe[0].Field != fmt.Sprintf("vendors.%d.city", id) || fe[0].Code != apperr.NoticeVendorCity {
		t.Errorf("missing = %v, want only the winner's city", fe)
	}
	n.Notice.Kind = procurement.NoticeCN
	if fe := procurement.NoticeMissing(n); len(fe) != 0 {
		t.Errorf("a contract notice misses %v; the winner's city only matters after the award", fe)
	}
}

// TestEFormsNUTS3: a buyer with only its province's NUTS 2 code (the
// default) is missing its NUTS 3 code for publication, by field and in
// Dutch, rather than written into the notice as a wrong region; each
// NUTS code the fixture writes is on the SDK's list nuts-nld-lvl3.
func TestEFormsNUTS3(t *testing.T) {
	n := noticeOf(t, published(dossierView()), procurement.NoticeCN)
	sdk := eformstest.NUTS3(t)
	for _, b := range n.Buyers {
		if code := b.Effective().NUTS; !sdk[code] {
			t.Errorf("buyer %s: NUTS %s is not on nuts-nld-lvl3", b.Code, code)
		}
	}
	if !sdk[n.Review.NUTS] {
		t.Errorf("review body: NUTS %s is not on nuts-nld-lvl3", n.Review.NUTS)
	}
	n.Buyers[0].NUTS = ""
	fe := procurement.NoticeMissing(n)
	want := "organizations." + n.Buyers[0].Code + ".nuts"
	if len(fe) != 1 || fe[0].Field != want || fe[0].Code != apperr.NoticeBuyerNUTS3 {
		t.Fatalf("missing = %v, want only %s as NUTS 3", fe, want)
	}
	if msg := nl.Message(fe[0].Code, fe[0].Args...); !strings.HasPrefix(msg, "NUTS-3-code ontbreekt voor ") || !strings.Contains(msg, "NL41") {
		t.Errorf("Dutch text %q, want it to say the NUTS 3 code is missing and name the NUTS 2 code", msg)
	}
}

// TestDossierTenderNed: once the tender is announced, the dossier's
// summary names its TenderNed kenmerk with the link; before, it has no
// such line.
func TestDossierTenderNed(t *testing.T) {
	kenmerk := func(v procurement.TenderView) string {
		var b bytes.Buffer
		if err := exports.DossierXLSX(&b, fixtureDossier(v)); err != nil {
			t.Fatal(err)
		}
		rows, err := openXLSX(t, b.Bytes()).GetRows("Samenvatting")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) > 1 && r[0] == "TenderNed-kenmerk" {
				return r[1]
			}
		}
		return ""
	}
	if got := kenmerk(dossierView()); got != "" {
		t.Errorf("before the announcement: TenderNed-kenmerk %q, want none", got)
	}
	v := dossierView()
	v.Tender.TenderNedID, v.Tender.TenderNedURL = "420042", "https://www.tenderned.nl/aankondigingen/overzicht/420042"
	if got, want := kenmerk(v), "420042 (https://www.tenderned.nl/aankondigingen/overzicht/420042)"; got != want {
		t.Errorf("TenderNed-kenmerk %q, want %q", got, want)
	}
}
