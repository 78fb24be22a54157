package exports_test

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/procurement"
)

// nationalNotice is the contract notice of the model case at national
// scale (nationalView): 283 participants, 241 of them with a signed
// mandate and so buyers, 3 lots and 40 award criteria, every buyer with
// its notice details.
func nationalNotice(b *testing.B) procurement.NoticeView {
	v := nationalView()
	v.Tender.Publication = date(2027, 1, 15)
	v.Tender.DocumentsURL = "https://www.tenderned.nl/aankondigingen/overzicht/420042/documenten"
	v.Tender.ReviewID = "00000001003214345000"
	v.Plan = plan(v)
	n := procurement.NoticeView{TenderView: v, Review: v.Tender.Review(), Vendors: map[int64]contracts.Vendor{},
		Notice: procurement.Notice{Kind: procurement.NoticeCN, Subtype: procurement.NoticeSubtype(procurement.NoticeCN, v),
			ID: "0f5e5c3a-7d61-4a2b-9c1e-2b8f6a4d9e10", Version: 1, Procedure: "6c1d8f2e-3b4a-4e5f-8a9b-0c1d2e3f4a5b", Issued: eformsIssued}}
	lead := contracts.Organization{Code: v.Tender.Lead, Name: v.Tender.LeadName, Kind: contracts.KindMunicipality, Province: "PV30",
		OrgDetails: buyerDetails[v.Tender.Lead]}
	n.Buyers = append(n.Buyers, lead)
	for i, p := range v.Participants {
		if p.Mandate.Status != procurement.MandateSigned {
			continue
		}
		n.Buyers = append(n.Buyers, contracts.Organization{Code: p.Organization, Name: p.Name, Kind: p.Kind, Province: p.Province,
			OrgDetails: contracts.OrgDetails{Street: fmt.Sprintf("Stadhuisplein %d", 1+i%50), Postcode: fmt.Sprintf("%04d AB", 1000+i*31%8999),
				City: p.Name, NUTS: benchNUTS3[i%len(benchNUTS3)], OIN: fmt.Sprintf("00000001%09d000", 100_000_000+i), Email: "inkoop@gemeente.nl"}})
	}
	if n.Missing = procurement.NoticeMissing(n); len(n.Missing) > 0 || n.Notice.Subtype != 16 {
		b.Fatalf("subtype %d, missing %v", n.Notice.Subtype, n.Missing)
	}
	return n
}

// BenchmarkEFormsNational writes the national contract notice as the API
// does (the fingerprint, which writes it once, then the notice), beside
// the notice alone and, as the bare operation of the same size, the OCDS
// release of the same tender.
func BenchmarkEFormsNational(b *testing.B) {
	n := nationalNotice(b)
	var size bytes.Buffer
	if err := exports.EForms(&size, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("contract notice: %d buyers, %d bytes", len(n.Buyers), size.Len())
	b.Run("notice", func(b *testing.B) {
		for b.Loop() {
			if err := exports.EForms(io.Discard, n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("fingerprint+notice", func(b *testing.B) {
		for b.Loop() {
			if _, err := exports.EFormsFingerprint(n); err != nil {
				b.Fatal(err)
			}
			if err := exports.EForms(io.Discard, n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ocds", func(b *testing.B) {
		d := fixtureDossier(n.TenderView)
		for b.Loop() {
			if err := exports.OCDS(io.Discard, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchNUTS3 are NUTS 3 regions (NUTS 2024) the synthetic buyers lie in.
var benchNUTS3 = []string{"NL115", "NL127", "NL131", "NL211", "NL226", "NL230", "NL32B", "NL350", "NL361", "NL366", "NL416", "NL423"}
