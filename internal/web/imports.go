package web

import (
	"context"
	"io"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/procurement"
)

// The spreadsheet imports of the API and the UI share one gate and the
// checks below.

// ContractTemplateName is the file name the template downloads as.
const ContractTemplateName = "samenkoop-contracten-sjabloon.xlsx"

// ImportRetryAfter is how long, in seconds, an import refused for want of
// a slot is told to wait: about what one large import takes.
const ImportRetryAfter = "30"

// Imports lets at most a few spreadsheet imports run at once, API and
// UI together: reading and checking a large file costs memory and CPU,
// and the other organizations on the server must not pay for a queue of
// them. An import finding every slot taken is refused (503 with
// Retry-After), never queued. A nil gate admits every import within
// sheet.DefaultLimits.
type Imports struct {
	slots  *slots
	limits sheet.Limits
}

// newImports admits n imports at once (2 when n is not positive), each
// read within limits.
func newImports(limits sheet.Limits, n int) *Imports {
	return &Imports{slots: newSlots(n, 0), limits: limits}
}

// Enter takes a slot, or reports false when every slot is taken. Whoever
// entered calls Leave.
func (g *Imports) Enter() bool {
	return g == nil || g.slots.acquire(context.Background())
}

// Leave gives back the slot Enter took.
func (g *Imports) Leave() {
	if g != nil {
		g.slots.release()
	}
}

// Read reads a table from f within the gate's limits, handing the header
// to check before the body is read.
func (g *Imports) Read(f io.Reader, check func(header []string) error) (contracts.Table, error) {
	t, _, err := g.ReadFormat(f, check)
	return t, err
}

// ReadFormat is Read that also says how the file was read (CSV in which
// encoding and with which separator, or XLSX), for the import report.
func (g *Imports) ReadFormat(f io.Reader, check func(header []string) error) (contracts.Table, sheet.Format, error) {
	lim := sheet.DefaultLimits
	if g != nil {
		lim = g.limits
	}
	return sheet.ReadChecked(f, lim, check)
}

// ContractHeader refuses a header that lacks a required column of the
// contract import, so that such a file is refused before its rows are read.
func ContractHeader(opts contracts.ContractImportOptions) func([]string) error {
	return func(header []string) error {
		_, _, err := contracts.ParseContractTable(contracts.Table{Header: header}, opts)
		return err
	}
}

// MandateHeader refuses a header that lacks a required column of the
// mandate import, before the rows are read.
func MandateHeader(header []string) error {
	_, err := contracts.MapImportColumns(header, procurement.MandateColumns())
	return err
}

// ProblemRows counts the rows with a problem.
func ProblemRows(problems []contracts.RowProblem) int {
	rows := map[int]bool{}
	for _, p := range problems {
		rows[p.Row] = true
	}
	return len(rows)
}
