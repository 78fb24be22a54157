package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Loading the configuration: the environment variable of each key, the
// samenkoop.yaml file, and the Loader that cmd/samenkoop binds its flags
// to.

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
