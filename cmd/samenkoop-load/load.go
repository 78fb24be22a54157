package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

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

// result holds the latencies of the requests answered, per kind, and
// the number answered per server.
type result struct {
	elapsed   time.Duration
	latencies [][]time.Duration
	errors    map[string]int
	names     []string
	servers   []string
	answered  []int
	serverP99 []time.Duration
}

// load runs conns connections for d, connection i against mixes[i mod
// len(mixes)]: with several servers the connections are spread over them
// in turn.
func load(client *http.Client, mixes []*mix, conns int, d time.Duration) *result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	kinds := mixes[0].kinds
	var (
		mu        sync.Mutex
		res       = &result{latencies: make([][]time.Duration, len(kinds)), errors: map[string]int{}, answered: make([]int, len(mixes))}
		perServer = make([][]time.Duration, len(mixes))
		wg        sync.WaitGroup
	)
	for _, k := range kinds {
		res.names = append(res.names, k.name)
	}
	for _, m := range mixes {
		res.servers = append(res.servers, m.base)
	}
	start := time.Now()
	for i := range conns {
		server := i % len(mixes)
		m := mixes[server]
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 7))
			own := make([][]time.Duration, len(m.kinds))
			var ownAll []time.Duration
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
				lat := time.Since(t)
				own[k] = append(own[k], lat)
				ownAll = append(ownAll, lat)
			}
			mu.Lock()
			for k := range own {
				res.latencies[k] = append(res.latencies[k], own[k]...)
			}
			perServer[server] = append(perServer[server], ownAll...)
			for e, n := range ownErr {
				res.errors[e] += n
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	for s, l := range perServer {
		slices.Sort(l)
		res.answered[s] = len(l)
		res.serverP99 = append(res.serverP99, quantile(l, 0.99))
	}
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
	fmt.Fprintf(out, "%d connections, %s against %s\n", cfg.conns, cfg.duration, strings.Join(cfg.addrs, " and "))
	fmt.Fprintf(out, "%-12s %8s %9s %9s %9s\n", "request", "count", "p50", "p99", "max")
	for k, l := range r.latencies {
		slices.Sort(l)
		all = append(all, l...)
		fmt.Fprintf(out, "%-12s %8d %9s %9s %9s\n", r.names[k], len(l), ms(quantile(l, 0.5)), ms(quantile(l, 0.99)), ms(quantile(l, 1)))
	}
	slices.Sort(all)
	fmt.Fprintf(out, "%-12s %8d %9s %9s %9s\n", "all", len(all), ms(quantile(all, 0.5)), ms(quantile(all, 0.99)), ms(quantile(all, 1)))
	if len(r.servers) > 1 {
		for s, base := range r.servers {
			fmt.Fprintf(out, "server %s: %d answered, %.1f req/s, p99 %s\n", base, r.answered[s], float64(r.answered[s])/r.elapsed.Seconds(), ms(r.serverP99[s]))
		}
	}
	fmt.Fprintf(out, "throughput: %.1f req/s\n", float64(len(all))/r.elapsed.Seconds())
	for e, n := range r.errors {
		fmt.Fprintf(out, "error: %s (%d)\n", e, n)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }
