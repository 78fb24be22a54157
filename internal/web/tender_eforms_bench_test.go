package web_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/procurement"
)

// BenchmarkTenderEForms measures the contract notice of the model case
// (issue 18: ≤ 200 ms), the 283-participant tender of tender283 with every
// organization's notice details filled in, through the tender page's
// download (load, buyers, fingerprint, notice log, XML), beside
// procurement.Service.Tender alone, the bare load and plan it rests on;
// compare the p50 figures.
func BenchmarkTenderEForms(b *testing.B) {
	ta, id := tender283(b)
	ctx := context.Background()
	page, err := ta.svc.Organizations(ctx, contracts.OrganizationFilter{PageSize: 500})
	if err != nil {
		b.Fatal(err)
	}
	for i, o := range page.Items {
		d := contracts.OrgDetails{Street: fmt.Sprintf("Stadhuisplein %d", 1+i%50), Postcode: fmt.Sprintf("%04d AB", 1000+i*31%8999),
			City: o.Name, NUTS: "NL32B", OIN: fmt.Sprintf("00000001%09d000", 100_000_000+i), Email: "inkoop@gemeente.nl"}
		if _, err := ta.svc.UpdateOrganization(ctx, o.Code, contracts.OrganizationPatch{Details: &d}); err != nil {
			b.Fatal(err)
		}
	}
	v, err := ta.procurement.Tender(ctx, contracts.Everyone(), id)
	if err != nil {
		b.Fatal(err)
	}
	v.Tender.Description = "Gezamenlijke aanbesteding van mobiele en vaste telefonie en een mobiel datanetwerk."
	if err := ta.procurement.UpdateTender(ctx, v.Tender); err != nil {
		b.Fatal(err)
	}
	if err := ta.procurement.SetNoticeDetails(ctx, id, procurement.NoticeDetails{ReviewID: "00000001003214345000",
		DocumentsURL: "https://www.tenderned.nl/aankondigingen/overzicht/420042/documenten"}); err != nil {
		b.Fatal(err)
	}
	if n, err := ta.procurement.NoticeView(ctx, contracts.Everyone(), id, procurement.NoticeCN, nil); err != nil || len(n.Missing) > 0 {
		b.Fatalf("contract notice: %v, missing %v", err, n.Missing)
	}
	path := fmt.Sprintf("/aanbestedingen/%d/eforms-cn.xml", id)
	warmUp(b, ta, path)
	n := benchPage(b, ta, "coordinator", path, `<cbc:SubTypeCode listName="notice-subtype">16</cbc:SubTypeCode>`)
	b.Logf("contract notice: %d bytes", n)
	median := func(b *testing.B, ds []time.Duration) {
		sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
		b.ReportMetric(float64(ds[len(ds)/2].Microseconds()), "p50-µs")
		b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds()), "p95-µs")
	}
	b.Run("service", func(b *testing.B) {
		var ds []time.Duration
		for b.Loop() {
			start := time.Now()
			if _, err := ta.procurement.Tender(ctx, contracts.Everyone(), id); err != nil {
				b.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		median(b, ds)
	})
	b.Run("notice", func(b *testing.B) {
		b.ReportAllocs()
		var ds []time.Duration
		for b.Loop() {
			start := time.Now()
			b.SetBytes(int64(benchPage(b, ta, "coordinator", path, "</ContractNotice>")))
			ds = append(ds, time.Since(start))
		}
		median(b, ds)
	})
}
