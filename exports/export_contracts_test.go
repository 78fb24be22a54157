package exports

import "github.com/samenkoop/samenkoop/contracts"

// ContractCells returns the cell values ContractsXLSX writes for cs, for
// the benchmark that compares the export with a bare StreamWriter.
func ContractCells(cs contracts.ContractSummary) []any {
	out := make([]any, len(listColumns))
	for i, c := range listColumns {
		out[i] = xlsxValue(c.value(&cs))
	}
	return out
}

// DependencyPDFDoc builds the dependency report's PDF without writing it,
// so that tests can read its text log.
var DependencyPDFDoc = dependencyPDF
