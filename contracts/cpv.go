package contracts

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// CPV is one code of the Common Procurement Vocabulary (Regulation (EC)
// No 213/2008), e.g. 64210000-1 "Telefoon- en datatransmissiediensten".
type CPV struct {
	Code    string // 8 digits, a dash and the check digit
	Label   string // Dutch label
	LabelEN string // English label, when the official list was imported
	// Parent is the code of the next broader CPV code, or "".
	Parent string
}

var cpvSyntax = regexp.MustCompile(`^[0-9]{8}-[0-9]$`)

// ValidCPVSyntax reports whether code has the form of a CPV code. The check
// digit follows no published formula, so only a lookup in the official list
// proves a code exists (DESIGN §3).
func ValidCPVSyntax(code string) bool { return cpvSyntax.MatchString(code) }

// Division returns the first two digits of a CPV code, the broadest level
// of the vocabulary (64 = post and telecommunications).
func (c CPV) Division() string { return c.Code[:2] }

// Category is a procurement category: a name the buyers use ("Mobiele
// telefonie") with the CPV codes it covers.
type Category struct {
	ID   int64
	Name string
	CPV  []string
}

// Validate returns every problem with c as apperr.FieldErrors, or nil.
func (c Category) Validate() error {
	var fe apperr.FieldErrors
	if strings.TrimSpace(c.Name) == "" {
		fe.Add("name", apperr.Required)
	}
	CheckText(&fe, "name", c.Name, false)
	if len(c.CPV) == 0 {
		fe.Add("cpv", apperr.CPVListEmpty)
	}
	for i, code := range c.CPV {
		if !ValidCPVSyntax(code) {
			fe.Add(fmt.Sprintf("cpv[%d]", i), apperr.CPVFormat)
		}
	}
	return fe.Err()
}

// EmbeddedCPV returns the hand-written list of CPV codes that municipal ICT
// and telecom buying uses, with Dutch labels. The binary ships it so a new
// database can classify categories before the official list is imported.
func EmbeddedCPV() []CPV {
	rows := mustReadCSV("reference/cpv_ict.csv")
	out := make([]CPV, len(rows))
	for i, r := range rows {
		out[i] = CPV{Code: r[0], Label: r[1]}
	}
	return out
}

// ParseCPVTable turns the rows of the official CPV list (columns code, nl and
// optionally en and parent, in any order and case) into CPV values. It
// reports every bad row; the caller imports nothing when there is one.
func ParseCPVTable(t Table) ([]CPV, []RowProblem, error) {
	header := t.Header
	cols, err := mapColumns(header, cpvColumns, []string{"code", "label"})
	if err != nil {
		return nil, nil, err
	}
	var out []CPV
	var problems []RowProblem
	seen := map[string]int{}
	for i, r := range t.Rows {
		rowNo := t.Line(i)
		c := CPV{
			Code:    cell(r, cols, "code"),
			Label:   cell(r, cols, "label"),
			LabelEN: cell(r, cols, "labelEN"),
			Parent:  cell(r, cols, "parent"),
		}
		n := len(problems)
		bad := func(field string, code apperr.Code, args ...any) {
			problems = append(problems, rowProblem(rowNo, header[cols[field]], field, code, args...))
		}
		if !ValidCPVSyntax(c.Code) {
			bad("code", apperr.CPVFormat)
		} else if prev, dup := seen[c.Code]; dup {
			bad("code", apperr.DuplicateRow, c.Code, prev)
		}
		if c.Label == "" {
			bad("label", apperr.Required)
		}
		for _, l := range []struct{ col, s string }{{"label", c.Label}, {"labelEN", c.LabelEN}} {
			if r, at, found := ControlChar(l.s, false); found {
				bad(l.col, apperr.ControlChar, r, at)
			}
		}
		if c.Parent != "" && !ValidCPVSyntax(c.Parent) {
			bad("parent", apperr.CPVFormat)
		}
		seen[c.Code] = rowNo
		if len(problems) == n {
			out = append(out, c)
		}
	}
	return out, problems, nil
}

var cpvColumns = map[string][]string{
	"code":    {"code", "cpv", "cpvcode"},
	"label":   {"nl", "label", "omschrijving", "description_nl", "labelnl"},
	"labelEN": {"en", "description", "description_en", "labelen"},
	"parent":  {"parent", "ouder"},
}
