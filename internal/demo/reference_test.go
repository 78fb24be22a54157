package demo

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"testing"
)

// cbsMunicipalities is the CBS municipal list kept beside the repository;
// it is never copied into it.
const cbsMunicipalities = "../../../shared/reference/gemeenten.csv"

// TestSmallMunicipalitiesMatchCBS checks the hand-written small set against
// the CBS list: code, official name and province exactly, population
// within 10%.
func TestSmallMunicipalitiesMatchCBS(t *testing.T) {
	t.Parallel()
	f, err := os.Open(cbsMunicipalities)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("CBS municipal list %s not found; skipping the check of the small demo set against it", cbsMunicipalities)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("read %s: %v", cbsMunicipalities, err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"code", "name", "province_code", "population"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s has no column %q", cbsMunicipalities, h)
		}
	}
	cbs := map[string][]string{}
	for _, r := range rows[1:] {
		cbs[r[col["code"]]] = r
	}
	for _, m := range smallMunicipalities {
		t.Run(m.code, func(t *testing.T) {
			r, ok := cbs[m.code]
			if !ok {
				t.Fatalf("%s %q is not in the CBS list", m.code, m.name)
			}
			if got := r[col["name"]]; m.name != got {
				t.Errorf("name of %s = %q, CBS says %q", m.code, m.name, got)
			}
			if got := r[col["province_code"]]; m.province != got {
				t.Errorf("province of %s = %s, CBS says %s", m.code, m.province, got)
			}
			pop, err := strconv.Atoi(r[col["population"]])
			if err != nil {
				t.Fatalf("population of %s in CBS list: %v", m.code, err)
			}
			if diff := float64(m.population-pop) / float64(pop); diff < -0.1 || diff > 0.1 {
				t.Errorf("population of %s %q = %d, CBS says %d (%+.1f%%, want within 10%%)", m.code, m.name, m.population, pop, 100*diff)
			}
		})
	}
}
