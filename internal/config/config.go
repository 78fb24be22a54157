// Package config turns flags, SAMENKOOP_* environment variables, the
// samenkoop.yaml file and defaults into a typed, validated Config. It is
// the only package that imports viper, and only cmd/samenkoop imports it.
package config

import (
	"time"

	"github.com/samenkoop/samenkoop/internal/dburl"
)

// This file holds the Config type and its sections; the rules section is
// in rules.go, the defaults in defaults.go, reading the environment and
// the file in load.go, and validation in validate.go.

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
	// tender id. The default, exports.DefaultOCIDPrefix, is deliberately
	// not registered: Warnings says so until a registered one is set.
	OCIDPrefix string `mapstructure:"ocidPrefix"`
	// OCDSLicense is the URL of the licence of the published OCDS data,
	// the package's license field; OCDSPublicationPolicy the URL of the
	// publisher's publication policy, its publicationPolicy field. Both
	// default to empty, which leaves the field out: choosing a licence is
	// the publisher's decision (Dutch government open data commonly uses
	// CC0 1.0, https://creativecommons.org/publicdomain/zero/1.0/).
	OCDSLicense           string `mapstructure:"ocdsLicense"`
	OCDSPublicationPolicy string `mapstructure:"ocdsPublicationPolicy"`
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
	// HeavyExports is how many exports and reports (dependency report,
	// spend workbook, tender dossier, OCDS, contract list) are made at
	// once, apart from HeavyReads; a caller beyond it waits briefly, then
	// gets 503 with Retry-After. The database keeps reader connections
	// beyond both limits for the other requests.
	HeavyExports int `mapstructure:"heavyExports"`
}

// DBConfig configures the store: SQLite (the default, the file at Path)
// or PostgreSQL (the database at URL, which several servers may share).
type DBConfig struct {
	// Driver is "sqlite" or "postgres" (SAMENKOOP_DB_DRIVER).
	Driver string `mapstructure:"driver"`
	// URL is the PostgreSQL database's URL, required with the postgres
	// driver (SAMENKOOP_DB_URL): postgres://user:password@host:5432/db.
	// It may hold a password: show it with Display, never as it is.
	URL         string        `mapstructure:"url"`
	Path        string        `mapstructure:"path"`
	AutoMigrate bool          `mapstructure:"autoMigrate"`
	BusyTimeout time.Duration `mapstructure:"busyTimeout"`
}

// Target is what the store opens: the URL on PostgreSQL, the file's path
// on SQLite.
func (c DBConfig) Target() string {
	if c.Driver == "postgres" {
		return c.URL
	}
	return c.Path
}

// Display names the database for messages and logs: the file's path, or
// the URL with its password replaced by "xxxxx".
func (c DBConfig) Display() string {
	if c.Driver != "postgres" {
		return c.Path
	}
	return dburl.Redact(c.URL)
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
