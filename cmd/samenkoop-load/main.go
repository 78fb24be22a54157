// Command samenkoop-load is a closed-loop load generator for Samenkoop
// servers on this machine: a fixed number of connections, each sending its
// next request when the previous answer has arrived, for a bounded time.
// The mix is what the register's users do all day: the contract list of
// the API (one organization and all), contract details, the alerts, and
// the coordinator's /contracten page (first pages and pages further on by
// cursor). It prints requests per second, p50, p99 and the errors.
//
//	samenkoop-load -addr 127.0.0.1:8080 -token skt_… \
//	    -email coordinator@demo.samenkoop.nl -password samenkoop-demo -c 64 -d 30s
//
// Several servers on one database are loaded together by naming each
// (-addr repeated or comma-separated): the connections are spread over
// them in turn, and each server is logged in to on its own.
//
// Two other modes read instead of loading:
//
//	-compare  asks two servers (seeded alike, e.g. one on SQLite and one
//	          on PostgreSQL) the same sample of API requests and reports
//	          every answer that differs (compare.go);
//	-bench N  times the contract list, concentration and bundles N times
//	          each, one request at a time, per server (bench.go).
//
// It only talks to loopback addresses, and bounds connections and time.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
)

const (
	maxConnections = 256
	maxDuration    = 10 * time.Minute
	maxServers     = 8
	maxBenchRuns   = 1000
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "samenkoop-load:", err)
		os.Exit(2)
	}
}

// listFlag is a flag that may be repeated and holds comma-separated
// values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

type config struct {
	addrs, tokens   []string
	email, password string
	conns           int
	duration        time.Duration
	// compare and bench choose the mode; ids says whether compare maps
	// ids to their order of appearance ("normalize") or keeps them.
	compare bool
	bench   int
	ids     string
}

func run(args []string, out io.Writer) error {
	var cfg config
	var addrs, tokens listFlag
	fs := flag.NewFlagSet("samenkoop-load", flag.ContinueOnError)
	fs.Var(&addrs, "addr", "a server's address HOST:PORT, loopback only; repeat or separate by commas for several (default 127.0.0.1:8080)")
	fs.Var(&tokens, "token", "API token (samenkoop token create --user …) of a user who sees all organizations; one for every server, or one per -addr in order")
	fs.StringVar(&cfg.email, "email", "coordinator@demo.samenkoop.nl", "login of the coordinator whose /contracten pages are asked")
	fs.StringVar(&cfg.password, "password", "samenkoop-demo", "that login's password")
	fs.IntVar(&cfg.conns, "c", 64, fmt.Sprintf("connections, at most %d", maxConnections))
	fs.DurationVar(&cfg.duration, "d", 30*time.Second, fmt.Sprintf("how long to run, at most %s", maxDuration))
	fs.BoolVar(&cfg.compare, "compare", false, "compare the answers of two servers (two -addr) to a sample of API requests instead of loading")
	fs.StringVar(&cfg.ids, "ids", "keep", "with -compare: keep ids as they are, or normalize them to their order of appearance")
	fs.IntVar(&cfg.bench, "bench", 0, fmt.Sprintf("time the contract list, concentration and bundles this many times each (at most %d) instead of loading", maxBenchRuns))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(addrs) == 0 {
		addrs = listFlag{"127.0.0.1:8080"}
	}
	cfg.addrs, cfg.tokens = addrs, tokens
	if err := cfg.check(); err != nil {
		return err
	}
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.conns, MaxConnsPerHost: cfg.conns},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer client.CloseIdleConnections()
	switch {
	case cfg.compare:
		return compare(client, cfg, out)
	case cfg.bench > 0:
		return bench(client, cfg, out)
	}
	var mixes []*mix
	for i, addr := range cfg.addrs {
		base := "http://" + addr
		cookie, err := login(client, base, cfg.email, cfg.password)
		if err != nil {
			return fmt.Errorf("%s: %w", addr, err)
		}
		m, err := newMix(client, base, cfg.token(i), cookie)
		if err != nil {
			return fmt.Errorf("%s: %w", addr, err)
		}
		mixes = append(mixes, m)
	}
	res := load(client, mixes, cfg.conns, cfg.duration)
	res.print(out, cfg)
	return nil
}

// token is the API token for the i-th server.
func (c config) token(i int) string {
	if len(c.tokens) == 1 {
		return c.tokens[0]
	}
	return c.tokens[i]
}

func (c config) check() error {
	if len(c.addrs) > maxServers {
		return fmt.Errorf("-addr: at most %d servers", maxServers)
	}
	for _, addr := range c.addrs {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			return fmt.Errorf("-addr %q: %w", addr, err)
		}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("-addr %q: only a loopback address (127.0.0.1, ::1, localhost)", addr)
		}
	}
	if c.conns < 1 || c.conns > maxConnections {
		return fmt.Errorf("-c %d: 1 to %d", c.conns, maxConnections)
	}
	if c.duration <= 0 || c.duration > maxDuration {
		return fmt.Errorf("-d %s: up to %s", c.duration, maxDuration)
	}
	switch {
	case len(c.tokens) == 0:
		return errors.New("-token is required (samenkoop token create --user beheerder@demo.samenkoop.nl)")
	case len(c.tokens) != 1 && len(c.tokens) != len(c.addrs):
		return fmt.Errorf("-token: %d tokens for %d servers; give one for all or one per -addr", len(c.tokens), len(c.addrs))
	}
	if c.compare && len(c.addrs) != 2 {
		return fmt.Errorf("-compare: two -addr, got %d", len(c.addrs))
	}
	if c.ids != "keep" && c.ids != "normalize" {
		return fmt.Errorf("-ids %q: keep or normalize", c.ids)
	}
	if c.bench < 0 || c.bench > maxBenchRuns {
		return fmt.Errorf("-bench %d: 1 to %d", c.bench, maxBenchRuns)
	}
	if c.compare && c.bench > 0 {
		return errors.New("-compare and -bench: one mode at a time")
	}
	return nil
}

// login signs in through the login form and returns the session cookie.
func login(client *http.Client, base, email, password string) (*http.Cookie, error) {
	resp, err := client.Get(base + "/inloggen")
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	var csrf *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "samenkoop_csrf" {
			csrf = c
		}
	}
	if csrf == nil {
		return nil, errors.New("login form: no CSRF cookie")
	}
	form := url.Values{"email": {email}, "password": {password}, "_csrf": {csrf.Value}}
	req, _ := http.NewRequest("POST", base+"/inloggen", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.AddCookie(csrf)
	resp, err = client.Do(req)
	if err != nil {
		return nil, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if c.Name == "samenkoop_session" && c.Value != "" {
			return c, nil
		}
	}
	return nil, fmt.Errorf("login as %s: %s, no session", email, resp.Status)
}
