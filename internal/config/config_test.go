package config

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestPrecedenceEnvOverFileOverDefaults(t *testing.T) {
	t.Setenv("SAMENKOOP_DB", "/tmp/from-env.db")
	v := New()
	if err := ReadFile(v, "testdata/valid.yaml"); err != nil {
		t.Fatal(err)
	}
	c, err := Load(v)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.DB.Path != "/tmp/from-env.db" {
		t.Errorf("db.path = %q, want the env value over the file's", c.DB.Path)
	}
	if c.Server.Addr != "127.0.0.1:9090" {
		t.Errorf("server.addr = %q, want the file's value over the default", c.Server.Addr)
	}
	if c.Server.ShutdownTimeout != 15*time.Second {
		t.Errorf("server.shutdownTimeout = %v, want the default 15s", c.Server.ShutdownTimeout)
	}
}

func TestFlagOverEnv(t *testing.T) {
	t.Setenv("SAMENKOOP_ADDR", "127.0.0.1:7000")
	v := New()
	v.Set("server.addr", "127.0.0.1:6000") // what a bound, changed flag does
	c, err := Load(v)
	if err != nil || c.Server.Addr != "127.0.0.1:6000" {
		t.Errorf("Load = %+v, %v; want the flag's address", c.Server, err)
	}
}

func TestEnvOnlyKeyReachesConfig(t *testing.T) {
	t.Setenv("SAMENKOOP_LOG_LEVEL", "debug")
	c, err := Load(New())
	if err != nil || c.Log.Level != "debug" {
		t.Errorf("log.level = %q, %v; want debug from SAMENKOOP_LOG_LEVEL", c.Log.Level, err)
	}
}

// TestAPIContact: the operator's contact for the OpenAPI document comes
// from the environment like any key; the name defaults to Samenkoop.
func TestAPIContact(t *testing.T) {
	c, err := Load(New())
	if err != nil || c.API.Contact.Name != "Samenkoop" || c.API.Contact.Email != "" {
		t.Errorf("default api.contact = %+v, %v; want the name Samenkoop only", c.API.Contact, err)
	}
	t.Setenv("SAMENKOOP_API_CONTACT_EMAIL", "servicedesk@example.nl")
	t.Setenv("SAMENKOOP_API_CONTACT_URL", "https://www.example.nl/samenkoop")
	c, err = Load(New())
	if err != nil || c.API.Contact.Email != "servicedesk@example.nl" || c.API.Contact.URL != "https://www.example.nl/samenkoop" {
		t.Errorf("api.contact = %+v, %v; want the e-mail address and URL from the environment", c.API.Contact, err)
	}
}

func TestDefaultsAreValidAndLoopback(t *testing.T) {
	c, err := Load(New())
	if err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	if c.Server.Addr != "127.0.0.1:8080" || c.DB.Path != "data/samenkoop.db" {
		t.Errorf("defaults = %q, %q; want loopback 8080 and data/samenkoop.db", c.Server.Addr, c.DB.Path)
	}
}

func TestInvalidConfigListsEveryProblem(t *testing.T) {
	v := New()
	if err := ReadFile(v, "testdata/invalid.yaml"); err != nil {
		t.Fatal(err)
	}
	_, err := Load(v)
	if err == nil {
		t.Fatal("Load(invalid.yaml) succeeded")
	}
	for _, key := range []string{"server.addr", "server.bodyLimitMB", "log.level", "log.format", "db.busyTimeout", "api.contact.url", "api.contact.email"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error does not name %s:\n%v", key, err)
		}
	}
}

func TestUnknownKeysAndBadTypesAreReportedWithTheRest(t *testing.T) {
	v := New()
	if err := ReadFile(v, "testdata/typos.yaml"); err != nil {
		t.Fatal(err)
	}
	_, err := Load(v)
	if err == nil {
		t.Fatal("Load(typos.yaml) succeeded")
	}
	for _, want := range []string{"sever", "bodyLimitMB", "log.level"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s:\n%v", want, err)
		}
	}
}

func TestExampleFileIsValid(t *testing.T) {
	v := New()
	if err := ReadFile(v, "../../samenkoop.example.yaml"); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(v); err != nil {
		t.Errorf("samenkoop.example.yaml is invalid: %v", err)
	}
}

func TestRulesDefaults(t *testing.T) {
	c, err := Load(New())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got, want := c.Rules.Weights(), contracts.DefaultLockInWeights(); got != want {
		t.Errorf("rules.lockInWeights = %+v, want DESIGN §4's %+v", got, want)
	}
	if got := c.Rules.IndexRates(); got.Default != 300 || len(got.ByYear) != 0 {
		t.Errorf("indexation = %+v, want the 3 %% assumption and no yearly figures", got)
	}
}

func TestRulesFromFile(t *testing.T) {
	v := New()
	if err := ReadFile(v, "testdata/rules.yaml"); err != nil {
		t.Fatal(err)
	}
	c, err := Load(v)
	if err != nil {
		t.Fatalf("Load(rules.yaml): %v", err)
	}
	want := contracts.LockInWeights{NoExitPlan: 25, NoOpenData: 25, Tenure: 20, VendorShare: 20, TacitRenewal: 5, CriticalWithoutContinuity: 5}
	if got := c.Rules.Weights(); got != want {
		t.Errorf("rules.lockInWeights = %+v, want %+v", got, want)
	}
	idx := c.Rules.IndexRates()
	if idx.Default != 250 || len(idx.ByYear) != 2 || idx.ByYear[2025] != 350 || idx.ByYear[2026] != 280 {
		t.Errorf("indexation = %+v, want 2025: 350, 2026: 280, default 250", idx)
	}
}

func TestEnvOverridesLockInWeights(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    contracts.LockInWeights
		wantErr string
	}{
		{"one weight raised: the sum no longer is 100",
			map[string]string{"SAMENKOOP_RULES_LOCKINWEIGHTS_TENURE": "30"},
			contracts.LockInWeights{NoExitPlan: 20, NoOpenData: 20, Tenure: 30, VendorShare: 20, TacitRenewal: 10, CriticalWithoutContinuity: 10}, "rules.lockInWeights: must sum to 100, got 110"},
		{"one weight moved to another: valid",
			map[string]string{"SAMENKOOP_RULES_LOCKINWEIGHTS_TENURE": "10", "SAMENKOOP_RULES_LOCKINWEIGHTS_NOEXITPLAN": "30"},
			contracts.LockInWeights{NoExitPlan: 30, NoOpenData: 20, Tenure: 10, VendorShare: 20, TacitRenewal: 10, CriticalWithoutContinuity: 10}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, val := range tt.env {
				t.Setenv(k, val)
			}
			c, err := Load(New())
			if got := c.Rules.Weights(); got != tt.want {
				t.Errorf("rules.lockInWeights = %+v, want %+v", got, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Load: %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("Load: %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestEnvIndexation(t *testing.T) {
	t.Setenv("SAMENKOOP_RULES_INDEXATION", "2025=350, 2026=280")
	t.Setenv("SAMENKOOP_RULES_INDEXATIONDEFAULT", "200")
	c, err := Load(New())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if idx := c.Rules.IndexRates(); idx.Default != 200 || len(idx.ByYear) != 2 || idx.ByYear[2025] != 350 || idx.ByYear[2026] != 280 {
		t.Errorf("indexation = %+v, want 2025: 350, 2026: 280, default 200", idx)
	}

	t.Setenv("SAMENKOOP_RULES_INDEXATION", "2025:350")
	_, err = Load(New())
	if err == nil || !strings.Contains(err.Error(), `rules.indexation: "2025:350" is not YEAR=BASISPOINTS`) {
		t.Errorf("Load with SAMENKOOP_RULES_INDEXATION=2025:350: %v, want a YEAR=BASISPOINTS error", err)
	}
	if strings.Count(err.Error(), "\n") != 0 {
		t.Errorf("Load reported the bad indexation more than once:\n%v", err)
	}
}

func TestInvalidRulesListEveryProblem(t *testing.T) {
	v := New()
	if err := ReadFile(v, "testdata/rules_invalid.yaml"); err != nil {
		t.Fatal(err)
	}
	_, err := Load(v)
	if err == nil {
		t.Fatal("Load(rules_invalid.yaml) succeeded")
	}
	for _, want := range []string{
		"rules.lockInWeights: must sum to 100, got 85",
		"rules.lockInWeights: tenure must be 0–100, got -5",
		"rules.indexation[1999]: year must be 2000–2100",
		"rules.indexation[2026]: must be -2000–5000 basis points",
		"rules.indexationDefault: must be -2000–5000 basis points",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
}

// TestWorkingDirectoryFile: samenkoop.yaml in the working directory is
// read; a file named samenkoop without extension (the built binary) is
// not mistaken for it.
func TestWorkingDirectoryFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.WriteFile("samenkoop", []byte("\x7fELF\x00binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	v := New()
	if err := ReadFile(v, ""); err != nil {
		t.Fatalf("ReadFile with only the binary present: %v", err)
	}
	if err := os.WriteFile("samenkoop.yaml", []byte("server:\n  addr: 127.0.0.1:9191\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v = New()
	if err := ReadFile(v, ""); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(v); err != nil || c.Server.Addr != "127.0.0.1:9191" {
		t.Errorf("Load = %v, %v; want the address from samenkoop.yaml", c.Server.Addr, err)
	}
}

// TestCalendarEqualDays: rules.calendar.equalDays is the list of days made
// equal to a recognized holiday by decree (Algemene termijnenwet art. 3
// lid 3), the current decree by default, and it reaches the calendar the
// procurement rules plan with.
func TestCalendarEqualDays(t *testing.T) {
	day := func(s string) contracts.Date {
		d, err := contracts.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name    string
		env     string
		set     []string
		want    []contracts.Date
		wantErr string
	}{
		{"default: the decree's 2026-2028 days (Atw art. 3 lid 3)", "", nil, contracts.DefaultEqualDays(), ""},
		{"from the environment, comma-separated", "2029-05-11,2030-05-31", nil, []contracts.Date{day("2029-05-11"), day("2030-05-31")}, ""},
		{"from the file, a list; order and duplicates do not matter", "", []string{"2030-05-31", "2029-05-11", "2030-05-31"}, []contracts.Date{day("2029-05-11"), day("2030-05-31")}, ""},
		{"an empty list: no days made equal", "", []string{}, nil, ""},
		{"a date that does not exist is named", "", []string{"2029-05-11", "2029-02-30"}, []contracts.Date{day("2029-05-11")},
			`rules.calendar.equalDays[1]: "2029-02-30" is not a date like 2026-05-15`},
		{"a date out of bounds is named", "", []string{"1899-12-31"}, nil, `rules.calendar.equalDays[0]: "1899-12-31" is not a date`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.env != "" {
				t.Setenv("SAMENKOOP_RULES_CALENDAR_EQUALDAYS", tt.env)
			}
			v := New()
			if tt.set != nil {
				v.Set("rules.calendar.equalDays", tt.set)
			}
			c, err := Load(v)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Load: %v, want no error", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Load: %v, want %q", err, tt.wantErr)
			}
			got := c.Rules.ProcurementRules().Limits.Calendar.EqualDays()
			if len(got) != len(tt.want) {
				t.Fatalf("calendar equal days = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("calendar equal days = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestOCDSPackageKeys: the OCDS package's licence and publication policy
// are empty (left out) by default, reach the configuration from the
// environment, and must be absolute http(s) URLs when set.
func TestOCDSPackageKeys(t *testing.T) {
	c, err := Load(New())
	if err != nil || c.Exports.OCDSLicense != "" || c.Exports.OCDSPublicationPolicy != "" {
		t.Errorf("defaults: license %q, policy %q, %v; want both empty", c.Exports.OCDSLicense, c.Exports.OCDSPublicationPolicy, err)
	}
	t.Setenv("SAMENKOOP_EXPORTS_OCDSLICENSE", "https://creativecommons.org/publicdomain/zero/1.0/")
	t.Setenv("SAMENKOOP_EXPORTS_OCDSPUBLICATIONPOLICY", "https://samenkoop.example.nl/publicatiebeleid")
	c, err = Load(New())
	if err != nil || c.Exports.OCDSLicense != "https://creativecommons.org/publicdomain/zero/1.0/" ||
		c.Exports.OCDSPublicationPolicy != "https://samenkoop.example.nl/publicatiebeleid" {
		t.Errorf("from the environment: license %q, policy %q, %v", c.Exports.OCDSLicense, c.Exports.OCDSPublicationPolicy, err)
	}
	t.Setenv("SAMENKOOP_EXPORTS_OCDSLICENSE", "CC0")
	t.Setenv("SAMENKOOP_EXPORTS_OCDSPUBLICATIONPOLICY", "ftp://example.nl/beleid")
	_, err = Load(New())
	for _, key := range []string{"exports.ocdsLicense", "exports.ocdsPublicationPolicy"} {
		if err == nil || !strings.Contains(err.Error(), key+": ") {
			t.Errorf("a value that is no http(s) URL: error %v does not name %s", err, key)
		}
	}
}

// TestWarningsOCIDPrefix: a prefix not of the registered form ("ocds-"
// and 6 lowercase letters or digits, OCDS Identifiers) is valid but
// warned about; the default is such a prefix.
func TestWarningsOCIDPrefix(t *testing.T) {
	tests := []struct {
		prefix string
		want   string // a substring of the one warning; "" for none
	}{
		{"", "is the default, deliberately not a registered OCID prefix"},
		{"ocds-samenkoop", "is the default, deliberately not a registered OCID prefix"},
		{"ocds-ABC123", `"ocds-ABC123" is not a registered OCID prefix`},
		{"samenkoop", `"samenkoop" is not a registered OCID prefix`},
		{"ocds-213czf", ""},
	}
	for _, tt := range tests {
		t.Run(tt.prefix, func(t *testing.T) {
			t.Setenv("SAMENKOOP_EXPORTS_OCIDPREFIX", tt.prefix)
			c, err := Load(New())
			if err != nil {
				t.Fatalf("Load: %v (a prefix is warned about, never refused)", err)
			}
			got := c.Warnings()
			switch {
			case tt.want == "" && len(got) != 0:
				t.Errorf("Warnings() = %q, want none for a registered prefix", got)
			case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want) || !strings.Contains(got[0], "SAMENKOOP_EXPORTS_OCIDPREFIX")):
				t.Errorf("Warnings() = %q, want one naming %q and the variable to set", got, tt.want)
			}
		})
	}
}

// TestHeavyExports: server.heavyExports defaults to 2, comes from
// SAMENKOOP_SERVER_HEAVYEXPORTS, and must be 1–64.
func TestHeavyExports(t *testing.T) {
	c, err := Load(New())
	if err != nil || c.Server.HeavyExports != 2 {
		t.Fatalf("server.heavyExports = %d, %v; want the default 2", c.Server.HeavyExports, err)
	}
	tests := []struct {
		env     string
		want    int
		wantErr string
	}{
		{"5", 5, ""},
		{"64", 64, ""},
		{"0", 0, "server.heavyExports: must be 1–64, got 0"},
		{"65", 65, "server.heavyExports: must be 1–64, got 65"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			t.Setenv("SAMENKOOP_SERVER_HEAVYEXPORTS", tt.env)
			c, err := Load(New())
			if c.Server.HeavyExports != tt.want {
				t.Errorf("SAMENKOOP_SERVER_HEAVYEXPORTS=%s: server.heavyExports = %d, want %d", tt.env, c.Server.HeavyExports, tt.want)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("SAMENKOOP_SERVER_HEAVYEXPORTS=%s: Load: %v, want no error", tt.env, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("SAMENKOOP_SERVER_HEAVYEXPORTS=%s: Load: %v, want %q", tt.env, err, tt.wantErr)
			}
		})
	}
}

// TestDBDriver: db.driver is sqlite by default, postgres from the
// environment with its URL, and postgres without a URL or an unknown
// driver is a configuration error naming the key.
func TestDBDriver(t *testing.T) {
	c, err := Load(New())
	if err != nil || c.DB.Driver != "sqlite" {
		t.Fatalf("default db.driver = %q (%v), want sqlite", c.DB.Driver, err)
	}
	t.Setenv("SAMENKOOP_DB_DRIVER", "postgres")
	t.Setenv("SAMENKOOP_DB_URL", "postgres://samenkoop@db/samenkoop")
	if c, err := Load(New()); err != nil || c.DB.Driver != "postgres" || c.DB.URL != "postgres://samenkoop@db/samenkoop" {
		t.Errorf("db from the environment = %+v (%v), want postgres with its URL", c.DB, err)
	}
	t.Setenv("SAMENKOOP_DB_URL", "")
	if _, err := Load(New()); err == nil || !strings.Contains(err.Error(), "db.url") {
		t.Errorf("postgres without db.url: %v, want an error naming db.url", err)
	}
	t.Setenv("SAMENKOOP_DB_DRIVER", "mysql")
	if _, err := Load(New()); err == nil || !strings.Contains(err.Error(), "db.driver") {
		t.Errorf("db.driver mysql: %v, want an error naming db.driver", err)
	}
}
