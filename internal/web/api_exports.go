package web

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humafiber"
	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// The export downloads (issue #7): the dependency report, the spend
// workbook and the contract list, for the API (GET /api/v1/exports/…) and
// for the download buttons of the pages. Each answers with the file's
// Content-Type and a Content-Disposition with a Dutch file name
// (attachmentDisposition). Scope is the service's: a user scoped to one
// organization exports only that organization.

// The media types of the exports.
const (
	pdfType = "application/pdf"
	csvType = "text/csv; charset=utf-8"
)

// exportTypes maps a format to its media type.
var exportTypes = map[string]string{"pdf": pdfType, "xlsx": xlsxType, "csv": csvType}

// attachmentDisposition returns the Content-Disposition of a download
// named name: "attachment" with an ASCII filename for old clients (accents
// dropped, anything else unsafe replaced by "_") and the exact UTF-8 name
// as filename* (RFC 6266 §4.3, encoded as RFC 5987 / RFC 8187 ext-value),
// so that 's-Hertogenbosch and Súdwest-Fryslân keep their letters.
func attachmentDisposition(name string) string {
	var ascii strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped from the fallback
		case r > unicode.MaxASCII, r < 0x20, r == 0x7f, r == '"', r == '\\', r == '%', r == ';':
			ascii.WriteByte('_')
		default:
			ascii.WriteRune(r)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii.String(), rfc5987(name))
}

// rfc5987 percent-encodes s as the value-chars of RFC 5987: everything
// but letters, digits and !#$&+-.^_`|~ is encoded, byte by byte in UTF-8.
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// exportFileName builds a Dutch file name from parts: lower case, words
// joined by dashes, characters a file system refuses dropped, and the
// extension: exportFileName("xlsx", "uitgaven", "Súdwest-Fryslân", "2026")
// is uitgaven-súdwest-fryslân-2026.xlsx.
func exportFileName(ext string, parts ...string) string {
	var words []string
	for _, p := range parts {
		clean := strings.Map(func(r rune) rune {
			switch {
			case unicode.IsLetter(r), unicode.IsDigit(r), r == '\'', r == '-':
				return unicode.ToLower(r)
			}
			return ' '
		}, p)
		words = append(words, strings.Fields(clean)...)
	}
	name := strings.Join(words, "-")
	if r := []rune(name); len(r) > 120 {
		name = string(r[:120])
	}
	return name + "." + ext
}

// exportDownloadResponses documents a download in the OpenAPI document:
// the body is a file of one of the media types, not JSON.
func exportDownloadResponses(types ...string) map[string]*huma.Response {
	content := map[string]*huma.MediaType{}
	for _, t := range types {
		content[t] = &huma.MediaType{Schema: &huma.Schema{Type: "string", Format: "binary"}}
	}
	return map[string]*huma.Response{"200": {
		Description: "The file",
		Headers: map[string]*huma.Param{
			"Content-Disposition": {Description: `attachment; filename="…"; filename*=UTF-8''… (RFC 6266): a Dutch file name`, Schema: &huma.Schema{Type: "string"}},
		},
		Content: content,
	}}
}

// exportWriter writes an export to w.
type exportWriter func(w io.Writer) error

// download answers with the file write produces (sendFile): a PDF is
// rendered in full before the status is sent, so that a failure is a 500
// problem; a workbook or CSV streams, and a failure part-way aborts the
// connection. Anything that can fail for the caller's input must fail
// before download is called.
func (a *api) download(ctx context.Context, format, name string, write exportWriter) (*huma.StreamResponse, error) {
	return &huma.StreamResponse{Body: func(hc huma.Context) {
		c := humafiber.Unwrap(hc)
		err := sendFile(c, ctx, a.log, name, format == "pdf", func() { setDownloadHeaders(c, format, name) }, write)
		sendError(c, err)
	}}, nil
}

// sendError hands an error met inside a huma stream body, where it
// cannot be returned, to the error handler: a problem+json response.
func sendError(c *fiber.Ctx, err error) {
	if err == nil {
		return
	}
	if herr := c.App().ErrorHandler(c, err); herr != nil {
		_ = c.SendStatus(fiber.StatusInternalServerError)
	}
}

func setDownloadHeaders(c *fiber.Ctx, format, name string) {
	c.Set(fiber.HeaderContentType, exportTypes[format])
	c.Set(fiber.HeaderContentDisposition, attachmentDisposition(name))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
}

type exportDependencyInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"The organization; without it the whole cooperative (only for users scoped to all organizations). A user scoped to one organization gets its own."`
	Year         int    `query:"year" minimum:"2000" maximum:"2100" doc:"Year of the spend the shares are taken from; default the current year"`
	Format       string `query:"format" enum:"pdf,xlsx" default:"pdf"`
}

// now is the moment an export is made: the service's clock, so that
// tests with a fixed clock get fixed documents.
func now(svc *contracts.Service) time.Time {
	d := svc.Today()
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, contracts.Amsterdam)
}

// dependencyExport has the service assemble the dependency report and
// returns its file name and writer.
func dependencyExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, org string, year int, format string) (string, exportWriter, error) {
	r, err := svc.DependencyReport(ctx, scope, contracts.DependencyQuery{Organization: org, Year: year, Generated: now(svc)})
	if err != nil {
		return "", nil, err
	}
	about := "samenwerking"
	if r.Organization.Code != "" {
		about = r.Organization.Name
	}
	name := exportFileName(format, "afhankelijkheid", about, fmt.Sprint(r.Year))
	if format == "xlsx" {
		return name, func(w io.Writer) error { return exports.DependencyXLSX(w, r) }, nil
	}
	return name, func(w io.Writer) error { return exports.DependencyPDF(w, r) }, nil
}

func (a *api) exportDependency(ctx context.Context, in *exportDependencyInput) (*huma.StreamResponse, error) {
	scope := scopeFrom(ctx)
	name, write, err := dependencyExport(ctx, a.contracts, scope, spendOrganization(scope, in.Organization), a.yearOr(in.Year), in.Format)
	if err != nil {
		return nil, a.problem(ctx, "query", err)
	}
	return a.download(ctx, in.Format, name, write)
}

type exportSpendInput struct {
	Organization string `query:"organization" maxLength:"32" example:"GM0363" doc:"Only this organization; a user scoped to one organization gets its own"`
	Year         int    `query:"year" minimum:"2000" maximum:"2096" doc:"First of the five years; default the current year"`
}

// spendExport has the service assemble the spend workbook and returns
// its file name and writer.
func spendExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, org string, from int) (string, exportWriter, error) {
	s, err := svc.SpendWorkbook(ctx, scope, contracts.SpendWorkbookQuery{Organization: spendOrganization(scope, org), From: from, Generated: now(svc)})
	if err != nil {
		return "", nil, err
	}
	about := "alle-organisaties"
	if s.Organization.Code != "" {
		about = s.Organization.Name
	}
	name := exportFileName("xlsx", "uitgaven", about, fmt.Sprintf("%d-%d", from, from+contracts.SpendWorkbookYears-1))
	return name, func(w io.Writer) error { return exports.SpendXLSX(w, s) }, nil
}

func (a *api) exportSpend(ctx context.Context, in *exportSpendInput) (*huma.StreamResponse, error) {
	name, write, err := spendExport(ctx, a.contracts, scopeFrom(ctx), in.Organization, a.yearOr(in.Year))
	if err != nil {
		return nil, a.problem(ctx, "query", err)
	}
	return a.download(ctx, "xlsx", name, write)
}

// ContractListQuery is the contract list's query, embedded in the export's
// input under an exported name: huma (through reflect) cannot set the
// fields of an unexported embedded struct.
type ContractListQuery = listContractsInput

type exportContractsInput struct {
	ContractListQuery
	Format string `query:"format" enum:"xlsx,csv" default:"xlsx"`
}

// contractsExport returns the file name and writer of the contract list
// for filter f, whose rows are read while the file is written.
func contractsExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, f contracts.ContractFilter, format string) (string, exportWriter) {
	name := exportFileName(format, "contracten", svc.Today().String())
	rows := func(fn func(contracts.ContractSummary) error) error { return svc.EachContract(ctx, scope, f, fn) }
	if format == "csv" {
		return name, func(w io.Writer) error { return exports.ContractsCSV(w, rows) }
	}
	info := exports.ContractListInfo{Created: now(svc), Filter: "Contracten uit het register"}
	return name, func(w io.Writer) error { return exports.ContractsXLSX(w, info, rows) }
}

func (a *api) exportContracts(ctx context.Context, in *exportContractsInput) (*huma.StreamResponse, error) {
	f, err := a.contractFilter(ctx, &in.ContractListQuery)
	if err != nil {
		return nil, err
	}
	name, write := contractsExport(ctx, a.contracts, scopeFrom(ctx), f, in.Format)
	return a.download(ctx, in.Format, name, write)
}

// contractFilter turns the contract list's query into a filter within the
// caller's scope, as listContracts does; paging is ignored.
func (a *api) contractFilter(ctx context.Context, in *listContractsInput) (contracts.ContractFilter, error) {
	// The list streams: the service is asked before the status is sent.
	if err := a.contracts.CheckScope(scopeFrom(ctx), in.Organization); err != nil {
		return contracts.ContractFilter{}, a.problem(ctx, "query", err)
	}
	var fe apperr.FieldErrors
	f := contracts.ContractFilter{
		Organization: in.Organization, VendorID: in.Vendor, VendorGroupID: in.VendorGroup, CategoryID: in.Category,
		CPV: in.CPV, Status: contracts.ContractStatus(in.Status), RenewalKind: contracts.RenewalKind(in.RenewalKind),
		EndsBefore: parseDateField(&fe, "endsBefore", in.EndsBefore), NoticeBefore: parseDateField(&fe, "noticeBefore", in.NoticeBefore),
		Q: in.Q, Sort: contracts.ContractSort(in.Sort),
	}
	if err := fe.Err(); err != nil {
		return f, a.problem(ctx, "query", err)
	}
	return f, nil
}
