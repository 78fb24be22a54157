package main

import (
	"strings"
	"testing"
	"time"
)

// TestConfigIsBounded: the generator talks to this machine only, with a
// bounded number of connections for a bounded time.
func TestConfigIsBounded(t *testing.T) {
	ok := config{addr: "127.0.0.1:8080", token: "skt_x", conns: 64, duration: 30 * time.Second}
	if err := ok.check(); err != nil {
		t.Fatalf("check(%+v) = %v, want nil", ok, err)
	}
	for _, tc := range []struct {
		name string
		edit func(*config)
		want string
	}{
		{"another host", func(c *config) { c.addr = "192.0.2.10:8080" }, "loopback"},
		{"a name", func(c *config) { c.addr = "example.org:80" }, "loopback"},
		{"too many connections", func(c *config) { c.conns = maxConnections + 1 }, "-c"},
		{"no connection", func(c *config) { c.conns = 0 }, "-c"},
		{"too long", func(c *config) { c.duration = maxDuration + time.Second }, "-d"},
		{"no token", func(c *config) { c.token = "" }, "-token"},
	} {
		c := ok
		tc.edit(&c)
		if err := c.check(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: check = %v, want an error about %s", tc.name, err, tc.want)
		}
	}
	for _, addr := range []string{"localhost:8080", "[::1]:8080"} {
		c := ok
		c.addr = addr
		if err := c.check(); err != nil {
			t.Errorf("check(%s) = %v, want nil", addr, err)
		}
	}
}
