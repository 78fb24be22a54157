package exports

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The contract list as a spreadsheet: every contract a filter selects
// (contracts.ContractFilter, as the list pages and the API filter), one
// row each, in XLSX or CSV. Both are written row by row while the
// contracts are read, so memory stays bounded however many rows there are
// (DESIGN §5): the XLSX through excelize's StreamWriter (which keeps the
// sheet in a temporary file beyond 16 MiB), the CSV straight to w.

// ContractRows yields the contracts of a list export in order: it calls fn
// once per contract and stops at fn's first error, as
// contracts.Service.EachContract does.
type ContractRows func(fn func(contracts.ContractSummary) error) error

// ContractListInfo describes a contract list export.
type ContractListInfo struct {
	// Created is when the export is made, from the caller (never the
	// clock at writing): the workbook's document properties.
	Created time.Time
	// Filter describes the selection in words, for the document
	// properties ("Alle contracten", "Contracten van Súdwest-Fryslân").
	Filter string
}

// contractsSheet is the sheet of the contract list workbook.
const contractsSheet = "Contracten"

// listColumn is one column of the contract list.
type listColumn struct {
	header string
	// field is the contract import's field the column carries
	// (contracts.ImportColumn.Field), under the import template's header;
	// "" for a column the import does not read.
	field string
	width float64
	kind  columnKind
	// value returns the cell's value: a string, contracts.Date,
	// contracts.Money, int or bool.
	value func(cs *contracts.ContractSummary) any
}

// importHeaders maps each field of the contract import to the template's
// header for it.
var importHeaders = func() map[string]string {
	m := map[string]string{}
	for _, c := range contracts.ContractColumns() {
		m[c.Field] = c.Header
	}
	return m
}()

// imported returns the column of import field, under the template's
// header: the list and the template cannot disagree on a name.
func imported(field string, width float64, kind columnKind, value func(cs *contracts.ContractSummary) any) listColumn {
	h, ok := importHeaders[field]
	if !ok {
		panic("exports: the contract import has no field " + field)
	}
	return listColumn{header: h, field: field, width: width, kind: kind, value: value}
}

// shown returns a column the import does not read: a name, a computed
// date or a count, beside the contract's own fields. Its header must be
// none the import accepts (contracts.ContractImportField).
func shown(header string, width float64, kind columnKind, value func(cs *contracts.ContractSummary) any) listColumn {
	return listColumn{header: header, width: width, kind: kind, value: value}
}

// listColumns are the columns of the contract list: every field of the
// contract import, under the template's headers and written as the
// template asks (choices in its words, yes/no as ja/nee, zero amounts and
// counts as 0), so that the list imports again as it is; and beside them
// the names, the dates computed for today and the licence line count,
// which the import ignores. Licence lines themselves are not in the list,
// one row per contract: a list imported again leaves a contract's stored
// lines as they are, and adds none to a new one.
var listColumns = []listColumn{
	imported("organization", 12, kindCode, func(cs *contracts.ContractSummary) any { return cs.Organization }),
	shown("Organisatienaam", 24, kindText, func(cs *contracts.ContractSummary) any { return cs.OrganizationName }),
	imported("number", 16, kindCode, func(cs *contracts.ContractSummary) any { return cs.Number }),
	imported("title", 32, kindText, func(cs *contracts.ContractSummary) any { return cs.Title }),
	imported("vendor", 26, kindText, func(cs *contracts.ContractSummary) any { return cs.VendorName }),
	imported("kvk", 11, kindCode, func(cs *contracts.ContractSummary) any { return cs.VendorKVK }),
	shown("Leveranciersgroep", 26, kindText, func(cs *contracts.ContractSummary) any { return cs.VendorGroupName }),
	imported("category", 20, kindText, func(cs *contracts.ContractSummary) any { return cs.CategoryName }),
	imported("cpv", 12, kindCode, func(cs *contracts.ContractSummary) any { return cs.CPV }),
	imported("start", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Start }),
	imported("initialTermMonths", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.InitialTermMonths }),
	imported("renewalKind", 13, kindText, func(cs *contracts.ContractSummary) any { return nl.RenewalKindWord(cs.RenewalKind) }),
	imported("renewalPeriodMonths", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.RenewalPeriodMonths }),
	imported("maxRenewals", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.MaxRenewals }),
	imported("maxEnd", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.MaxEnd }),
	imported("renewalsExercised", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.RenewalsExercised }),
	imported("noticeMonths", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.NoticeMonths }),
	imported("noticeDays", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.NoticeDays }),
	imported("noticeEndsAnyDay", 11, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.NoticeEndsAnyDay }),
	imported("leadDays", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.LeadDays }),
	shown("Einde eerste looptijd", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.InitialEnd }),
	shown("Huidige einddatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.CurrentEnd }),
	shown("Opzeggen uiterlijk", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.NoticeDeadline }),
	shown("Actiedatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.ActionDate }),
	shown("Optiebesluit uiterlijk", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.OptionDecision }),
	shown("Einde na alle verlengingen", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.MaxExtent }),
	imported("noticeGivenOn", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.NoticeGivenOn }),
	imported("annualValue", 14, kindMoney, func(cs *contracts.ContractSummary) any { return cs.AnnualValue }),
	imported("status", 11, kindText, func(cs *contracts.ContractSummary) any { return nl.ContractStatusWord(cs.Status) }),
	imported("exitPlan", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.ExitPlan }),
	imported("openData", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.OpenData }),
	imported("continuity", 11, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.Continuity }),
	imported("sourceRights", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.SourceRights }),
	imported("businessCritical", 11, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.BusinessCritical }),
	imported("interfaces", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.Exit.Interfaces }),
	shown("Licentieregels", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.LicenceLines }),
	imported("notes", 30, kindText, func(cs *contracts.ContractSummary) any { return cs.Notes }),
}

// ContractsXLSX writes the contracts rows yields as a workbook with the
// sheets Contracten, a frozen header row with an autofilter and one row
// per contract (dates as dates, the annual value as a number in
// `€ #.##0,00`, text always as text), and Totaal, the number of contracts
// and the total of their annual values as formulas over Contracten. The
// total stands on a sheet of its own so that Contracten is a table and
// nothing else: the contract import reads it again as it is, and a
// reader such as pandas or a BI tool takes no total for a contract. Rows
// are streamed: memory does not grow with their number.
func ContractsXLSX(w io.Writer, info ContractListInfo, rows ContractRows) error {
	wb, err := newWorkbook(contractsSheet, WorkbookInfo{Title: "Contractenlijst", Subject: info.Filter, Created: info.Created,
		Description: "Contracten uit het contractregister van Samenkoop."})
	if err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	defer wb.close()
	n, total, err := wb.streamContracts(rows)
	if err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	if err := wb.contractTotals(n, total); err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	if err := wb.writeTo(w); err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	return nil
}

// streamContracts writes the Contracten sheet; it returns how many
// contracts it wrote and the total of their annual values.
func (wb *workbook) streamContracts(rows ContractRows) (int, contracts.Money, error) {
	sw, err := wb.f.NewStreamWriter(contractsSheet)
	if err != nil {
		return 0, 0, err
	}
	// Only dates and amounts need a number format; codes are written as
	// strings already, and the small whole numbers read right in General.
	// A style on every cell costs a fifth of the export's time.
	styles := map[columnKind]int{kindDate: wb.st.date, kindMoney: wb.st.money}
	heads := make([]any, len(listColumns))
	colStyle := make([]int, len(listColumns))
	for i, c := range listColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return 0, 0, err
		}
		heads[i] = excelize.Cell{Value: c.header, StyleID: wb.st.header}
		colStyle[i] = styles[c.kind]
	}
	if err := sw.SetPanes(frozenPanes(1)); err != nil {
		return 0, 0, err
	}
	if err := sw.SetRow("A1", heads); err != nil {
		return 0, 0, err
	}
	// One row of cells, reused: SetRow takes pointers to them, so a row
	// costs no allocation beyond its values.
	n := 1
	var total contracts.Money
	row := make([]excelize.Cell, len(listColumns))
	cells := make([]any, len(listColumns))
	for i := range row {
		row[i].StyleID, cells[i] = colStyle[i], &row[i]
	}
	err = rows(func(cs contracts.ContractSummary) error {
		n++
		total += cs.AnnualValue
		for i, c := range listColumns {
			row[i].Value = xlsxValue(c.value(&cs))
		}
		return sw.SetRow(cell(1, n), cells)
	})
	if err != nil {
		return 0, 0, err
	}
	// The autofilter is set on the sheet before Flush writes it.
	if err := wb.filter(contractsSheet, 1, len(listColumns), n); err != nil {
		return 0, 0, err
	}
	return n - 1, total, sw.Flush()
}

// totalsSheet is the sheet with the contract list's totals.
const totalsSheet = "Totaal"

// contractTotals writes the Totaal sheet: the number of contracts and the
// total of their annual values, as formulas over the n contract rows of
// Contracten with their values cached.
func (wb *workbook) contractTotals(n int, total contracts.Money) error {
	if err := wb.sheet(totalsSheet); err != nil {
		return err
	}
	col := func(field string) string {
		for i, c := range listColumns {
			if c.field == field {
				return colName(i + 1)
			}
		}
		panic("exports: the contract list has no column " + field)
	}
	over := func(fn, field string) string {
		if n == 0 {
			return "0"
		}
		return fmt.Sprintf("%s(%s!%[3]s2:%[3]s%[4]d)", fn, contractsSheet, col(field), n+1)
	}
	if err := wb.widths(totalsSheet, 24, 18); err != nil {
		return err
	}
	rows := [][]xcell{
		{styled(wb.text("Contracten"), wb.st.bold), formula(over("COUNTA", "number"), float64(n), wb.st.whole)},
		{styled(wb.text("Jaarwaarde"), wb.st.bold), formula(over("SUM", "annualValue"), moneyValue(total), wb.st.boldMoney)},
		{},
		{xcell{value: "Het blad Contracten heeft geen totaalregel: zo leest de import van Samenkoop het weer in, en telt een ander programma geen totaal als contract.",
			style: wb.st.note}},
	}
	for i, r := range rows {
		if err := wb.row(totalsSheet, i+1, r...); err != nil {
			return err
		}
	}
	return nil
}

// xlsxValue converts a column value for a streamed cell: text cleaned
// and always a string (never a formula), money in euros, dates as
// Excel's serial day, nothing for the zero date.
func xlsxValue(v any) any {
	switch v := v.(type) {
	case string:
		return xlsxText(v)
	case contracts.Money:
		return moneyValue(v)
	case contracts.Date:
		if v.IsZero() {
			return nil
		}
		return excelSerial(v)
	case bool:
		return nl.YesNo(v)
	}
	return v
}

// ContractsCSV writes the contracts rows yields as CSV for a Dutch Excel:
// UTF-8 with a byte order mark (without it Excel reads the file as
// Windows-1252 and garbles Súdwest-Fryslân), fields separated by
// semicolons (the list separator of nl-NL), CRLF line ends, amounts with
// a decimal comma and no thousands separator (1234,56), dates as
// 22-11-2026, and text that a spreadsheet could take for a formula
// (starting with =, +, -, @) prefixed with an apostrophe (SafeText). The
// columns are those of ContractsXLSX. Rows are written as they come.
func ContractsCSV(w io.Writer, rows ContractRows) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString("\uFEFF"); err != nil {
		return fmt.Errorf("exports: contracts csv: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.Comma, cw.UseCRLF = ';', true
	record := make([]string, len(listColumns))
	for i, c := range listColumns {
		record[i] = c.header
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("exports: contracts csv: %w", err)
	}
	err := rows(func(cs contracts.ContractSummary) error {
		for i, c := range listColumns {
			record[i] = csvValue(c.value(&cs))
		}
		return cw.Write(record)
	})
	if err != nil {
		return fmt.Errorf("exports: contracts csv: %w", err)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("exports: contracts csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("exports: contracts csv: %w", err)
	}
	return nil
}

// csvValue formats a column value for CSV in nl-NL.
func csvValue(v any) string {
	switch v := v.(type) {
	case string:
		return SafeText(v)
	case contracts.Money:
		return nl.Decimal(v)
	case contracts.Date:
		return nl.Date(v)
	case bool:
		return nl.YesNo(v)
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}
