package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// benchRequests are what -bench times: the pages whose cost grows with
// the register and differs most between store backends.
var benchRequests = []struct{ name, path string }{
	{"contract list", "/api/v1/contracts"},
	{"contract list, page 201", cursorAfter("/api/v1/contracts?page=200")},
	{"contract list by value", "/api/v1/contracts?sort=value"},
	{"concentration", "/api/v1/concentration"},
	{"bundles, first page", "/api/v1/bundles"},
	{"spend", "/api/v1/spend"},
}

// bench asks each server of cfg each request of benchRequests cfg.bench
// times, one request at a time, and prints per request the first time
// (which may fill a cache), the median and the range.
func bench(client *http.Client, cfg config, out io.Writer) error {
	fmt.Fprintf(out, "%-22s %-26s %10s %10s %10s %10s\n", "server", "request", "first", "median", "min", "max")
	for i, addr := range cfg.addrs {
		for _, r := range benchRequests {
			path := r.path
			if from, ok := strings.CutPrefix(path, cursorMark); ok {
				// The page after from, by its cursor: a page deep in the
				// list, reached as a client paging on reaches it.
				next, err := nextCursor(client, "http://"+addr+from, cfg.token(i))
				if err != nil {
					return fmt.Errorf("%s %s: %w", addr, from, err)
				}
				path = strings.SplitN(from, "?", 2)[0] + "?cursor=" + url.QueryEscape(next)
			}
			times := make([]time.Duration, 0, cfg.bench)
			for range cfg.bench {
				d, err := timeRequest(client, "http://"+addr+path, cfg.token(i))
				if err != nil {
					return fmt.Errorf("%s %s: %w", addr, r.path, err)
				}
				times = append(times, d)
			}
			first := times[0]
			slices.Sort(times)
			fmt.Fprintf(out, "%-22s %-26s %10s %10s %10s %10s\n", addr, r.name, ms(first), ms(median(times)), ms(times[0]), ms(times[len(times)-1]))
		}
	}
	fmt.Fprintf(out, "%d requests each, one at a time\n", cfg.bench)
	return nil
}

// cursorMark starts the path of a request that bench asks by the next
// cursor of the page the rest of the path names (cursorAfter).
const cursorMark = "next of "

// cursorAfter names the page after the one at path, asked by cursor.
func cursorAfter(path string) string { return cursorMark + path }

// nextCursor returns the next cursor of the list page at url.
func nextCursor(client *http.Client, url, token string) (string, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("answered %s", resp.Status)
	}
	var page struct {
		Next string `json:"next"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&page); err != nil {
		return "", err
	}
	if page.Next == "" {
		return "", fmt.Errorf("the page has no next cursor")
	}
	return page.Next, nil
}

// timeRequest times one GET until its body is read; an answer other than
// 200 is an error.
func timeRequest(client *http.Client, url, token string) (time.Duration, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	t := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(t)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("answered %s", resp.Status)
	}
	return d, err
}

// median of sorted durations.
func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
