package main

import (
	"strings"
	"testing"
	"time"
)

// TestConfigIsBounded: the generator talks to this machine only, with a
// bounded number of connections and servers for a bounded time.
func TestConfigIsBounded(t *testing.T) {
	ok := config{addrs: []string{"127.0.0.1:8080"}, tokens: []string{"skt_x"}, conns: 64, duration: 30 * time.Second, ids: "keep"}
	if err := ok.check(); err != nil {
		t.Fatalf("check(%+v) = %v, want nil", ok, err)
	}
	for _, tc := range []struct {
		name string
		edit func(*config)
		want string
	}{
		{"another host", func(c *config) { c.addrs = []string{"192.0.2.10:8080"} }, "loopback"},
		{"a name", func(c *config) { c.addrs = []string{"example.org:80"} }, "loopback"},
		{"another host beside a loopback one", func(c *config) { c.addrs = []string{"127.0.0.1:8080", "192.0.2.10:8080"} }, "loopback"},
		{"too many servers", func(c *config) {
			c.addrs = strings.Split(strings.Repeat("127.0.0.1:8080,", maxServers+1), ",")[:maxServers+1]
		}, "-addr"},
		{"too many connections", func(c *config) { c.conns = maxConnections + 1 }, "-c"},
		{"no connection", func(c *config) { c.conns = 0 }, "-c"},
		{"too long", func(c *config) { c.duration = maxDuration + time.Second }, "-d"},
		{"no token", func(c *config) { c.tokens = nil }, "-token"},
		{"two tokens for three servers", func(c *config) {
			c.addrs, c.tokens = []string{"127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3"}, []string{"a", "b"}
		}, "-token"},
		{"compare one server", func(c *config) { c.compare = true }, "-compare"},
		{"unknown id mode", func(c *config) { c.ids = "drop" }, "-ids"},
		{"too many bench runs", func(c *config) { c.bench = maxBenchRuns + 1 }, "-bench"},
	} {
		c := ok
		tc.edit(&c)
		if err := c.check(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: check = %v, want an error about %s", tc.name, err, tc.want)
		}
	}
	for _, addr := range []string{"localhost:8080", "[::1]:8080"} {
		c := ok
		c.addrs = []string{addr}
		if err := c.check(); err != nil {
			t.Errorf("check(%s) = %v, want nil", addr, err)
		}
	}
}

// TestAddressesAndTokens: -addr and -token take repeated and
// comma-separated values; one token serves every server, or each server
// has its own in order.
func TestAddressesAndTokens(t *testing.T) {
	var l listFlag
	for _, v := range []string{"127.0.0.1:8080, 127.0.0.1:8081", "127.0.0.1:8082"} {
		if err := l.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	if got := l.String(); got != "127.0.0.1:8080,127.0.0.1:8081,127.0.0.1:8082" {
		t.Errorf("-addr list = %s", got)
	}
	c := config{addrs: l, tokens: []string{"one"}}
	if c.token(2) != "one" {
		t.Errorf("a single token is not used for every server")
	}
	c.tokens = []string{"a", "b", "c"}
	if c.token(0) != "a" || c.token(2) != "c" {
		t.Errorf("tokens per server = %s %s, want a c", c.token(0), c.token(2))
	}
}
