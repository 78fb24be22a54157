package ui

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/nl"
	"github.com/samenkoop/samenkoop/internal/sheet"
	"github.com/samenkoop/samenkoop/internal/web"
)

// importListLimit bounds the contract numbers a report page lists per
// kind; the counts are always complete.
const importListLimit = 200

type importContractsPage struct {
	layout
	// Choose says the user chooses the organization (a user of every
	// organization), by the search field OrgPick; a user scoped to one
	// imports always for Organization.
	Choose       bool
	OrgPick      picked
	Organization string
	// DryRun is the state of the Voorbeeld checkbox.
	DryRun bool
	// Error says why the file could not be read at all.
	Error  string
	Report *importContractsView
}

// importContractsView is a report as the page shows it.
type importContractsView struct {
	DryRun                   bool
	Rejected                 bool
	Rows                     int
	Created, Updated         []string
	MoreCreated, MoreUpdated int
	CreatedN, UpdatedN       int
	Unchanged                int
	NewVendors               []string
	Problems                 []contracts.RowProblem
	ProblemRows              int
	// Format says how the file was read: "Gelezen als CSV in
	// Windows-1252 met puntkomma's".
	Format string
	// FormatID is the id of the paragraph that shows Format.
	FormatID string
}

func toImportContractsView(r contracts.ContractImportReport, f sheet.Format, rejected bool) *importContractsView {
	v := &importContractsView{DryRun: r.DryRun, Rejected: rejected, Rows: r.Rows, Unchanged: r.Unchanged,
		CreatedN: len(r.Created), UpdatedN: len(r.Updated), NewVendors: r.NewVendors, Problems: r.Problems,
		ProblemRows: web.ProblemRows(r.Problems), Format: formatText(f), FormatID: "import-bestand"}
	v.Created, v.MoreCreated = firstOf(r.Created, importListLimit)
	v.Updated, v.MoreUpdated = firstOf(r.Updated, importListLimit)
	return v
}

// formatText says in Dutch how an imported file was read. The byte
// order mark goes unmentioned: Excel calls that file "CSV UTF-8", and
// UTF-8 is what the user needs to know.
func formatText(f sheet.Format) string {
	if f.Kind != sheet.CSV {
		return "Gelezen als Excel-werkmap (XLSX)"
	}
	sep := "komma's"
	if f.Separator == ';' {
		sep = "puntkomma's"
	}
	return "Gelezen als CSV in " + string(f.Encoding) + " met " + sep
}

func firstOf(s []string, n int) ([]string, int) {
	if len(s) <= n {
		return s, 0
	}
	return s[:n], len(s) - n
}

// importContractsPageFor prepares the page for the current user: the
// organization that org (what the search field sent, "" for the file's
// column) names, for a user with all organizations in scope.
func (u *ui) importContractsPageFor(c *fiber.Ctx, org string, dryRun bool) (importContractsPage, error) {
	p := importContractsPage{layout: u.layout(c, "Contracten importeren", "contracten"), DryRun: dryRun}
	if user := web.CurrentUser(c); user != nil && !user.AllOrganizations() {
		p.Organization = user.Organization
		return p, nil
	}
	p.Choose = true
	var err error
	p.OrgPick, err = u.pickOrganization(c.UserContext(), web.CurrentScope(c), org)
	p.Organization = p.OrgPick.Value
	return p, err
}

func (u *ui) importContractsForm(c *fiber.Ctx) error {
	p, err := u.importContractsPageFor(c, c.Query("organisatie"), true)
	if err != nil {
		return err
	}
	return c.Render("pages/import_contracts", p)
}

// importContracts reads the uploaded file and shows what the import did,
// or would do with Voorbeeld checked; a bad file shows every bad row and
// imports nothing. While the most imports allowed at once run, it answers
// 503 with Retry-After. After a preview the user uploads the file again with
// Voorbeeld unchecked: the page keeps no file between requests.
func (u *ui) importContracts(c *fiber.Ctx) error {
	dryRun := c.FormValue("voorbeeld") != ""
	p, err := u.importContractsPageFor(c, importOrganizationField(c), dryRun)
	if err != nil {
		return err
	}
	if !u.imports.Enter() {
		c.Set(fiber.HeaderRetryAfter, web.ImportRetryAfter)
		p.Error = "Er lopen nu te veel imports tegelijk. Probeer het over een halve minuut opnieuw."
		return c.Status(fiber.StatusServiceUnavailable).Render("pages/import_contracts", p)
	}
	defer u.imports.Leave()
	if p.OrgPick.Text != "" && p.OrgPick.Value == "" {
		// The field named no organization, or several: nothing is read,
		// and the page keeps no file between requests.
		p.Error = "Kies de organisatie en daarna het bestand opnieuw."
		if p.OrgPick.NotFound {
			p.Error = "Geen organisatie gevonden bij “" + p.OrgPick.Text + "”: typ (een deel van) de naam of de CBS-code, of laat het veld leeg als het bestand een kolom Organisatie heeft."
		}
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/import_contracts", p)
	}
	fh, err := c.FormFile("bestand")
	if err != nil {
		p.Error = "Kies een bestand: een CSV- of XLSX-bestand zoals het sjabloon."
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/import_contracts", p)
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	opts := contracts.ContractImportOptions{Organization: p.Organization, NoNewVendors: web.VendorEditors.Check(web.CurrentUser(c), "") != nil}
	tab, format, err := u.imports.ReadFormat(f, web.ContractHeader(opts))
	if err == nil {
		var rep contracts.ContractImportReport
		rep, err = u.contracts.ImportContracts(c.UserContext(), web.CurrentScope(c), tab, opts, dryRun)
		if err == nil || errors.Is(err, contracts.ErrImportRejected) {
			p.Report = toImportContractsView(rep, format, err != nil)
			if err != nil {
				c.Status(fiber.StatusUnprocessableEntity)
			} else {
				// After a preview the form is ready for the real import;
				// after an import, for the preview of the next file.
				p.DryRun = !dryRun
			}
			return c.Render("pages/import_contracts", p)
		}
	}
	if errors.Is(err, apperr.Invalid) {
		p.Error = "Het bestand kan niet worden gelezen. " + nl.ErrorMessage(err, "Gebruik een CSV-bestand of Excel-werkmap zoals het sjabloon.")
		return c.Status(fiber.StatusUnprocessableEntity).Render("pages/import_contracts", p)
	}
	return err
}

// importOrganizationField returns what the form's organization search
// field sent (chosen).
func importOrganizationField(c *fiber.Ctx) string {
	form, err := c.MultipartForm()
	if err != nil {
		return c.FormValue("organisatie")
	}
	return chosen(form.Value["organisatie"])
}

// downloadContractTemplate sends the template workbook; the API serves
// the same file to tokens.
func (u *ui) downloadContractTemplate(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, web.XLSXType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+web.ContractTemplateName+`"`)
	return exports.ContractTemplate(c, exports.TemplateOptions{NewVendors: web.VendorEditors.Check(web.CurrentUser(c), "") == nil})
}
