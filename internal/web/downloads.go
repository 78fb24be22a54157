package web

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/gofiber/fiber/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/exports"
)

// The export downloads (issue #7): the dependency report, the spend
// workbook and the contract list, for the API (GET /api/v1/exports/…) and
// for the download buttons of the pages. Each answers with the file's
// Content-Type and a Content-Disposition with a Dutch file name
// (attachmentDisposition). Scope is the service's: a user scoped to one
// organization exports only that organization.

// The media types of the exports.
const (
	PDFType  = "application/pdf"
	CSVType  = "text/csv; charset=utf-8"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// exportTypes maps a format to its media type.
var exportTypes = map[string]string{"pdf": PDFType, "xlsx": XLSXType, "csv": CSVType}

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

// ExportWriter writes an export to w.
type ExportWriter func(w io.Writer) error

// SetDownloadHeaders sets the Content-Type of format, the Content-Disposition
// with the file name and a Cache-Control that keeps the file out of
// shared caches.
func SetDownloadHeaders(c *fiber.Ctx, format, name string) {
	c.Set(fiber.HeaderContentType, exportTypes[format])
	c.Set(fiber.HeaderContentDisposition, attachmentDisposition(name))
	c.Set(fiber.HeaderCacheControl, "private, no-store")
}

// now is the moment an export is made: the service's clock, so that
// tests with a fixed clock get fixed documents.
func now(svc *contracts.Service) time.Time {
	d := svc.Today()
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, contracts.Amsterdam)
}

// DependencyExport has the service assemble the dependency report and
// returns its file name and writer.
func DependencyExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, org string, year int, format string) (string, ExportWriter, error) {
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

// SpendExport has the service assemble the spend workbook and returns
// its file name and writer.
func SpendExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, org string, from int) (string, ExportWriter, error) {
	s, err := svc.SpendWorkbook(ctx, scope, contracts.SpendWorkbookQuery{Organization: SpendOrganization(scope, org), From: from, Generated: now(svc)})
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

// ContractsExport returns the file name and writer of the contract list
// for filter f, whose rows are read while the file is written.
func ContractsExport(ctx context.Context, svc *contracts.Service, scope contracts.Scope, f contracts.ContractFilter, format string) (string, ExportWriter) {
	name := exportFileName(format, "contracten", svc.Today().String())
	rows := func(fn func(contracts.ContractSummary) error) error { return svc.EachContract(ctx, scope, f, fn) }
	if format == "csv" {
		return name, func(w io.Writer) error { return exports.ContractsCSV(w, rows) }
	}
	info := exports.ContractListInfo{Created: now(svc), Filter: "Contracten uit het register"}
	return name, func(w io.Writer) error { return exports.ContractsXLSX(w, info, rows) }
}
