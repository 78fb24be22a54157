package main

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/samenkoop/samenkoop/internal/config"
	corev1 "k8s.io/api/core/v1"
)

// configEnv returns the environment variables the server's configuration
// reads: one per key (internal/config), the short aliases, and
// rules.indexation's.
func configEnv() map[string]bool {
	env := map[string]bool{"SAMENKOOP_DB": true, "SAMENKOOP_ADDR": true, config.EnvName("rules.indexation"): true}
	for _, k := range config.New().AllKeys() {
		env[config.EnvName(k)] = true
	}
	return env
}

// secretStandIns are values that stand for a Secret's variable when the
// configuration is loaded: the real value is not in the manifests, but
// the configuration refuses some keys when they are empty (db.url with
// the postgres driver). A variable from a Secret not named here keeps its
// default.
var secretStandIns = map[string]string{
	"SAMENKOOP_DB_URL": "postgres://samenkoop:from-the-secret@database.invalid:5432/samenkoop",
}

// runtimeEnv are the Go runtime's variables a pod may set.
var runtimeEnv = map[string]bool{"GOMEMLIMIT": true, "GOMAXPROCS": true, "GOGC": true, "GODEBUG": true}

// podEnv is a container's environment as far as the manifests tell it.
type podEnv struct {
	values  map[string]string                     // literal values and ConfigMap entries
	secrets map[string]corev1.SecretKeySelector   // from a Secret, value unknown here
	other   map[string]*corev1.EnvVarSource       // from the downward API
	from    map[string]string                     // where each name came from, for messages
	refs    map[string]*corev1.ConfigMapEnvSource // the ConfigMaps read whole
}

// environment resolves the container's environment against the
// ConfigMaps of the build and checks every name.
func (c *checker) environment(where string, ctr corev1.Container, configMaps map[string]*corev1.ConfigMap) podEnv {
	e := podEnv{values: map[string]string{}, secrets: map[string]corev1.SecretKeySelector{}, other: map[string]*corev1.EnvVarSource{},
		from: map[string]string{}, refs: map[string]*corev1.ConfigMapEnvSource{}}
	for _, src := range ctr.EnvFrom {
		switch {
		case src.ConfigMapRef != nil:
			cm := configMaps[src.ConfigMapRef.Name]
			if cm == nil {
				c.addf(where, "envFrom ConfigMap %q is not among the manifests", src.ConfigMapRef.Name)
				continue
			}
			e.refs[cm.Name] = src.ConfigMapRef
			for k, v := range cm.Data {
				e.values[src.Prefix+k] = v
				e.from[src.Prefix+k] = "ConfigMap " + cm.Name
			}
		case src.SecretRef != nil:
			c.addf(where, "envFrom Secret %q: name the variables one by one (env with secretKeyRef), so that each is checked", src.SecretRef.Name)
		}
	}
	for _, ev := range ctr.Env {
		e.from[ev.Name] = "env"
		delete(e.values, ev.Name)
		switch {
		case ev.ValueFrom == nil:
			e.values[ev.Name] = ev.Value
		case ev.ValueFrom.SecretKeyRef != nil:
			e.secrets[ev.Name] = *ev.ValueFrom.SecretKeyRef
		case ev.ValueFrom.ConfigMapKeyRef != nil:
			ref := ev.ValueFrom.ConfigMapKeyRef
			cm := configMaps[ref.Name]
			if cm == nil {
				c.addf(where, "env %s: ConfigMap %q is not among the manifests", ev.Name, ref.Name)
				continue
			}
			v, ok := cm.Data[ref.Key]
			if !ok {
				c.addf(where, "env %s: ConfigMap %q has no key %q", ev.Name, ref.Name, ref.Key)
			}
			e.values[ev.Name] = v
		default:
			e.other[ev.Name] = ev.ValueFrom
		}
	}
	for _, name := range sortedKeys(e.from) {
		switch {
		case strings.HasPrefix(name, "SAMENKOOP_"):
			if !c.env[name] {
				c.addf(where, "%s (%s): the configuration has no such key (samenkoop.example.yaml lists them)", name, e.from[name])
			}
		case !runtimeEnv[name]:
			c.addf(where, "%s (%s): neither the configuration nor the Go runtime reads it", name, e.from[name])
		}
	}
	if v, ok := e.values["GOMEMLIMIT"]; ok {
		c.memLimit(where, v, ctr.Resources.Limits)
	}
	return e
}

// config loads the configuration the container gets, as the server would
// from its environment, and reports what the configuration rejects.
// Variables from Secrets keep their defaults or a stand-in
// (secretStandIns): their values are not here.
func (c *checker) config(where string, e podEnv) (config.Config, bool) {
	restore := clearEnv()
	defer restore()
	for k, v := range e.values {
		if strings.HasPrefix(k, "SAMENKOOP_") {
			os.Setenv(k, v)
		}
	}
	for k := range e.secrets {
		if v, ok := secretStandIns[k]; ok {
			os.Setenv(k, v)
		}
	}
	cfg, err := config.Load(config.New())
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			c.addf(where, "the configuration from this environment is invalid: %s", strings.TrimSpace(line))
		}
		return cfg, false
	}
	return cfg, true
}

// clearEnv unsets every SAMENKOOP_* variable of this process and returns
// the function that puts them back.
func clearEnv() func() {
	saved := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "SAMENKOOP_") {
			saved[k] = v
			os.Unsetenv(k)
		}
	}
	return func() {
		for _, kv := range os.Environ() {
			if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "SAMENKOOP_") {
				os.Unsetenv(k)
			}
		}
		for k, v := range saved {
			os.Setenv(k, v)
		}
	}
}

// memLimit checks that GOMEMLIMIT lies under the container's memory
// limit, so that the collector works harder before the kernel kills.
func (c *checker) memLimit(where, v string, limits corev1.ResourceList) {
	n, err := goBytes(v)
	if err != nil {
		c.addf(where, "GOMEMLIMIT %q: %v", v, err)
		return
	}
	limit, ok := limits[corev1.ResourceMemory]
	if !ok {
		return // reported with the resources
	}
	if n >= limit.Value() {
		c.addf(where, "GOMEMLIMIT %s is not under limits.memory %s", v, limit.String())
	}
}

// goBytes parses a GOMEMLIMIT value: a number of bytes with an optional
// unit B, KiB, MiB, GiB or TiB.
func goBytes(v string) (int64, error) {
	for i, unit := range []string{"TiB", "GiB", "MiB", "KiB", "B"} {
		if num, ok := strings.CutSuffix(v, unit); ok {
			n, err := strconv.ParseInt(num, 10, 64)
			if err != nil || n < 0 {
				return 0, fmt.Errorf("not a number of %s", unit)
			}
			return n << (10 * (4 - i)), nil
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("not bytes with a unit B, KiB, MiB, GiB or TiB")
	}
	return n, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
