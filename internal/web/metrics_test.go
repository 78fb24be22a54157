package web_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestMetricsNames: every metric /metrics exposes is named samenkoop_…,
// the Go runtime's and the process's included, and follows Prometheus's
// conventions: a counter ends in _total, nothing else does. The server's
// own families are there, labelled by route. With SAMENKOOP_METRICS_SCRAPE
// set the scrape is written to that file, which .ci/run checks with
// promtool check metrics.
func TestMetricsNames(t *testing.T) {
	t.Parallel()
	ta := newTestApp(t, sampleOrgs()...)
	ta.do(t, "GET", "/api/v1/organizations", nil, "")
	ta.do(t, "GET", "/organisaties/GM9999", nil, "")
	ta.do(t, "GET", "/api/v1/no-such-thing", nil, "")
	resp, scrape := ta.do(t, "GET", "/metrics", nil, "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("GET /metrics = %d %s, want Prometheus's text format", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if out := os.Getenv("SAMENKOOP_METRICS_SCRAPE"); out != "" {
		if err := os.WriteFile(out, scrape, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(bytes.NewReader(scrape))
	if err != nil {
		t.Fatalf("the scrape does not parse: %v", err)
	}
	for name, f := range families {
		if !strings.HasPrefix(name, "samenkoop_") {
			t.Errorf("metric %s lacks the samenkoop_ prefix", name)
		}
		total := strings.HasSuffix(name, "_total")
		switch f.GetType() {
		case dto.MetricType_COUNTER:
			if !total {
				t.Errorf("counter %s does not end in _total", name)
			}
		default:
			if total {
				t.Errorf("%s %s ends in _total, which only a counter may", strings.ToLower(f.GetType().String()), name)
			}
		}
	}
	routes := map[string]bool{}
	for _, m := range families["samenkoop_http_requests_total"].GetMetric() {
		labels := map[string]string{}
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		routes[labels["method"]+" "+labels["path"]+" "+labels["status_code"]] = true
	}
	for _, want := range []string{"GET /api/v1/organizations 200", "GET /organisaties/:code 404"} {
		if !routes[want] {
			t.Errorf("samenkoop_http_requests_total lacks %q; it has %v", want, routes)
		}
	}
	for r := range routes {
		if strings.Contains(r, "no-such-thing") || strings.Contains(r, "/metrics") {
			t.Errorf("samenkoop_http_requests_total counts %q: a path nobody has and the scrape itself are not counted", r)
		}
	}
	for _, name := range []string{"samenkoop_http_request_duration_seconds", "samenkoop_http_requests_in_flight", "samenkoop_go_goroutines", "samenkoop_process_cpu_seconds_total"} {
		if families[name] == nil {
			t.Errorf("the scrape lacks %s", name)
		}
	}
}
