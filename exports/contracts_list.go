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
	width  float64
	kind   columnKind
	// value returns the cell's value: a string, contracts.Date,
	// contracts.Money, int or bool.
	value func(cs *contracts.ContractSummary) any
}

// listColumns are the columns of the contract list, with the import's
// Dutch names where the import has the field.
var listColumns = []listColumn{
	{"Organisatie", 12, kindCode, func(cs *contracts.ContractSummary) any { return cs.Organization }},
	{"Organisatienaam", 24, kindText, func(cs *contracts.ContractSummary) any { return cs.OrganizationName }},
	{"Contractnummer", 16, kindCode, func(cs *contracts.ContractSummary) any { return cs.Number }},
	{"Omschrijving", 32, kindText, func(cs *contracts.ContractSummary) any { return cs.Title }},
	{"Leverancier", 26, kindText, func(cs *contracts.ContractSummary) any { return cs.VendorName }},
	{"Leveranciersgroep", 26, kindText, func(cs *contracts.ContractSummary) any { return cs.VendorGroupName }},
	{"Categorie", 20, kindText, func(cs *contracts.ContractSummary) any { return cs.CategoryName }},
	{"CPV", 12, kindCode, func(cs *contracts.ContractSummary) any { return cs.CPV }},
	{"Ingangsdatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Start }},
	{"Looptijd (maanden)", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.InitialTermMonths }},
	{"Verlenging", 13, kindText, func(cs *contracts.ContractSummary) any { return nl.RenewalKindWord(cs.RenewalKind) }},
	{"Opzegtermijn (maanden)", 12, kindWhole, func(cs *contracts.ContractSummary) any { return cs.NoticeMonths }},
	{"Einde eerste looptijd", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.InitialEnd }},
	{"Huidige einddatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.CurrentEnd }},
	{"Opzeggen uiterlijk", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.NoticeDeadline }},
	{"Actiedatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.ActionDate }},
	{"Optiebesluit uiterlijk", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.OptionDecision }},
	{"Uiterste einddatum", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.Dates.MaxExtent }},
	{"Opgezegd op", 12, kindDate, func(cs *contracts.ContractSummary) any { return cs.NoticeGivenOn }},
	{"Jaarwaarde", 14, kindMoney, func(cs *contracts.ContractSummary) any { return cs.AnnualValue }},
	{"Status", 11, kindText, func(cs *contracts.ContractSummary) any { return nl.ContractStatusWord(cs.Status) }},
	{"Exitplan", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.ExitPlan }},
	{"Open data", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.OpenData }},
	{"Continuïteit/escrow", 11, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.Continuity }},
	{"Broncode", 9, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.SourceRights }},
	{"Bedrijfskritisch", 11, kindYesNo, func(cs *contracts.ContractSummary) any { return cs.Exit.BusinessCritical }},
	{"Koppelingen", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.Exit.Interfaces }},
	{"Licentieregels", 10, kindWhole, func(cs *contracts.ContractSummary) any { return cs.LicenceLines }},
}

// ContractsXLSX writes the contracts rows yields as a workbook with one
// sheet, Contracten: a frozen header row with an autofilter, one row per
// contract (dates as dates, the annual value as a number in `€ #.##0,00`,
// text always as text) and a total of the annual values as a SUM formula
// below. Rows are streamed: memory does not grow with their number.
func ContractsXLSX(w io.Writer, info ContractListInfo, rows ContractRows) error {
	wb, err := newWorkbook(contractsSheet, WorkbookInfo{Title: "Contractenlijst", Subject: info.Filter, Created: info.Created,
		Description: "Contracten uit het contractregister van Samenkoop."})
	if err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	defer wb.close()
	if err := wb.streamContracts(rows); err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	if err := wb.writeTo(w); err != nil {
		return fmt.Errorf("exports: contracts workbook: %w", err)
	}
	return nil
}

func (wb *workbook) streamContracts(rows ContractRows) error {
	sw, err := wb.f.NewStreamWriter(contractsSheet)
	if err != nil {
		return err
	}
	// Only dates and amounts need a number format; codes are written as
	// strings already, and the small whole numbers read right in General.
	// A style on every cell costs a fifth of the export's time.
	styles := map[columnKind]int{kindDate: wb.st.date, kindMoney: wb.st.money}
	heads := make([]any, len(listColumns))
	colStyle := make([]int, len(listColumns))
	moneyCol := 0
	for i, c := range listColumns {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
		heads[i] = excelize.Cell{Value: c.header, StyleID: wb.st.header}
		colStyle[i] = styles[c.kind]
		if c.kind == kindMoney {
			moneyCol = i + 1
		}
	}
	if err := sw.SetPanes(frozenPanes(1)); err != nil {
		return err
	}
	if err := sw.SetRow("A1", heads); err != nil {
		return err
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
		return err
	}
	// The total carries its value as the formula's cached value, as
	// formula says; the stream writer types it by that value.
	totals := make([]any, moneyCol)
	totals[0] = excelize.Cell{Value: "Totaal", StyleID: wb.st.bold}
	totals[moneyCol-1] = excelize.Cell{Formula: sumFormula(moneyCol, 2, n), Value: moneyValue(total), StyleID: wb.st.boldMoney}
	if err := sw.SetRow(cell(1, n+2), totals); err != nil {
		return err
	}
	// The autofilter is set on the sheet before Flush writes it, and
	// covers the contracts, not the total below them.
	if err := wb.filter(contractsSheet, 1, len(listColumns), n); err != nil {
		return err
	}
	return sw.Flush()
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
