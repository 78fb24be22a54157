// Package config turns flags, SAMENKOOP_* environment variables, the
// samenkoop.yaml file and defaults into a typed, validated Config. It is
// the only package that imports viper, and only cmd/samenkoop imports it.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/mail"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/procurement"
)

// Config is every setting of the binary.
type Config struct {
	Server  ServerConfig  `mapstructure:"server"`
	DB      DBConfig      `mapstructure:"db"`
	Auth    AuthConfig    `mapstructure:"auth"`
	Log     LogConfig     `mapstructure:"log"`
	Demo    DemoConfig    `mapstructure:"demo"`
	Rules   RulesConfig   `mapstructure:"rules"`
	Exports ExportsConfig `mapstructure:"exports"`
	Imports ImportsConfig `mapstructure:"imports"`
	Audit   AuditConfig   `mapstructure:"audit"`
	API     APIConfig     `mapstructure:"api"`
}

// APIConfig describes the API in its OpenAPI document.
type APIConfig struct {
	// Contact is who answers for this deployment's API: its operator, not
	// the software's authors (NLGov API Design Rules,
	// /core/doc-openapi-contact). The name defaults to Samenkoop.
	Contact struct {
		Name  string `mapstructure:"name"`
		URL   string `mapstructure:"url"`
		Email string `mapstructure:"email"`
	} `mapstructure:"contact"`
}

// ImportsConfig bounds what one spreadsheet import may cost: a file past
// any cap is refused while it is read, before it costs the server more.
type ImportsConfig struct {
	// MaxConcurrent is how many imports run at once; the next gets 503.
	MaxConcurrent int `mapstructure:"maxConcurrent"`
	// MaxRows and MaxCells cap the rows and the cells of one sheet.
	MaxRows  int `mapstructure:"maxRows"`
	MaxCells int `mapstructure:"maxCells"`
	// MaxCellBytes caps one cell (Excel's own limit is 32,767 characters).
	MaxCellBytes int `mapstructure:"maxCellBytes"`
	// MaxUnpackedMB caps the size of an XLSX's parts once unzipped.
	MaxUnpackedMB int `mapstructure:"maxUnpackedMB"`
}

// AuditConfig configures the audit trail's anchoring.
type AuditConfig struct {
	// KeyFile holds the secret that keys the audit chain (HMAC-SHA-256).
	// It must live outside the database: whoever can write the database
	// but not read this file cannot rewrite the chain unnoticed. Empty
	// keeps the unkeyed chain.
	KeyFile string `mapstructure:"keyFile"`
	// CheckpointFile is where `audit checkpoint` records the chain's head
	// (count and hash), so that `audit verify` notices a removed tail.
	CheckpointFile string `mapstructure:"checkpointFile"`
}

// ExportsConfig configures the exports.
type ExportsConfig struct {
	// OCIDPrefix is the publisher's registered OCDS prefix
	// (ocds-xxxxxx); a release's ocid is the prefix, a dash and the
	// tender id.
	OCIDPrefix string `mapstructure:"ocidPrefix"`
}

// ServerConfig configures the HTTP server.
type ServerConfig struct {
	// Addr is HOST:PORT to listen on. The default binds to loopback only:
	// nothing is exposed beyond the machine until access control exists.
	Addr            string        `mapstructure:"addr"`
	ReadTimeout     time.Duration `mapstructure:"readTimeout"`
	WriteTimeout    time.Duration `mapstructure:"writeTimeout"`
	IdleTimeout     time.Duration `mapstructure:"idleTimeout"`
	ShutdownTimeout time.Duration `mapstructure:"shutdownTimeout"`
	// BodyLimitMB caps request bodies; spreadsheet imports need room.
	BodyLimitMB int `mapstructure:"bodyLimitMB"`
	// HeavyReads is how many computed views over the whole register
	// (bundles, concentration, spend, dependency reports) are built at
	// once; a caller beyond it waits briefly, then gets 503 with
	// Retry-After.
	HeavyReads int `mapstructure:"heavyReads"`
}

// DBConfig configures the SQLite store.
type DBConfig struct {
	Path        string        `mapstructure:"path"`
	AutoMigrate bool          `mapstructure:"autoMigrate"`
	BusyTimeout time.Duration `mapstructure:"busyTimeout"`
}

// AuthConfig configures logins and sessions.
type AuthConfig struct {
	// SessionLifetime ends a session however active it is.
	SessionLifetime time.Duration `mapstructure:"sessionLifetime"`
	// IdleTimeout ends a session nobody used for this long.
	IdleTimeout time.Duration `mapstructure:"idleTimeout"`
	// SecureCookies sets the Secure flag on cookies; set it behind a proxy
	// that terminates TLS.
	SecureCookies bool `mapstructure:"secureCookies"`
	// LoginFailures per LoginWindow, per account and per client address,
	// before a login must wait (429).
	LoginFailures int           `mapstructure:"loginFailures"`
	LoginWindow   time.Duration `mapstructure:"loginWindow"`
}

// LogConfig configures the structured log.
type LogConfig struct {
	Level  string `mapstructure:"level"`  // debug, info, warn, error
	Format string `mapstructure:"format"` // text or json
}

// DemoConfig configures `serve --demo`.
type DemoConfig struct {
	Seed uint64 `mapstructure:"seed"`
}

// RulesConfig overrides the rule values of DESIGN §4 that are a choice
// rather than law. The defaults come from the contracts package.
type RulesConfig struct {
	// LockInWeights are the points of each lock-in factor; they must sum
	// to 100.
	LockInWeights LockInWeightsConfig `mapstructure:"lockInWeights"`
	// Indexation is the yearly price indexation in basis points per
	// calendar year (350 is 3.50 %), the CBS J62 figures GIBIT art. 11.8
	// indexes with; years without a figure take IndexationDefault.
	Indexation        map[int]int `mapstructure:"indexation"`
	IndexationDefault int         `mapstructure:"indexationDefault"`
	// Procurement holds the joint-tender rules that are a choice, and
	// the thresholds table when the law changes before the binary does.
	Procurement ProcurementConfig `mapstructure:"procurement"`
	// Bundling holds the bundler's window and its cost assumptions.
	Bundling BundlingConfig `mapstructure:"bundling"`
	// Calendar holds the legal calendar's days made equal by decree.
	Calendar CalendarConfig `mapstructure:"calendar"`
}

// CalendarConfig configures the legal calendar of the statutory periods
// (the minimum tender and request periods, the standstill): one that
// ends on a Saturday, Sunday or recognized holiday runs on to the next
// working day (Algemene termijnenwet art. 1 and 3).
type CalendarConfig struct {
	// EqualDays are the days made equal to a recognized holiday by decree
	// (Atw art. 3 lid 3), as ISO dates; the default is the current
	// decree's list. A new decree every few years adds days here.
	EqualDays []string `mapstructure:"equalDays"`
}

// calendar returns the configured legal calendar, and every date of
// EqualDays that is not a date in bounds (validate reports them; the
// calendar leaves them out).
func (r RulesConfig) calendar() (contracts.Calendar, []error) {
	var days []contracts.Date
	var errs []error
	for i, s := range r.Calendar.EqualDays {
		d, err := contracts.ParseDate(strings.TrimSpace(s))
		if err != nil || !d.InBounds() {
			errs = append(errs, fmt.Errorf("rules.calendar.equalDays[%d]: %q is not a date like 2026-05-15 from %d to %d", i, s, contracts.MinDateYear, contracts.MaxDateYear))
			continue
		}
		days = append(days, d)
	}
	return contracts.NewCalendar(days), errs
}

// ProcurementConfig mirrors the configurable parts of procurement.Rules.
type ProcurementConfig struct {
	// MustShareBasisPoints is the share of a tender's volume that must
	// rate a requirement must for it to consolidate as must (5000 = 50 %).
	MustShareBasisPoints int `mapstructure:"mustShareBasisPoints"`
	PreparationDays      int `mapstructure:"preparationDays"`
	SelectionDays        int `mapstructure:"selectionDays"`
	EvaluationDays       int `mapstructure:"evaluationDays"`
	ImplementationDays   int `mapstructure:"implementationDays"`
	// OpenPINDays is the open procedure's period after a prior
	// information notice: PIANOo's 29, never below the Act's 22.
	OpenPINDays int `mapstructure:"openPINDays"`
	// Thresholds replaces the EU threshold table; empty keeps the built-in
	// one (Delegated Regulations (EU) 2023/2495 and 2025/2152).
	Thresholds []ThresholdConfig `mapstructure:"thresholds"`
}

// ThresholdConfig is one period of the EU threshold table, amounts in
// euros excluding VAT.
type ThresholdConfig struct {
	From     string `mapstructure:"from"`
	To       string `mapstructure:"to"`
	Supplies int64  `mapstructure:"supplies"`
	Services int64  `mapstructure:"services"`
	Works    int64  `mapstructure:"works"`
	Social   int64  `mapstructure:"social"`
	Source   string `mapstructure:"source"`
}

// BundlingConfig mirrors procurement.Bundling; money in euro cents.
type BundlingConfig struct {
	WindowMonths              int   `mapstructure:"windowMonths"`
	CostPerTender             int64 `mapstructure:"costPerTender"`
	JointCostPerParticipant   int64 `mapstructure:"jointCostPerParticipant"`
	VolumeDiscountBasisPoints int   `mapstructure:"volumeDiscountBasisPoints"`
}

// ProcurementRules returns the configured rules for procurement.Service. The
// thresholds are checked by validate; a table that does not parse is left
// out here (validate reports it).
func (r RulesConfig) ProcurementRules() procurement.Rules {
	p := r.Procurement
	rules := procurement.DefaultRules()
	rules.MustShare = p.MustShareBasisPoints
	rules.Durations = procurement.Durations{Preparation: p.PreparationDays, Selection: p.SelectionDays,
		Evaluation: p.EvaluationDays, Implementation: p.ImplementationDays}
	rules.Limits.OpenPIN = p.OpenPINDays
	rules.Limits.Calendar, _ = r.calendar()
	if table, err := r.thresholds(); err == nil && len(table) > 0 {
		rules.Thresholds = table
	}
	return rules
}

func (r RulesConfig) thresholds() ([]procurement.Threshold, error) {
	var out []procurement.Threshold
	var errs []error
	for i, t := range r.Procurement.Thresholds {
		from, ferr := contracts.ParseDate(t.From)
		to, terr := contracts.ParseDate(t.To)
		if ferr != nil || terr != nil {
			errs = append(errs, fmt.Errorf("rules.procurement.thresholds[%d]: from and to must be dates like 2026-01-01", i))
			continue
		}
		const euro = 100
		out = append(out, procurement.Threshold{From: from, To: to, Supplies: contracts.Money(t.Supplies * euro),
			Services: contracts.Money(t.Services * euro), Works: contracts.Money(t.Works * euro), Social: contracts.Money(t.Social * euro), Source: t.Source})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// BundlingRules returns the configured bundler settings.
func (r RulesConfig) BundlingRules() procurement.Bundling {
	b := r.Bundling
	return procurement.Bundling{WindowMonths: b.WindowMonths, CostPerTender: b.CostPerTender,
		JointCostPerParticipant: b.JointCostPerParticipant, VolumeDiscountBasisPoints: b.VolumeDiscountBasisPoints}
}

// LockInWeightsConfig mirrors contracts.LockInWeights with the key names
// of the configuration file, so renaming a domain field cannot silently
// rename a key.
type LockInWeightsConfig struct {
	NoExitPlan                int `mapstructure:"noExitPlan"`
	NoOpenData                int `mapstructure:"noOpenData"`
	Tenure                    int `mapstructure:"tenure"`
	VendorShare               int `mapstructure:"vendorShare"`
	TacitRenewal              int `mapstructure:"tacitRenewal"`
	CriticalWithoutContinuity int `mapstructure:"criticalWithoutContinuity"`
}

// Weights returns the configured lock-in weights for contracts.LockIn.
func (r RulesConfig) Weights() contracts.LockInWeights {
	w := r.LockInWeights
	return contracts.LockInWeights{
		NoExitPlan: w.NoExitPlan, NoOpenData: w.NoOpenData, Tenure: w.Tenure,
		VendorShare: w.VendorShare, TacitRenewal: w.TacitRenewal,
		CriticalWithoutContinuity: w.CriticalWithoutContinuity,
	}
}

// IndexRates returns the configured indexation for
// contracts.ContractYearSpend; the map is a copy.
func (r RulesConfig) IndexRates() contracts.IndexRates {
	by := make(map[int]int, len(r.Indexation))
	for y, rate := range r.Indexation {
		by[y] = rate
	}
	return contracts.IndexRates{ByYear: by, Default: r.IndexationDefault}
}

// defaultIndexation is 3 % a year: an assumption, stated as such on the
// pages, until the organization enters the CBS J62 figures.
const defaultIndexation = 300

// setDefaults holds every default; Bind relies on each key having one, so
// that a key set only in the environment still reaches Unmarshal.
func setDefaults(v *viper.Viper) {
	v.SetDefault("server.addr", "127.0.0.1:8080")
	v.SetDefault("server.readTimeout", 30*time.Second)
	v.SetDefault("server.writeTimeout", 120*time.Second)
	v.SetDefault("server.idleTimeout", 120*time.Second)
	v.SetDefault("server.shutdownTimeout", 15*time.Second)
	v.SetDefault("server.bodyLimitMB", 64)
	v.SetDefault("server.heavyReads", 2)
	v.SetDefault("imports.maxConcurrent", 2)
	v.SetDefault("imports.maxRows", 250_000)
	v.SetDefault("imports.maxCells", 5_000_000)
	v.SetDefault("imports.maxCellBytes", 32_767)
	v.SetDefault("imports.maxUnpackedMB", 256)
	v.SetDefault("audit.keyFile", "")
	v.SetDefault("audit.checkpointFile", "")
	v.SetDefault("db.path", "data/samenkoop.db")
	v.SetDefault("db.autoMigrate", true)
	v.SetDefault("db.busyTimeout", 5*time.Second)
	v.SetDefault("auth.sessionLifetime", 12*time.Hour)
	v.SetDefault("auth.idleTimeout", 30*time.Minute)
	v.SetDefault("auth.secureCookies", false)
	v.SetDefault("auth.loginFailures", 10)
	v.SetDefault("auth.loginWindow", time.Minute)
	v.SetDefault("log.level", "info")
	v.SetDefault("log.format", "text")
	v.SetDefault("demo.seed", 1)
	w := contracts.DefaultLockInWeights()
	v.SetDefault("rules.lockInWeights.noExitPlan", w.NoExitPlan)
	v.SetDefault("rules.lockInWeights.noOpenData", w.NoOpenData)
	v.SetDefault("rules.lockInWeights.tenure", w.Tenure)
	v.SetDefault("rules.lockInWeights.vendorShare", w.VendorShare)
	v.SetDefault("rules.lockInWeights.tacitRenewal", w.TacitRenewal)
	v.SetDefault("rules.lockInWeights.criticalWithoutContinuity", w.CriticalWithoutContinuity)
	v.SetDefault("rules.indexationDefault", defaultIndexation)
	pr := procurement.DefaultRules()
	v.SetDefault("rules.procurement.mustShareBasisPoints", pr.MustShare)
	v.SetDefault("rules.procurement.preparationDays", pr.Durations.Preparation)
	v.SetDefault("rules.procurement.selectionDays", pr.Durations.Selection)
	v.SetDefault("rules.procurement.evaluationDays", pr.Durations.Evaluation)
	v.SetDefault("rules.procurement.implementationDays", pr.Durations.Implementation)
	v.SetDefault("rules.procurement.openPINDays", pr.Limits.OpenPIN)
	b := procurement.DefaultBundling()
	v.SetDefault("rules.bundling.windowMonths", b.WindowMonths)
	v.SetDefault("rules.bundling.costPerTender", b.CostPerTender)
	v.SetDefault("rules.bundling.jointCostPerParticipant", b.JointCostPerParticipant)
	v.SetDefault("rules.bundling.volumeDiscountBasisPoints", b.VolumeDiscountBasisPoints)
	var equal []string
	for _, d := range contracts.DefaultEqualDays() {
		equal = append(equal, d.String())
	}
	v.SetDefault("rules.calendar.equalDays", equal)
	v.SetDefault("exports.ocidPrefix", "ocds-samenkoop")
	v.SetDefault("api.contact.name", "Samenkoop")
	v.SetDefault("api.contact.url", "")
	v.SetDefault("api.contact.email", "")
	// rules.indexation has no default: without figures every year takes
	// indexationDefault. New binds its environment variable by hand.
}

// New returns a viper instance with the defaults and one environment
// variable per key (db.path → SAMENKOOP_DB_PATH), plus the short aliases
// SAMENKOOP_DB and SAMENKOOP_ADDR.
//
// Keys are bound one by one rather than with AutomaticEnv: with it,
// SAMENKOOP_DB would be read as the whole "db" section and replace it with
// a string.
func New() *viper.Viper {
	v := viper.New()
	setDefaults(v)
	for _, key := range v.AllKeys() {
		_ = v.BindEnv(key, EnvName(key))
	}
	// The long form is listed first, so it wins when both are set.
	_ = v.BindEnv("db.path", EnvName("db.path"), "SAMENKOOP_DB")
	_ = v.BindEnv("server.addr", EnvName("server.addr"), "SAMENKOOP_ADDR")
	// A map has no keys of its own to bind; SAMENKOOP_RULES_INDEXATION
	// takes "2025=350,2026=280" (see envYearRates).
	_ = v.BindEnv("rules.indexation", EnvName("rules.indexation"))
	return v
}

// EnvName returns the environment variable for a key.
func EnvName(key string) string {
	return "SAMENKOOP_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// ReadFile reads the config file: path when given (it must exist), else
// samenkoop.yaml in the working directory when present.
func ReadFile(v *viper.Viper, path string) error {
	if path != "" {
		v.SetConfigFile(path)
		if err := v.ReadInConfig(); err != nil {
			return fmt.Errorf("config: read %s: %w", path, err)
		}
		return nil
	}
	// The file is named exactly: viper's SetConfigName would also match
	// a file "samenkoop" without extension, which is the built binary.
	const name = "samenkoop.yaml"
	if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	v.SetConfigFile(name)
	if err := v.ReadInConfig(); err != nil {
		return fmt.Errorf("config: read %s: %w", name, err)
	}
	return nil
}

// Load unmarshals v into a Config and validates it, returning every
// problem: keys nobody knows (a typo such as "sever:"), values of the wrong
// type, and values out of range, all at once.
func Load(v *viper.Viper) (Config, error) {
	var c Config
	var errs []error
	if err := envYearRates(v); err != nil {
		errs = append(errs, err)
	}
	decodeErr := v.UnmarshalExact(&c)
	if decodeErr != nil {
		errs = append(errs, fmt.Errorf("%s", strings.TrimPrefix(decodeErr.Error(), "decoding failed due to the following error(s):\n\n")))
	}
	if err := c.Validate(); err != nil {
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			// A value that failed to decode is zero and would be reported
			// twice; its decode error says more.
			key, _, _ := strings.Cut(e.Error(), ":")
			if decodeErr == nil || !strings.Contains(strings.ToLower(decodeErr.Error()), strings.ToLower(key)) {
				errs = append(errs, e)
			}
		}
	}
	return c, errors.Join(errs...)
}

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
	if strings.TrimSpace(c.DB.Path) == "" {
		bad("db.path", "is required")
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

// envYearRates turns the environment's form of rules.indexation,
// SAMENKOOP_RULES_INDEXATION="2025=350,2026=280", into the year → basis
// points map the file's YAML gives. A malformed value is reported and
// dropped, so it is not reported a second time as a type error.
func envYearRates(v *viper.Viper) error {
	s, ok := v.Get("rules.indexation").(string)
	if !ok {
		return nil
	}
	out := map[string]any{}
	var err error
	for _, pair := range strings.Split(s, ",") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		y, bp, ok := strings.Cut(pair, "=")
		year, yerr := strconv.Atoi(strings.TrimSpace(y))
		rate, rerr := strconv.Atoi(strings.TrimSpace(bp))
		if !ok || yerr != nil || rerr != nil {
			err = fmt.Errorf("rules.indexation: %q is not YEAR=BASISPOINTS, e.g. 2025=350,2026=280", pair)
			out = map[string]any{}
			break
		}
		out[strconv.Itoa(year)] = rate
	}
	v.Set("rules.indexation", out)
	return err
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

// Loader is what cmd/samenkoop holds: a viper instance it binds flags to,
// without importing viper itself.
type Loader struct{ v *viper.Viper }

// NewLoader returns a Loader with the defaults and environment bindings.
func NewLoader() *Loader { return &Loader{v: New()} }

// BindFlag makes a command-line flag set key when the user gives it; an
// unset flag leaves key to the environment, the file and the default.
func (l *Loader) BindFlag(key string, f *pflag.Flag) {
	if err := l.v.BindPFlag(key, f); err != nil {
		// Only a nil flag fails, which is a wiring bug in cmd/samenkoop.
		panic(fmt.Sprintf("config: bind flag for %s: %v", key, err))
	}
}

// Load reads configFile (or ./samenkoop.yaml when present) and returns the
// validated configuration.
func (l *Loader) Load(configFile string) (Config, error) {
	if err := ReadFile(l.v, configFile); err != nil {
		return Config{}, err
	}
	return Load(l.v)
}
