package config

import (
	"strings"
	"testing"
	"time"
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
	for _, key := range []string{"server.addr", "server.bodyLimitMB", "log.level", "log.format", "db.busyTimeout"} {
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
