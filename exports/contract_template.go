package exports

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/nl"
)

// The sheets of the contract template. The import reads the first sheet,
// so Contracten comes first.
const (
	templateSheet = "Contracten"
	guideSheet    = "Toelichting"
)

// templateRows is how far down the data validation lists reach: far more
// rows than any register holds, without marking a million rows as used.
const templateRows = 20_000

// templateProps are the document properties; fixed, so that the workbook
// is the same on every download.
var templateProps = excelize.DocProperties{
	Title:          "Sjabloon contractregister Samenkoop",
	Subject:        "Contracten importeren",
	Creator:        "Samenkoop",
	LastModifiedBy: "Samenkoop",
	Description:    "Vul per regel één contract in; zie het blad Toelichting.",
	Language:       "nl-NL",
	Created:        "2025-01-01T00:00:00Z",
	Modified:       "2025-01-01T00:00:00Z",
}

// columnKind says how a column is formatted and validated.
type columnKind int

const (
	kindText columnKind = iota
	kindCode            // text that looks like a number: kept as text
	kindDate
	kindMoney
	kindWhole
	kindChoice
	kindYesNo
)

// columnGuide documents one column of the import for the Toelichting
// sheet, in Dutch.
type columnGuide struct {
	kind     columnKind
	meaning  string
	format   string
	example  any // the example row's value; nil leaves the cell empty
	choices  []string
	min, max int // for kindWhole
	width    float64
	// required overrides "ja"/"nee" for columns with a condition.
	required string
}

// Choices in the template's lists (internal/nl's import words); the
// import accepts these and the English API values.
var (
	renewalChoices = nl.RenewalKindWords()
	statusChoices  = nl.ContractStatusWords()
	metricChoices  = nl.MetricWords()
	periodChoices  = nl.PricePeriodWords()
	yesNo          = []string{nl.YesNo(true), nl.YesNo(false)}
)

// exampleStart is the example contract's start: 1 February 2024.
var exampleStart = contracts.NewDate(2024, 2, 1)

// columnGuides holds the documentation per import field
// (contracts.ImportColumn.Field).
var columnGuides = map[string]columnGuide{
	"organization": {kind: kindCode, width: 14, example: "GM0363",
		required: "ja, tenzij u bij het importeren een organisatie kiest",
		meaning:  "De organisatie die het contract heeft gesloten (de inkoper).",
		format:   "CBS-code zoals GM0363 (gemeente) of PV27 (provincie), of de eigen code van de organisatie; 363 wordt GM0363."},
	"number": {kind: kindCode, width: 16, example: "2024-017",
		meaning: "Het contractnummer, uniek binnen de organisatie. Een bestaand nummer werkt het contract bij; meerdere regels met hetzelfde nummer voegen licentieregels toe.",
		format:  "1–64 letters, cijfers, spaties of . _ / -"},
	"title": {kind: kindText, width: 30, example: "Zaaksysteem",
		meaning: "Waar het contract over gaat.", format: "Tekst, hoogstens 300 tekens."},
	"vendor": {kind: kindText, width: 26, example: "Voorbeeld Software B.V.",
		required: "ja (of het KvK-nummer)",
		meaning:  "De leverancier. Een bekende leverancier wordt op naam gevonden (hoofdletters tellen niet).",
		format:   "Tekst. Een nieuwe leverancier wordt alleen aangemaakt als ook het KvK-nummer is ingevuld."},
	"kvk": {kind: kindCode, width: 13, example: "12345678",
		meaning: "Het KvK-nummer van de leverancier; gaat voor de naam.",
		format:  "8 cijfers. Houd de kolom als tekst opgemaakt, anders valt een voorloopnul weg."},
	"category": {kind: kindText, width: 20,
		meaning: "De inkoopcategorie, zoals die in Samenkoop bestaat.", format: "De naam van de categorie; leeg voor geen."},
	"cpv": {kind: kindCode, width: 13, example: "48000000-8",
		meaning: "De belangrijkste CPV-code van het contract.", format: "8 cijfers, streepje, controlecijfer: 48000000-8."},
	"start": {kind: kindDate, width: 13, example: exampleStart,
		meaning: "De eerste dag van het contract.", format: "Datum: 01-02-2024, 2024-02-01 of een datumcel."},
	"initialTermMonths": {kind: kindWhole, width: 11, example: 36, min: 1, max: 600,
		meaning: "De eerste looptijd, vanaf de ingangsdatum; het contract eindigt de dag vóór dezelfde dag zoveel maanden later, of op de laatste dag van die maand als die dag er niet is (31-03 + 1 maand eindigt 30-04).",
		format:  "Hele maanden, 1–600."},
	"renewalKind": {kind: kindChoice, width: 14, example: "stilzwijgend", choices: renewalChoices,
		meaning: "Hoe het contract verlengt: geen (eindigt na de looptijd), stilzwijgend (verlengt vanzelf tenzij op tijd opgezegd), optie (alleen als de optie wordt gelicht) of onbepaalde tijd (daarna voor onbepaalde tijd, tot opzegging; zonder verlengingsperiode).",
		format:  "geen, stilzwijgend, optie of onbepaalde tijd."},
	"renewalPeriodMonths": {kind: kindWhole, width: 13, example: 12, min: 0, max: 120,
		meaning: "De duur van elke verlenging.", format: "Hele maanden, 1–120; leeg bij geen verlenging."},
	"maxRenewals": {kind: kindWhole, width: 13, example: 2, min: 0, max: 99,
		meaning: "Hoe vaak het contract hoogstens verlengt.", format: "Heel getal; leeg of 0 voor geen maximum. Bij optie verplicht, tenzij er een uiterste einddatum is."},
	"maxEnd": {kind: kindDate, width: 13,
		meaning: "De datum waarna het contract niet meer verlengt.", format: "Datum; leeg voor geen."},
	"renewalsExercised": {kind: kindWhole, width: 10, min: 0, max: 99,
		meaning: "Hoeveel verlengingsopties al zijn gelicht (alleen bij optie).", format: "Heel getal; leeg voor 0."},
	"noticeMonths": {kind: kindWhole, width: 12, example: 3, min: 0, max: 120,
		meaning: "De opzegtermijn: hoe lang voor het einde moet worden opgezegd (bij optie: de optie gelicht). Bij onbepaalde tijd eindigt het contract aan het eind van een maand.",
		format:  "Hele maanden; niet langer dan de looptijd of de verlengingsperiode (bij onbepaalde tijd mag het langer). Leeg als de termijn in dagen is."},
	"noticeDays": {kind: kindWhole, width: 12, min: 0, max: 3660,
		meaning: "De opzegtermijn in dagen, als het contract die zo noemt (\"90 dagen\").",
		format:  "Dagen; leeg als de termijn in maanden is. Vul maanden of dagen in, niet allebei."},
	"noticeEndsAnyDay": {kind: kindYesNo, width: 12, example: "nee",
		meaning: "Alleen bij onbepaalde tijd met een opzegtermijn in maanden: ja als opzegging het contract op elke dag kan laten eindigen, nee als het eindigt aan het eind van een maand (zoals gebruikelijk). Een termijn in dagen eindigt altijd op elke dag.",
		format:  "ja of nee; leeg is nee."},
	"leadDays": {kind: kindWhole, width: 12, example: 30, min: 0, max: 365,
		meaning: "De eigen doorlooptijd vóór de opzegdatum (besluitvorming kost tijd); Samenkoop waarschuwt zoveel dagen eerder.",
		format:  "Dagen, 0–365."},
	"noticeGivenOn": {kind: kindDate, width: 13,
		meaning: "De datum waarop is opgezegd; leeg als niet opgezegd.", format: "Datum."},
	"annualValue": {kind: kindMoney, width: 14, example: 48000,
		meaning: "De waarde per jaar, exclusief btw.",
		format:  "Euro: €\u00a048.000,00, 48000,00 of 48000.00; hoogstens twee decimalen. 1.234 is duizend tweehonderdvierendertig euro."},
	"status": {kind: kindChoice, width: 11, example: "actief", choices: statusChoices,
		meaning: "concept (nog niet van kracht), actief of beëindigd (voortijdig geëindigd). Of een contract is afgelopen volgt uit de data.",
		format:  "concept, actief of beëindigd; leeg is actief."},
	"exitPlan": {kind: kindYesNo, width: 9, example: "nee",
		meaning: "Er is een exitplan afgesproken (GIBIT art. 26).", format: "ja of nee; leeg is nee."},
	"openData": {kind: kindYesNo, width: 10, example: "ja",
		meaning: "Gegevens zijn toegankelijk en exporteerbaar in een open standaard (GIBIT art. 21 en 8).", format: "ja of nee; leeg is nee."},
	"continuity": {kind: kindYesNo, width: 12, example: "ja",
		meaning: "Er is een continuïteits- of escrowregeling (GIBIT art. 36).", format: "ja of nee; leeg is nee."},
	"sourceRights": {kind: kindYesNo, width: 9, example: "nee",
		meaning: "De organisatie heeft rechten op de broncode van maatwerk (GIBIT art. 20.4).", format: "ja of nee; leeg is nee."},
	"businessCritical": {kind: kindYesNo, width: 13, example: "ja",
		meaning: "Het systeem is bedrijfskritisch.", format: "ja of nee; leeg is nee."},
	"interfaces": {kind: kindWhole, width: 11, example: 4, min: 0, max: 9999,
		meaning: "Het aantal koppelingen met andere systemen.", format: "Heel getal; leeg is 0."},
	"notes": {kind: kindText, width: 30,
		meaning: "Vrije toelichting.", format: "Tekst, hoogstens 4000 tekens."},
	"product": {kind: kindText, width: 26, example: "Zaaksysteem gebruikerslicentie",
		required: "voor een licentieregel",
		meaning:  "Het gelicentieerde product. Eén licentieregel per rij; meer licenties: herhaal organisatie en contractnummer op een volgende rij.",
		format:   "Tekst; leeg als de rij geen licentieregel heeft."},
	"metric": {kind: kindChoice, width: 20, example: "benoemde gebruiker", choices: metricChoices,
		required: "voor een licentieregel",
		meaning:  "Wat de licentie telt.", format: "benoemde gebruiker, gelijktijdige gebruiker, apparaat, per inwoner of organisatiebreed."},
	"quantity": {kind: kindText, width: 10, example: 250,
		required: "voor een licentieregel",
		meaning:  "Het aantal gelicentieerde eenheden.", format: "Heel getal, of onbeperkt."},
	"seatsInUse": {kind: kindText, width: 10, example: 231,
		meaning: "Hoeveel in gebruik zijn; meer dan het aantal wordt gemeld als overschrijding.", format: "Heel getal; leeg of onbekend als niet bekend."},
	"unitPrice": {kind: kindMoney, width: 14, example: 16,
		required: "voor een licentieregel",
		meaning:  "De prijs per eenheid per prijsperiode, exclusief btw.", format: "Euro, zoals de jaarwaarde; 0 als de licentie niets kost."},
	"pricePeriod": {kind: kindChoice, width: 12, example: "maand", choices: periodChoices,
		required: "voor een licentieregel",
		meaning:  "Waarvoor de prijs per eenheid geldt.", format: "maand, jaar of eenmalig."},
}

// guideIntro opens the Toelichting sheet.
var guideIntro = []string{
	"Sjabloon voor het importeren van het contractregister in Samenkoop",
	"Vul op het blad Contracten één contract per rij in. De eerste rij is een voorbeeld: vervang of verwijder die.",
	"Meerdere licentieregels bij één contract: herhaal organisatie en contractnummer op een volgende rij en vul de licentiekolommen; de contractkolommen mogen daar leeg blijven of moeten hetzelfde zeggen.",
	"De import is alles of niets: bij één foute rij wordt niets opgeslagen en krijgt u elke foute rij met kolom en reden. Nog een keer importeren verandert niets.",
	"Kolomnamen mogen ook in het Engels, en hoofdletters en accenten tellen niet. Formules worden niet uitgerekend: vul waarden in.",
}

// TemplateOptions says for whom the contract template is: what its guide
// may promise.
type TemplateOptions struct {
	// NewVendors: the import adds a vendor that is not yet registered
	// (administrators and coordinators). Without it, as for members, a
	// row naming an unknown vendor is refused, and the guide says whom to
	// ask.
	NewVendors bool
}

// memberVendorFormat is the vendor column's format for those who may not
// add vendors: the import refuses an unknown one.
const memberVendorFormat = "Tekst. De leverancier moet al in Samenkoop staan: een onbekende leverancier wordt geweigerd. " +
	"Leveranciers zijn gedeeld door alle organisaties; vraag een coördinator van de samenwerking (of een beheerder) om een nieuwe leverancier toe te voegen, " +
	"met naam en KvK-nummer, en importeer daarna opnieuw."

// ContractTemplate writes the workbook in which municipalities fill in
// their contract register for `import contracts`: a Contracten sheet with
// the Dutch column names, one example row, lists for the choices and the
// formats of dates and amounts, and a Toelichting sheet that documents
// every column as it holds for o. The workbook is the same on every call
// with the same o.
func ContractTemplate(w io.Writer, o TemplateOptions) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := buildContractTemplate(f, o); err != nil {
		return fmt.Errorf("exports: contract template: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("exports: contract template: %w", err)
	}
	return nil
}

func buildContractTemplate(f *excelize.File, o TemplateOptions) error {
	if err := f.SetSheetName(f.GetSheetName(0), templateSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(guideSheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&templateProps); err != nil {
		return err
	}
	st, err := newTemplateStyles(f)
	if err != nil {
		return err
	}
	cols := contracts.ContractColumns()
	for i, c := range cols {
		g, ok := columnGuides[c.Field]
		if !ok {
			return fmt.Errorf("no guide for column %s", c.Field)
		}
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := templateColumn(f, st, col, c, g); err != nil {
			return fmt.Errorf("column %s: %w", c.Header, err)
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := f.SetPanes(templateSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	if err := f.AutoFilter(templateSheet, "A1:"+last+"1", nil); err != nil {
		return err
	}
	return guide(f, st, cols, o)
}

// templateStyles are the style ids of the workbook.
type templateStyles struct {
	header, text, date, money, whole, title, guideHeader, wrap int
}

func newTemplateStyles(f *excelize.File) (templateStyles, error) {
	var (
		st   templateStyles
		errs []error
	)
	style := func(s *excelize.Style) int {
		id, err := f.NewStyle(s)
		errs = append(errs, err)
		return id
	}
	dateFormat, moneyFormat := "dd-mm-yyyy", `"€ "#,##0.00`
	st.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F0"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Border:    []excelize.Border{{Type: "bottom", Color: "4F6D8F", Style: 1}},
	})
	st.text = style(&excelize.Style{NumFmt: 49}) // @: text, keeps leading zeros
	st.date = style(&excelize.Style{CustomNumFmt: &dateFormat})
	st.money = style(&excelize.Style{CustomNumFmt: &moneyFormat})
	st.whole = style(&excelize.Style{NumFmt: 1}) // 0
	st.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.guideHeader = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F0"}},
		Alignment: &excelize.Alignment{Vertical: "top"}})
	st.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for _, err := range errs {
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// templateColumn writes one column of the Contracten sheet: header,
// example, width, format and validation.
func templateColumn(f *excelize.File, st templateStyles, col string, c contracts.ImportColumn, g columnGuide) error {
	header, example := col+"1", col+"2"
	if err := f.SetCellStr(templateSheet, header, c.Header); err != nil {
		return err
	}
	if err := f.SetColWidth(templateSheet, col, col, g.width); err != nil {
		return err
	}
	switch v := g.example.(type) {
	case nil:
	case contracts.Date:
		if err := f.SetCellInt(templateSheet, example, int64(excelSerial(v))); err != nil {
			return err
		}
	case int:
		if err := f.SetCellInt(templateSheet, example, int64(v)); err != nil {
			return err
		}
	case string:
		if err := f.SetCellStr(templateSheet, example, v); err != nil {
			return err
		}
	default:
		return fmt.Errorf("example of type %T", v)
	}
	colStyle := map[columnKind]int{kindCode: st.text, kindDate: st.date, kindMoney: st.money, kindWhole: st.whole}
	if id, ok := colStyle[g.kind]; ok {
		if err := f.SetColStyle(templateSheet, col, id); err != nil {
			return err
		}
		if err := f.SetCellStyle(templateSheet, example, example, id); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(templateSheet, header, header, st.header); err != nil {
		return err
	}
	dv := validation(g, col)
	if dv == nil {
		return nil
	}
	dv.SetSqref(fmt.Sprintf("%s2:%s%d", col, col, templateRows+1))
	return f.AddDataValidation(templateSheet, dv)
}

// validation returns the data validation of a column, or nil.
func validation(g columnGuide, col string) *excelize.DataValidation {
	dv := excelize.NewDataValidation(true)
	switch g.kind {
	case kindChoice, kindYesNo:
		choices := g.choices
		if g.kind == kindYesNo {
			choices = yesNo
		}
		if err := dv.SetDropList(choices); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Kies uit de lijst", "Kies één van: "+strings.Join(choices, ", ")+".")
	case kindWhole:
		if err := dv.SetRange(g.min, g.max, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween); err != nil {
			return nil
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "Heel getal", fmt.Sprintf("Vul een heel getal van %d tot en met %d in.", g.min, g.max))
	case kindMoney:
		// Cents are the smallest unit: a third decimal would be lost, or
		// read as thousands (1,125 typed as 1.125).
		dv.Type = "custom"
		// The formula goes into the XML as is, so it is escaped as Excel does.
		dv.Formula1 = fmt.Sprintf("AND(ISNUMBER(%[1]s2),%[1]s2&gt;=0,ROUND(%[1]s2,2)=%[1]s2)", col)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Bedrag in euro", "Vul een bedrag van 0 of meer in, met hoogstens twee decimalen.")
	default:
		return nil
	}
	return dv
}

// excelSerial returns the serial day number Excel stores for d (day 0 is
// 30 December 1899, for the leap day 1900 Excel counts but never was).
func excelSerial(d contracts.Date) int {
	return contracts.NewDate(1899, 12, 30).DaysUntil(d)
}

// guide writes the Toelichting sheet: the introduction, then one row per
// column with its meaning, format, example, whether it is required and
// the other names the import accepts.
func guide(f *excelize.File, st templateStyles, cols []contracts.ImportColumn, o TemplateOptions) error {
	set := func(cell string, v any) error { return f.SetCellValue(guideSheet, cell, v) }
	for i, line := range guideIntro {
		if err := set(fmt.Sprintf("A%d", i+1), line); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(guideSheet, "A1", "A1", st.title); err != nil {
		return err
	}
	top := len(guideIntro) + 2
	heads := []string{"Kolom", "Verplicht", "Betekenis", "Formaat", "Voorbeeld", "Ook herkend als"}
	widths := []float64{28, 22, 60, 50, 24, 50}
	for i, h := range heads {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := set(fmt.Sprintf("%s%d", col, top), h); err != nil {
			return err
		}
		if err := f.SetColWidth(guideSheet, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(guideSheet, fmt.Sprintf("A%d", top), fmt.Sprintf("F%d", top), st.guideHeader); err != nil {
		return err
	}
	for i, c := range cols {
		g := columnGuides[c.Field]
		row := top + 1 + i
		required := "nee"
		switch {
		case g.required != "":
			required = g.required
		case c.Required:
			required = "ja"
		}
		format := g.format
		if c.Field == "vendor" && !o.NewVendors {
			format = memberVendorFormat
		}
		values := []any{c.Header, required, g.meaning, format, exampleText(g), strings.Join(c.Aliases, ", ")}
		for j, v := range values {
			col, _ := excelize.ColumnNumberToName(j + 1)
			if err := set(fmt.Sprintf("%s%d", col, row), v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(guideSheet, fmt.Sprintf("A%d", row), fmt.Sprintf("F%d", row), st.wrap); err != nil {
			return err
		}
	}
	return f.SetPanes(guideSheet, &excelize.Panes{Freeze: true, YSplit: top, TopLeftCell: fmt.Sprintf("A%d", top+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: fmt.Sprintf("A%d", top+1), ActiveCell: fmt.Sprintf("A%d", top+1), Pane: "bottomLeft"}}})
}

// exampleText shows a column's example as a user would type it.
func exampleText(g columnGuide) string {
	switch v := g.example.(type) {
	case nil:
		return ""
	case contracts.Date:
		return nl.Date(v)
	case int:
		if g.kind == kindMoney {
			return nl.Money(contracts.Money(v) * 100)
		}
		return fmt.Sprint(v)
	}
	return fmt.Sprint(g.example)
}
