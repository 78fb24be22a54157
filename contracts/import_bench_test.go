package contracts_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/sheet"
)

// benchRows is the import size of issue 4's target: 10,000 rows in at
// most 5 s.
const benchRows = 10_000

// benchVendors is how many vendors the benchmark file names.
const benchVendors = 50

// benchCSV is a ;-separated register of n rows with Dutch headers: every
// renewal kind, and a licence line on every other row.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Organisatie;Contractnummer;Omschrijving;Leverancier;KvK-nummer;Ingangsdatum;Looptijd (maanden);Verlenging;" +
		"Verlengingsperiode (maanden);Maximaal aantal verlengingen;Opzegtermijn (maanden);Interne doorlooptijd (dagen);Jaarwaarde;Status;" +
		"Exitplan;Bedrijfskritisch;Koppelingen;Product;Metriek;Aantal;In gebruik;Prijs per eenheid;Prijsperiode\n")
	renewal := []string{"geen;;", "stilzwijgend;12;", "optie;12;2"}
	for i := range n {
		org := "GM0363"
		if i%2 == 1 {
			org = "GM0518"
		}
		line := ";;;;;;"
		if i%2 == 0 {
			line = fmt.Sprintf("Licentie %d;benoemde gebruiker;%d;%d;€ 12,50;maand", i%7, 10+i%90, 5+i%80)
		}
		fmt.Fprintf(&b, "%s;K-%05d;Applicatie %d;Leverancier %02d B.V.;%08d;%02d-%02d-20%02d;%d;%s;%d;%d;€ %d.%03d,00;actief;nee;ja;%d;%s\n",
			org, i, i, i%benchVendors, 10_000_000+i%benchVendors, 1+i%28, 1+i%12, 18+i%8, 12*(1+i%5), renewal[i%3],
			1+i%6, 30, 1+i%90, i%1000, i%12, line)
	}
	return b.Bytes()
}

// BenchmarkImportContracts imports 10,000 rows into a fresh store, from
// reading the CSV to the commit: with the vendors new (the import adds
// them), with the vendors registered, and again over an unchanged
// register. Run it with
//
//	go test ./contracts -run '^$' -bench ImportContracts -benchtime 1x -count 3
func BenchmarkImportContracts(b *testing.B) {
	file := benchCSV(benchRows)
	ctx := context.Background()
	cases := []struct {
		name string
		prep func(b *testing.B, fx importFixture)
		want func(rep contracts.ContractImportReport) bool
	}{
		{"new vendors", func(*testing.B, importFixture) {},
			func(r contracts.ContractImportReport) bool {
				return len(r.Created) == benchRows && len(r.NewVendors) == benchVendors
			}},
		{"vendors registered", func(b *testing.B, fx importFixture) {
			for v := range benchVendors {
				if _, err := fx.svc.CreateVendor(ctx, contracts.Vendor{Name: fmt.Sprintf("Leverancier %02d B.V.", v), KVK: fmt.Sprintf("%08d", 10_000_000+v)}); err != nil {
					b.Fatal(err)
				}
			}
		}, func(r contracts.ContractImportReport) bool {
			return len(r.Created) == benchRows && len(r.NewVendors) == 0
		}},
		{"re-import unchanged", func(b *testing.B, fx importFixture) {
			if _, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), readTable(b, file), contracts.ContractImportOptions{}, false); err != nil {
				b.Fatal(err)
			}
		}, func(r contracts.ContractImportReport) bool { return r.Unchanged == benchRows }},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				fx := newImportFixture(b)
				tc.prep(b, fx)
				b.StartTimer()
				tab, err := sheet.Read(bytes.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				rep, err := fx.svc.ImportContracts(ctx, contracts.Everyone(), tab, contracts.ContractImportOptions{}, false)
				if err != nil {
					b.Fatalf("import = %v %s", err, strings.TrimSpace(fmt.Sprint(rep.Problems)))
				}
				if !tc.want(rep) {
					b.Fatalf("report: %d created, %d updated, %d unchanged, %d new vendors", len(rep.Created), len(rep.Updated), rep.Unchanged, len(rep.NewVendors))
				}
			}
			b.ReportMetric(float64(benchRows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
