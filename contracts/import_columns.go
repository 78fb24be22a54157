package contracts

// The columns of the contract import, as the template writes them and as
// other registers name them.

// ImportColumn is one column the contract import knows. The template
// workbook (exports.ContractTemplate) writes Header; the import accepts
// Header and every alias, compared by letters and digits only, without
// case and accents: "Continuïteit/escrow", "continuiteit escrow" and
// "CONTINUITEIT-ESCROW" are one column.
type ImportColumn struct {
	// Field is the API's name of the field ("noticeMonths"); a problem with
	// the field is reported under the header the file used.
	Field string
	// Header is the Dutch column name of the template.
	Header string
	// Aliases are the other accepted names, Dutch and English.
	Aliases []string
	// Required columns must be present (Organisatie unless the import names
	// the organization; Leverancier or KvK-nummer, one of the two).
	Required bool
	// Line marks the columns of the row's licence line.
	Line bool
}

// contractColumns lists the columns in the template's order.
var contractColumns = []ImportColumn{
	{Field: "organization", Header: "Organisatie", Required: true,
		Aliases: []string{"organisatiecode", "organization", "organisation", "organizationCode", "gemeentecode", "code organisatie"}},
	{Field: "number", Header: "Contractnummer", Required: true,
		Aliases: []string{"number", "contract number", "contractNumber", "nummer", "contractnr", "kenmerk"}},
	{Field: "title", Header: "Omschrijving", Required: true,
		Aliases: []string{"titel", "title", "contractnaam", "naam contract", "onderwerp", "description"}},
	{Field: "vendor", Header: "Leverancier", Required: true,
		Aliases: []string{"vendor", "leveranciersnaam", "naam leverancier", "supplier", "vendorName"}},
	{Field: "kvk", Header: "KvK-nummer",
		Aliases: []string{"kvk", "kvknr", "kvk leverancier", "vendorKvk", "chamber of commerce number", "coc number"}},
	{Field: "category", Header: "Categorie", Aliases: []string{"category", "inkoopcategorie"}},
	{Field: "cpv", Header: "CPV", Aliases: []string{"cpv-code", "cpv code", "hoofd-cpv"}},
	{Field: "start", Header: "Ingangsdatum", Required: true,
		Aliases: []string{"startdatum", "start", "begindatum", "start date", "startDate", "ingang"}},
	{Field: "initialTermMonths", Header: "Looptijd (maanden)", Required: true,
		Aliases: []string{"looptijd", "looptijd in maanden", "initiele looptijd", "initialTermMonths", "initial term", "initial term (months)", "term (months)"}},
	{Field: "renewalKind", Header: "Verlenging", Required: true,
		Aliases: []string{"soort verlenging", "verlengingsvorm", "renewal", "renewalKind", "renewal kind"}},
	{Field: "renewalPeriodMonths", Header: "Verlengingsperiode (maanden)",
		Aliases: []string{"verlengingsperiode", "verlengingstermijn", "renewalPeriodMonths", "renewal period", "renewal period (months)"}},
	{Field: "maxRenewals", Header: "Maximaal aantal verlengingen",
		Aliases: []string{"max aantal verlengingen", "max. verlengingen", "maximaal verlengingen", "maxRenewals", "maximum renewals", "max renewals"}},
	{Field: "maxEnd", Header: "Uiterste einddatum",
		Aliases: []string{"maximale einddatum", "uiterlijke einddatum", "maxEnd", "max end", "maximum end date"}},
	{Field: "renewalsExercised", Header: "Gelichte opties",
		Aliases: []string{"benutte verlengingen", "gebruikte opties", "renewalsExercised", "renewals exercised", "options exercised"}},
	{Field: "noticeMonths", Header: "Opzegtermijn (maanden)",
		Aliases: []string{"opzegtermijn", "opzegtermijn in maanden", "noticeMonths", "notice period", "notice period (months)", "notice (months)"}},
	{Field: "noticeDays", Header: "Opzegtermijn (dagen)",
		Aliases: []string{"opzegtermijn in dagen", "noticeDays", "notice period (days)", "notice (days)"}},
	{Field: "noticeEndsAnyDay", Header: "Opzegging op elke dag",
		Aliases: []string{"opzeggen op elke dag", "opzegging elke dag", "einde op elke dag", "noticeEndsAnyDay", "notice ends any day", "notice on any day"}},
	{Field: "leadDays", Header: "Interne doorlooptijd (dagen)",
		Aliases: []string{"interne doorlooptijd", "doorlooptijd", "doorlooptijd (dagen)", "leadDays", "lead time", "lead time (days)", "lead days"}},
	{Field: "noticeGivenOn", Header: "Opgezegd op",
		Aliases: []string{"opzegdatum", "datum opzegging", "noticeGivenOn", "notice given on"}},
	{Field: "annualValue", Header: "Jaarwaarde",
		Aliases: []string{"jaarwaarde (euro)", "waarde per jaar", "jaarbedrag", "annualValue", "annual value"}},
	{Field: "status", Header: "Status", Aliases: []string{"contractstatus"}},
	{Field: "exitPlan", Header: "Exitplan", Aliases: []string{"exit plan", "exitstrategie", "exitPlan"}},
	{Field: "openData", Header: "Open data",
		Aliases: []string{"open standaard", "data-export", "openData", "open data export"}},
	{Field: "continuity", Header: "Continuïteit/escrow",
		Aliases: []string{"continuiteit", "escrow", "continuity", "continuity/escrow"}},
	{Field: "sourceRights", Header: "Broncode",
		Aliases: []string{"bronrechten", "broncoderechten", "rechten op broncode", "sourceRights", "source rights", "source code"}},
	{Field: "businessCritical", Header: "Bedrijfskritisch",
		Aliases: []string{"bedrijfskritiek", "businessCritical", "business critical"}},
	{Field: "interfaces", Header: "Koppelingen",
		Aliases: []string{"aantal koppelingen", "interfaces", "number of interfaces"}},
	{Field: "notes", Header: "Opmerkingen", Aliases: []string{"notities", "toelichting", "notes", "remarks"}},
	{Field: "product", Header: "Product", Line: true,
		Aliases: []string{"licentieproduct", "licentie", "product name"}},
	{Field: "metric", Header: "Metriek", Line: true,
		Aliases: []string{"licentiemetriek", "licentievorm", "metric", "licence metric", "license metric"}},
	{Field: "quantity", Header: "Aantal", Line: true,
		Aliases: []string{"aantal licenties", "quantity", "licences", "licenses"}},
	{Field: "seatsInUse", Header: "In gebruik", Line: true,
		Aliases: []string{"aantal in gebruik", "seatsInUse", "seats in use", "in use"}},
	{Field: "unitPrice", Header: "Prijs per eenheid", Line: true,
		Aliases: []string{"eenheidsprijs", "stuksprijs", "prijs", "unitPrice", "unit price"}},
	{Field: "pricePeriod", Header: "Prijsperiode", Line: true,
		Aliases: []string{"periode", "pricePeriod", "price period", "per"}},
}

// ContractColumns returns the columns of the contract import in the
// template's order.
func ContractColumns() []ImportColumn {
	out := make([]ImportColumn, len(contractColumns))
	for i, c := range contractColumns {
		c.Aliases = append([]string(nil), c.Aliases...)
		out[i] = c
	}
	return out
}
