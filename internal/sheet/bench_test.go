package sheet

import (
	"bytes"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/internal/benchtest"
)

var (
	normalOnce  sync.Once
	normalBytes []byte
)

// normal is a realistic import: a contract register of 10,000 rows.
func normal(b *testing.B) []byte {
	normalOnce.Do(func() { normalBytes = register(b, 10_000) })
	return normalBytes
}

// BenchmarkReadBomb is the cost of refusing the 200 MB bomb.
func BenchmarkReadBomb(b *testing.B) {
	in := bomb(b)
	benchtest.HeapPeak(b, func() {
		for b.Loop() {
			if _, err := Read(bytes.NewReader(in)); err == nil {
				b.Fatal("Read(bomb) = nil error")
			}
		}
	})
}

// BenchmarkReadNormal reads the 10,000-row register within the limits.
func BenchmarkReadNormal(b *testing.B) {
	in := normal(b)
	benchtest.HeapPeak(b, func() {
		for b.Loop() {
			tab, err := Read(bytes.NewReader(in))
			if err != nil || len(tab.Rows) != 10_000 {
				b.Fatalf("Read = %d rows, %v", len(tab.Rows), err)
			}
		}
	})
}

// BenchmarkReadNormalExcelize reads the same file with excelize alone,
// as Read did before the limits: the overhead of the checks is the ratio
// of BenchmarkReadNormal to this.
func BenchmarkReadNormalExcelize(b *testing.B) {
	in := normal(b)
	benchtest.HeapPeak(b, func() {
		for b.Loop() {
			f, err := excelize.OpenReader(bytes.NewReader(in), excelize.Options{UnzipSizeLimit: 256 << 20, UnzipXMLSizeLimit: 256 << 20})
			if err != nil {
				b.Fatal(err)
			}
			it, err := f.Rows(f.GetSheetList()[0])
			if err != nil {
				b.Fatal(err)
			}
			var rows [][]string
			for it.Next() {
				cells, err := it.Columns(excelize.Options{RawCellValue: true})
				if err != nil {
					b.Fatal(err)
				}
				rows = append(rows, cells)
			}
			_ = it.Close()
			_ = f.Close()
			if len(rows) != 10_001 {
				b.Fatalf("%d rows", len(rows))
			}
		}
	})
}
