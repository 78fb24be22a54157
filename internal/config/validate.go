package config

import (
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/exports"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// Validating a Config: every problem is collected, sorted by key, and
// returned at once; Warnings names what is valid but should be changed.

// Validate returns all problems with c joined, or nil.
func (c Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{key}, args...)...))
	}
	if host, port, err := net.SplitHostPort(c.Server.Addr); err != nil {
		bad("server.addr", "%q is not HOST:PORT", c.Server.Addr)
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		bad("server.addr", "port %q must be a number 0–65535", port)
	} else if host != "" && net.ParseIP(host) == nil && !validHostname(host) {
		bad("server.addr", "host %q is not an IP address or host name", host)
	}
	for key, d := range map[string]time.Duration{
		"server.readTimeout": c.Server.ReadTimeout, "server.writeTimeout": c.Server.WriteTimeout,
		"server.idleTimeout": c.Server.IdleTimeout, "server.shutdownTimeout": c.Server.ShutdownTimeout,
		"db.busyTimeout":       c.DB.BusyTimeout,
		"auth.sessionLifetime": c.Auth.SessionLifetime, "auth.idleTimeout": c.Auth.IdleTimeout,
		"auth.loginWindow": c.Auth.LoginWindow,
	} {
		if d <= 0 {
			bad(key, "must be a positive duration like 30s")
		}
	}
	if c.Server.BodyLimitMB < 1 || c.Server.BodyLimitMB > 1024 {
		bad("server.bodyLimitMB", "must be 1–1024, got %d", c.Server.BodyLimitMB)
	}
	for key, n := range map[string][3]int{
		"server.heavyReads":     {c.Server.HeavyReads, 1, 64},
		"server.heavyExports":   {c.Server.HeavyExports, 1, 64},
		"imports.maxConcurrent": {c.Imports.MaxConcurrent, 1, 64},
		"imports.maxRows":       {c.Imports.MaxRows, 1, 10_000_000},
		"imports.maxCells":      {c.Imports.MaxCells, 1, 100_000_000},
		"imports.maxCellBytes":  {c.Imports.MaxCellBytes, 1, 1 << 20},
		"imports.maxUnpackedMB": {c.Imports.MaxUnpackedMB, 1, 4096},
	} {
		if n[0] < n[1] || n[0] > n[2] {
			bad(key, "must be %d–%d, got %d", n[1], n[2], n[0])
		}
	}
	if c.Auth.IdleTimeout > c.Auth.SessionLifetime {
		bad("auth.idleTimeout", "must not exceed auth.sessionLifetime (%s)", c.Auth.SessionLifetime)
	}
	if c.Auth.LoginFailures < 1 || c.Auth.LoginFailures > 1000 {
		bad("auth.loginFailures", "must be 1–1000, got %d", c.Auth.LoginFailures)
	}
	switch c.DB.Driver {
	case "sqlite":
		if strings.TrimSpace(c.DB.Path) == "" {
			bad("db.path", "is required")
		}
	case "postgres":
		// The URL itself is never repeated here: it may hold a password.
		if p, err := url.Parse(c.DB.URL); strings.TrimSpace(c.DB.URL) == "" {
			bad("db.url", "is required with db.driver postgres")
		} else if err != nil || (p.Scheme != "postgres" && p.Scheme != "postgresql") || p.Host == "" {
			bad("db.url", "must be a postgres://user:password@host:port/database URL")
		}
	default:
		bad("db.driver", "must be sqlite or postgres, got %q", c.DB.Driver)
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		bad("log.level", "must be debug, info, warn or error, got %q", c.Log.Level)
	}
	if c.Log.Format != "text" && c.Log.Format != "json" {
		bad("log.format", "must be text or json, got %q", c.Log.Format)
	}
	if u := c.API.Contact.URL; u != "" {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			bad("api.contact.url", "%q is not an http(s) URL", u)
		}
	}
	if e := c.API.Contact.Email; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			bad("api.contact.email", "%q is not an e-mail address", e)
		}
	}
	for key, u := range map[string]string{"exports.ocdsLicense": c.Exports.OCDSLicense, "exports.ocdsPublicationPolicy": c.Exports.OCDSPublicationPolicy} {
		if u = strings.TrimSpace(u); u != "" && !absoluteURL(u) {
			bad(key, "%q is not an absolute http(s) URL; leave it empty to omit the field", u)
		}
	}
	errs = append(errs, c.Rules.validate()...)
	// Keys sort the problems, so the list reads the same every run.
	sortErrors(errs)
	return errors.Join(errs...)
}

// validate checks the rules with the contracts package's own checks, so
// the configuration and the API accept the same values: each lock-in
// weight 0–100 and their sum exactly 100, each indexation rate
// −2000..5000 basis points, each year 2000–2100.
func (r RulesConfig) validate() []error {
	var errs []error
	p := r.ProcurementRules()
	if r.Procurement.MustShareBasisPoints < 1 || r.Procurement.MustShareBasisPoints > 10_000 {
		errs = append(errs, fmt.Errorf("rules.procurement.mustShareBasisPoints: must be 1–10000, got %d", r.Procurement.MustShareBasisPoints))
	}
	if table, err := r.thresholds(); err != nil {
		errs = append(errs, err)
	} else if len(table) > 0 {
		if err := procurement.ValidateThresholds(table); err != nil {
			errs = append(errs, fmt.Errorf("rules.procurement.thresholds: %v", err))
		}
	}
	if b := r.Bundling; b.WindowMonths < 1 || b.WindowMonths > 60 || b.CostPerTender < 0 || b.JointCostPerParticipant < 0 || b.VolumeDiscountBasisPoints < 0 || b.VolumeDiscountBasisPoints > 5000 {
		errs = append(errs, fmt.Errorf("rules.bundling: windowMonths must be 1–60, costs not negative, volumeDiscountBasisPoints 0–5000"))
	}
	_, calendarErrs := r.calendar()
	errs = append(errs, calendarErrs...)
	for _, err := range []error{r.Weights().Validate(), r.IndexRates().Validate(), p.Durations.Validate(), p.Limits.Validate()} {
		for _, fe := range apperr.Fields(err) {
			errs = append(errs, fmt.Errorf("rules.%s: %s", fe.Field, fe.Message()))
		}
	}
	return errs
}

// absoluteURL reports whether s is an absolute http or https URL with a
// host: what the OCDS package's license and publicationPolicy (format uri)
// should link to.
func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Warnings returns what is valid but should be changed, one line each,
// for the log at start and the commands that publish: an OCID prefix that
// is not of the registered form (exports.RegisteredOCIDPrefix), such as
// the default, makes ocids that are not globally unique.
func (c Config) Warnings() []string {
	var out []string
	p := strings.TrimSpace(c.Exports.OCIDPrefix)
	if p == "" {
		p = exports.DefaultOCIDPrefix // as the exports take it
	}
	if !exports.RegisteredOCIDPrefix(p) {
		what := "is not"
		if p == exports.DefaultOCIDPrefix {
			what = "is the default, deliberately not"
		}
		out = append(out, fmt.Sprintf("exports.ocidPrefix: %q %s a registered OCID prefix (\"ocds-\" and 6 lowercase letters or digits, "+
			"issued by the Open Contracting Partnership): the ocids of the OCDS exports are not globally unique; register a prefix and set it "+
			"(%s)", p, what, EnvName("exports.ocidPrefix")))
	}
	return out
}

func validHostname(h string) bool {
	for _, label := range strings.Split(h, ".") {
		if label == "" || len(label) > 63 {
			return false
		}
		for _, r := range label {
			if !(r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}

func sortErrors(errs []error) {
	for i := 1; i < len(errs); i++ {
		for j := i; j > 0 && errs[j].Error() < errs[j-1].Error(); j-- {
			errs[j], errs[j-1] = errs[j-1], errs[j]
		}
	}
}
