// Command samenkoop-load is a closed-loop load generator for a Samenkoop
// server on this machine: a fixed number of connections, each sending its
// next request when the previous answer has arrived, for a bounded time.
// The mix is what the register's users do all day: the contract list of
// the API (one organization and all), contract details, the alerts, and
// the coordinator's /contracten page (first pages and pages further on by
// cursor). It prints requests per second, p50, p99 and the errors.
//
//	samenkoop-load -addr 127.0.0.1:8080 -token skt_… \
//	    -email coordinator@demo.samenkoop.nl -password samenkoop-demo -c 64 -d 30s
//
// It only talks to a loopback address, and bounds connections and time.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

const (
	maxConnections = 256
	maxDuration    = 10 * time.Minute
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "samenkoop-load:", err)
		os.Exit(2)
	}
}

type config struct {
	addr, token, email, password string
	conns                        int
	duration                     time.Duration
}

func run(args []string, out io.Writer) error {
	var cfg config
	fs := flag.NewFlagSet("samenkoop-load", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "the server's address; loopback only")
	fs.StringVar(&cfg.token, "token", "", "API token (samenkoop token create --user …) of a user who sees all organizations")
	fs.StringVar(&cfg.email, "email", "coordinator@demo.samenkoop.nl", "login of the coordinator whose /contracten pages are asked")
	fs.StringVar(&cfg.password, "password", "samenkoop-demo", "that login's password")
	fs.IntVar(&cfg.conns, "c", 64, fmt.Sprintf("connections, at most %d", maxConnections))
	fs.DurationVar(&cfg.duration, "d", 30*time.Second, fmt.Sprintf("how long to run, at most %s", maxDuration))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cfg.check(); err != nil {
		return err
	}
	base := "http://" + cfg.addr
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.conns, MaxConnsPerHost: cfg.conns},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cookie, err := login(client, base, cfg.email, cfg.password)
	if err != nil {
		return err
	}
	mix, err := newMix(client, base, cfg.token, cookie)
	if err != nil {
		return err
	}
	res := load(client, mix, cfg.conns, cfg.duration)
	res.print(out, cfg)
	return nil
}

func (c config) check() error {
	host, _, err := net.SplitHostPort(c.addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %w", c.addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-addr %q: only a loopback address (127.0.0.1, ::1, localhost)", c.addr)
	}
	if c.conns < 1 || c.conns > maxConnections {
		return fmt.Errorf("-c %d: 1 to %d", c.conns, maxConnections)
	}
	if c.duration <= 0 || c.duration > maxDuration {
		return fmt.Errorf("-d %s: up to %s", c.duration, maxDuration)
	}
	if c.token == "" {
		return errors.New("-token is required (samenkoop token create --user beheerder@demo.samenkoop.nl)")
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

// request is one kind of request of the mix.
type request struct {
	name  string
	paths []string
	api   bool
}

// mix is the requests the connections draw from, with their weights.
type mix struct {
	token   string
	cookie  *http.Cookie
	base    string
	kinds   []request
	weights []int
}

// newMix reads, once before the run, the ids and cursors the requests
// use: some organizations, contracts and /contracten cursors further on.
func newMix(client *http.Client, base, token string, cookie *http.Cookie) (*mix, error) {
	m := &mix{token: token, cookie: cookie, base: base}
	var page struct {
		Items []struct {
			ID           int64
			Organization string
		}
		Next string
	}
	get := func(path string) error {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("GET %s: %s", path, resp.Status)
		}
		return json.NewDecoder(resp.Body).Decode(&page)
	}
	var orgs, details []string
	cursor := ""
	var cursors []string
	for range 20 {
		if err := get("/api/v1/contracts?sort=notice&includeExpired=false&pageSize=500&cursor=" + url.QueryEscape(cursor)); err != nil {
			return nil, err
		}
		for i, it := range page.Items {
			if i%50 == 0 {
				details = append(details, fmt.Sprintf("/api/v1/contracts/%d", it.ID))
				if !slices.Contains(orgs, it.Organization) {
					orgs = append(orgs, it.Organization)
				}
			}
		}
		if page.Next == "" {
			break
		}
		cursor = page.Next
		cursors = append(cursors, cursor)
	}
	if len(details) == 0 {
		return nil, errors.New("the register has no contracts")
	}
	var apiLists, alerts, pages []string
	for _, o := range orgs {
		apiLists = append(apiLists, "/api/v1/contracts?organization="+o, "/api/v1/contracts?organization="+o+"&sort=end")
		alerts = append(alerts, "/api/v1/alerts?organization="+o)
	}
	apiLists = append(apiLists, "/api/v1/contracts", "/api/v1/contracts?sort=value")
	pages = append(pages, "/contracten", "/contracten?sortering=end")
	// The cursors were made at 500 a page in the same order: /contracten
	// (50 a page) reads from there on.
	for _, c := range cursors {
		pages = append(pages, "/contracten?cursor="+url.QueryEscape(c))
	}
	m.kinds = []request{
		{"api list", apiLists, true}, {"api detail", details, true}, {"api alerts", alerts, true}, {"/contracten", pages, false},
	}
	m.weights = []int{35, 25, 15, 25}
	return m, nil
}

// pick draws a request of the mix.
func (m *mix) pick(r *rand.Rand) (int, *http.Request) {
	n := r.IntN(100)
	k := 0
	for ; k < len(m.weights)-1 && n >= m.weights[k]; k++ {
		n -= m.weights[k]
	}
	kind := m.kinds[k]
	req, _ := http.NewRequest("GET", m.base+kind.paths[r.IntN(len(kind.paths))], nil)
	if kind.api {
		req.Header.Set("Authorization", "Bearer "+m.token)
	} else {
		req.AddCookie(m.cookie)
	}
	return k, req
}

// result holds the latencies of the requests answered, per kind.
type result struct {
	elapsed   time.Duration
	latencies [][]time.Duration
	errors    map[string]int
	names     []string
}

// load runs conns connections against m for d.
func load(client *http.Client, m *mix, conns int, d time.Duration) *result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var (
		mu  sync.Mutex
		res = &result{latencies: make([][]time.Duration, len(m.kinds)), errors: map[string]int{}}
		wg  sync.WaitGroup
	)
	for _, k := range m.kinds {
		res.names = append(res.names, k.name)
	}
	start := time.Now()
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(i), 7))
			own := make([][]time.Duration, len(m.kinds))
			ownErr := map[string]int{}
			for ctx.Err() == nil {
				k, req := m.pick(r)
				t := time.Now()
				resp, err := client.Do(req.WithContext(ctx))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = errors.New(resp.Status)
					}
				}
				if ctx.Err() != nil {
					break
				}
				if err != nil {
					ownErr[m.kinds[k].name+": "+err.Error()]++
					continue
				}
				own[k] = append(own[k], time.Since(t))
			}
			mu.Lock()
			for k := range own {
				res.latencies[k] = append(res.latencies[k], own[k]...)
			}
			for e, n := range ownErr {
				res.errors[e] += n
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func quantile(d []time.Duration, q float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, int(float64(len(d))*q))]
}

func (r *result) print(out io.Writer, cfg config) {
	var all []time.Duration
	fmt.Fprintf(out, "%d connections, %s against %s\n", cfg.conns, cfg.duration, cfg.addr)
	fmt.Fprintf(out, "%-12s %8s %9s %9s %9s\n", "request", "count", "p50", "p99", "max")
	for k, l := range r.latencies {
		slices.Sort(l)
		all = append(all, l...)
		fmt.Fprintf(out, "%-12s %8d %9s %9s %9s\n", r.names[k], len(l), ms(quantile(l, 0.5)), ms(quantile(l, 0.99)), ms(quantile(l, 1)))
	}
	slices.Sort(all)
	fmt.Fprintf(out, "%-12s %8d %9s %9s %9s\n", "all", len(all), ms(quantile(all, 0.5)), ms(quantile(all, 0.99)), ms(quantile(all, 1)))
	fmt.Fprintf(out, "throughput: %.1f req/s\n", float64(len(all))/r.elapsed.Seconds())
	for e, n := range r.errors {
		fmt.Fprintf(out, "error: %s (%d)\n", e, n)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
