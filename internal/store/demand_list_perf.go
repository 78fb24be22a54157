package store

import "github.com/samenkoop/samenkoop/procurement"

// DemandListSQL is the SQL of one page of the demand list, as Demands
// runs it, for the benchmarks that compare the list with its bare
// statements (see VendorListSQL).
type DemandListSQL struct {
	Count     string
	CountArgs []any
	Keys      string
	KeysArgs  []any
	Rows      string
}

// DemandListStatements returns the SQL of f's page: the counter total,
// the page's keys and the page's rows (one argument: a JSON array of the
// ids the keys chose).
func DemandListStatements(f procurement.DemandFilter) (DemandListSQL, error) {
	var out DemandListSQL
	out.Count, out.CountArgs = demandCountSQL(f)
	var err error
	out.Keys, out.KeysArgs, err = demandList(f).KeysetSQL(f.Seek, f.Offset(), f.PageSize)
	out.Rows = demandRowsSQL
	return out, err
}
