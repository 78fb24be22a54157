package web

import (
	"strconv"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsPrefix starts the name of every metric the server exposes, the
// Go runtime's and the process's included, so that they cannot be
// confused with another program's on the same Prometheus.
const metricsPrefix = "samenkoop_"

// metrics are the server's Prometheus metrics, served at /metrics: the
// requests by route, method and status, their duration, and the requests
// in flight, beside the Go runtime and the process. Each app has its own
// registry, so two apps in one process (tests) do not collide. Names
// follow Prometheus's conventions, which promtool checks (.ci/run): a
// counter ends in _total, a gauge does not, a unit is spelled out.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight *prometheus.GaugeVec
	// skip are the routes not counted: the scrape and the health check
	// would otherwise be most of the traffic.
	skip map[string]bool
	// routes are the app's routes, "METHOD /path", read on the first
	// request: a request that matches none (a 404 for a path nobody has)
	// is not counted, so that random paths add no series.
	routes func() map[string]bool
}

func newMetrics(app *fiber.App, skip ...string) *metrics {
	reg := prometheus.NewRegistry()
	prefixed := prometheus.WrapRegistererWithPrefix(metricsPrefix, reg)
	prefixed.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "http_requests_total", Help: "HTTP requests answered, by status code, method and route.",
		}, []string{"status_code", "method", "path"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "http_request_duration_seconds", Help: "Time taken to answer HTTP requests, by status code, method and route.",
			// Pages and API calls take milliseconds; reports and exports
			// over the whole register take seconds.
			Buckets: []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60},
		}, []string{"status_code", "method", "path"}),
		inFlight: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "http_requests_in_flight", Help: "HTTP requests being answered, by method.",
		}, []string{"method"}),
		skip: map[string]bool{},
	}
	prefixed.MustRegister(m.requests, m.duration, m.inFlight)
	for _, p := range skip {
		m.skip[p] = true
	}
	m.routes = sync.OnceValue(func() map[string]bool {
		routes := map[string]bool{}
		for _, r := range app.GetRoutes(true) {
			routes[r.Method+" "+r.Path] = true
		}
		return routes
	})
	return m
}

// middleware counts each request once it is answered. It sits outside
// the access log, which turns errors into responses: a 404 page counts
// as 404, not as the 500 an error would suggest.
func (m *metrics) middleware(c *fiber.Ctx) error {
	method := c.Method()
	m.inFlight.WithLabelValues(method).Inc()
	defer m.inFlight.WithLabelValues(method).Dec()
	start := time.Now()
	err := c.Next()
	route := c.Route().Path
	if !m.routes()[method+" "+route] || m.skip[route] {
		return err
	}
	status := c.Response().StatusCode()
	if err != nil {
		status = fiber.StatusInternalServerError
		if fe, ok := err.(*fiber.Error); ok {
			status = fe.Code
		}
	}
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(code, method, route).Inc()
	m.duration.WithLabelValues(code, method, route).Observe(time.Since(start).Seconds())
	return err
}

// handler serves the metrics in Prometheus's text format, or OpenMetrics
// when the scraper asks for it.
func (m *metrics) handler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{EnableOpenMetrics: true}))
}
