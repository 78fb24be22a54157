package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/requestid"

	"github.com/samenkoop/samenkoop/internal/apperr"
)

// problem is the one place where API operations turn a domain error into
// an RFC 9457 problem: field errors become 422 with one entry per field
// (location "<in>.<field>", in being body or query), the other kinds their
// status with a safe detail. Anything unknown becomes a 500 whose detail
// reveals nothing; its cause is logged here, once, with the request ID.
func (a *api) problem(ctx context.Context, in string, err error) error {
	if err == nil {
		return nil
	}
	if fe := apperr.Fields(err); len(fe) > 0 {
		details := make([]error, len(fe))
		for i, f := range fe {
			details[i] = &huma.ErrorDetail{Location: in + "." + f.Field, Message: f.Message}
		}
		return huma.Error422UnprocessableEntity("validation failed", details...)
	}
	status, _, detail := classify(err)
	if status >= 500 {
		id, _ := ctx.Value(requestid.ConfigDefault.ContextKey).(string)
		a.log.ErrorContext(ctx, "api request failed", slog.String("request_id", id), slog.Any("error", err))
	}
	return huma.NewError(status, detail)
}

// writeProblem writes a problem+json response for errors outside huma
// operations (unknown API routes, panics), in the same shape huma uses.
func writeProblem(c *fiber.Ctx, status int, title, detail string, fields apperr.FieldErrors) error {
	m := huma.ErrorModel{Title: title, Status: status, Detail: detail, Instance: c.Path()}
	for _, f := range fields {
		m.Errors = append(m.Errors, &huma.ErrorDetail{Location: "body." + f.Field, Message: f.Message})
	}
	if status == fiber.StatusUnauthorized {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="samenkoop"`) // RFC 6750 §3
	}
	c.Status(status)
	c.Set(fiber.HeaderContentType, "application/problem+json")
	return c.JSON(m, "application/problem+json")
}

func statusTitle(status int) string { return http.StatusText(status) }

func isAPIPath(p string) bool { return p == "/api/v1" || strings.HasPrefix(p, "/api/") }

// dutchTitle and dutchDetail are what the HTML error page says.
func dutchTitle(status int) string {
	switch status {
	case 400, 422:
		return "Ongeldige invoer"
	case 401:
		return "Niet ingelogd"
	case 403:
		return "Geen toegang"
	case 404:
		return "Pagina niet gevonden"
	case 409:
		return "Conflict"
	case 413:
		return "Bestand te groot"
	}
	return "Er ging iets mis"
}

func dutchDetail(status int) string {
	switch status {
	case 404:
		return "De pagina of het gegeven dat u zoekt bestaat niet (meer)."
	case 413:
		return "Het verzoek is groter dan de server toestaat."
	case 400, 422:
		return "Controleer de invoer en probeer het opnieuw."
	case 409:
		return "De wijziging botst met bestaande gegevens."
	}
	if status >= 500 {
		return "Een onverwachte fout. Noem het verzoeknummer hieronder als u dit meldt."
	}
	return ""
}
