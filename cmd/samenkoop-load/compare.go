package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// The comparison asks two servers the same sample of API requests and
// compares the answers byte for byte: status, the headers that belong to
// the representation (comparedHeaders) and the body. The servers are
// meant to hold the same data, seeded alike (samenkoop demo with the same
// scale and seed) on different store backends; the answers then must not
// differ. Ids can be kept (the backends number rows alike) or normalized:
// every numeric id field (id, …Id, …ID) is replaced by its order of
// appearance per field name within the answer, and cursors are blanked.
// Ids inside strings (a bundle key, a vendor group's row key) are left as
// they are.

// comparedHeaders are the headers a representation carries; Date,
// X-Request-Id, Last-Modified and the like differ from request to
// request and are not compared.
var comparedHeaders = []string{"Content-Type", "Content-Disposition", "Link", "ETag"}

// sampleFixed are the requests whose paths do not depend on an answer:
// list pages, spend, concentration, the first page of bundles, vendors and
// organizations.
var sampleFixed = []string{
	"/api/v1/contracts",
	"/api/v1/contracts?sort=value&pageSize=100",
	"/api/v1/contracts?sort=end&includeExpired=false&pageSize=50",
	"/api/v1/contracts?sort=number&page=3&pageSize=100",
	"/api/v1/alerts",
	"/api/v1/spend",
	"/api/v1/spend?groupBy=category",
	"/api/v1/spend?groupBy=organization",
	"/api/v1/spend/forecast",
	"/api/v1/concentration",
	"/api/v1/bundles",
	"/api/v1/vendors",
	"/api/v1/organizations",
	"/api/v1/tenders",
}

// answer is one server's answer to one request of the sample.
type answer struct {
	path    string
	status  int
	headers []string
	body    []byte
}

// sampleAnswers asks the server at base the sample: the fixed requests,
// then those made from its own answers (the next page of the contract
// list, two contract details, a vendor, a bundle and an organization's
// dependency report), so that the ids in their paths are the server's.
func sampleAnswers(client *http.Client, base, token string) ([]answer, error) {
	get := func(path string) (answer, error) {
		req, err := http.NewRequest("GET", base+path, nil)
		if err != nil {
			return answer{}, err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return answer{}, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return answer{}, err
		}
		a := answer{path: path, status: resp.StatusCode, body: b}
		for _, h := range comparedHeaders {
			a.headers = append(a.headers, h+": "+resp.Header.Get(h))
		}
		return a, nil
	}
	var out []answer
	for _, p := range sampleFixed {
		a, err := get(p)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	var list struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
		Next string `json:"next"`
	}
	if err := json.Unmarshal(out[0].body, &list); err != nil || len(list.Items) == 0 {
		return nil, fmt.Errorf("%s/api/v1/contracts: no contracts (%v)", base, err)
	}
	derived := []string{
		fmt.Sprintf("/api/v1/contracts/%d", list.Items[0].ID),
		fmt.Sprintf("/api/v1/contracts/%d", list.Items[len(list.Items)/2].ID),
	}
	if list.Next != "" {
		derived = append(derived, "/api/v1/contracts?cursor="+url.QueryEscape(list.Next))
	}
	var vendors struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out[slices.Index(sampleFixed, "/api/v1/vendors")].body, &vendors); err == nil && len(vendors.Items) > 0 {
		derived = append(derived, fmt.Sprintf("/api/v1/vendors/%d", vendors.Items[0].ID), fmt.Sprintf("/api/v1/vendors/%d/reach", vendors.Items[0].ID))
	}
	var bundles struct {
		Suggestions []struct {
			Href string `json:"href"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal(out[slices.Index(sampleFixed, "/api/v1/bundles")].body, &bundles); err == nil && len(bundles.Suggestions) > 0 {
		derived = append(derived, strings.TrimPrefix(bundles.Suggestions[0].Href, base))
	}
	var orgs struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	if err := json.Unmarshal(out[slices.Index(sampleFixed, "/api/v1/organizations")].body, &orgs); err == nil && len(orgs.Items) > 0 {
		derived = append(derived, "/api/v1/organizations/"+url.PathEscape(orgs.Items[0].Code)+"/dependency")
	}
	for _, p := range derived {
		a, err := get(p)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// compare runs the comparison of the two servers of cfg and reports each
// answer; it fails when any differs.
func compare(client *http.Client, cfg config, out io.Writer) error {
	var sides [2][]answer
	for i, addr := range cfg.addrs {
		as, err := sampleAnswers(client, "http://"+addr, cfg.token(i))
		if err != nil {
			return fmt.Errorf("%s: %w", addr, err)
		}
		sides[i] = as
	}
	if len(sides[0]) != len(sides[1]) {
		return fmt.Errorf("the servers gave %d and %d answers: the sample depends on data that differs", len(sides[0]), len(sides[1]))
	}
	fmt.Fprintf(out, "comparing %s (A) with %s (B), ids %s\n", cfg.addrs[0], cfg.addrs[1], cfg.ids)
	differ := 0
	for i := range sides[0] {
		a, b := sides[0][i], sides[1][i]
		why := differs(a, b, cfg.ids == "normalize")
		if why == "" {
			fmt.Fprintf(out, "same     %-60s %3d %8d bytes\n", a.path, a.status, len(a.body))
			continue
		}
		differ++
		fmt.Fprintf(out, "DIFFERS  %-60s %s\n", a.path, why)
	}
	fmt.Fprintf(out, "%d of %d answers the same\n", len(sides[0])-differ, len(sides[0]))
	if differ > 0 {
		return fmt.Errorf("%d of %d answers differ", differ, len(sides[0]))
	}
	return nil
}

// differs says how b differs from a, or "" when it does not.
func differs(a, b answer, normalize bool) string {
	if a.status != b.status {
		return fmt.Sprintf("status %d, B %d", a.status, b.status)
	}
	for i := range a.headers {
		if a.headers[i] != b.headers[i] && (!normalize || !strings.HasPrefix(a.headers[i], "Link:")) {
			return fmt.Sprintf("header %q, B %q", a.headers[i], b.headers[i])
		}
	}
	ab, bb := a.body, b.body
	if normalize {
		ab, bb = normalizeIDs(ab), normalizeIDs(bb)
	}
	if bytes.Equal(ab, bb) {
		return ""
	}
	if b.path != a.path && !normalize {
		return fmt.Sprintf("B asked %s (ids differ: try -ids normalize)", b.path)
	}
	n := 0
	for n < len(ab) && n < len(bb) && ab[n] == bb[n] {
		n++
	}
	return fmt.Sprintf("body (%d and %d bytes) from byte %d: A %q, B %q", len(ab), len(bb), n, around(ab, n), around(bb, n))
}

// around is the text of b near offset n.
func around(b []byte, n int) string {
	from, to := max(0, n-40), min(len(b), n+60)
	return string(b[from:to])
}

// normalizeIDs rewrites a JSON body with every numeric id field replaced
// by its order of appearance among the values of that field name, and
// every cursor blanked; a body that is not JSON is returned as it is.
// Object keys come out sorted, as encoding/json writes maps.
func normalizeIDs(body []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return body
	}
	seen := map[string]map[string]int{}
	var walk func(v any) any
	walk = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				switch n, isNum := v[k].(json.Number); {
				case isNum && isIDField(k):
					if seen[k] == nil {
						seen[k] = map[string]int{}
					}
					if _, ok := seen[k][n.String()]; !ok {
						seen[k][n.String()] = len(seen[k]) + 1
					}
					v[k] = fmt.Sprintf("%s#%d", k, seen[k][n.String()])
				case k == "next" || k == "prev" || k == "href":
					if _, isString := v[k].(string); isString {
						v[k] = "<" + k + ">"
					}
				default:
					v[k] = walk(v[k])
				}
			}
			return v
		case []any:
			for i := range v {
				v[i] = walk(v[i])
			}
			return v
		}
		return v
	}
	out, err := json.Marshal(walk(v))
	if err != nil {
		return body
	}
	return out
}

// isIDField reports whether a JSON field name names an id.
func isIDField(k string) bool {
	return k == "id" || strings.HasSuffix(k, "Id") || strings.HasSuffix(k, "ID")
}
