package ui

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/web"
)

// The download buttons of the dependency and finance pages: the same
// exports as GET /api/v1/exports/…, behind the session instead of a
// token, with the pages' Dutch query parameters (jaar, organisatie,
// formaat).

// pageFormat returns the formaat query parameter when it is one of
// formats, else the first.
func pageFormat(c *fiber.Ctx, formats ...string) string {
	f := strings.ToLower(c.Query("formaat"))
	for _, ok := range formats {
		if f == ok {
			return f
		}
	}
	return formats[0]
}

// sendDownload answers a page route with an export (web.SendFile): a PDF is
// rendered before the status is sent, so that a failure shows the error
// page; a workbook or CSV streams.
func (u *ui) sendDownload(c *fiber.Ctx, format, name string, write web.ExportWriter) error {
	return web.SendFile(c, c.UserContext(), u.log, name, format == "pdf", func() { web.SetDownloadHeaders(c, format, name) }, write)
}

// exportDependency is /afhankelijkheid/{code}/rapport: the policy has
// already refused a scoped user another organization.
func (u *ui) exportDependency(c *fiber.Ctx) error {
	return u.dependencyDownload(c, c.Params("code"))
}

// exportCooperativeDependency is /afhankelijkheid/samenwerking/rapport;
// the service refuses a user scoped to one organization.
func (u *ui) exportCooperativeDependency(c *fiber.Ctx) error {
	return u.dependencyDownload(c, "")
}

func (u *ui) dependencyDownload(c *fiber.Ctx, code string) error {
	year, _ := u.pageYear(c)
	format := pageFormat(c, "pdf", "xlsx")
	name, write, err := web.DependencyExport(c.UserContext(), u.contracts, web.CurrentScope(c), code, year, format)
	if err != nil {
		return err
	}
	return u.sendDownload(c, format, name, write)
}

// exportSpend is /uitgaven/werkmap?organisatie=&jaar=: the workbook of
// the five years from jaar.
func (u *ui) exportSpend(c *fiber.Ctx) error {
	year, _ := u.pageYear(c)
	name, write, err := web.SpendExport(c.UserContext(), u.contracts, web.CurrentScope(c), strings.TrimSpace(c.Query("organisatie")), min(year, 2096))
	if err != nil {
		return err
	}
	return u.sendDownload(c, "xlsx", name, write)
}

// exportContracts is /contracten/export?formaat=xlsx|csv with the contract
// list's filters: every matching contract in the user's scope, streamed.
func (u *ui) exportContracts(c *fiber.Ctx) error {
	scope := web.CurrentScope(c)
	q := contractListQueryFrom(c)
	f, _ := q.filter()
	// The list streams: the service is asked before the status is sent.
	if err := u.contracts.CheckScope(scope, f.Organization); err != nil {
		return err
	}
	format := pageFormat(c, "xlsx", "csv")
	name, write := web.ContractsExport(c.UserContext(), u.contracts, scope, f, format)
	return u.sendDownload(c, format, name, write)
}
