package web

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

type healthJSON struct {
	Status   string `json:"status"`
	Database string `json:"database"`
	Version  string `json:"version,omitempty"`
}

// health answers 200 when the database answers a query within two
// seconds, 503 otherwise.
func (s *server) health(ping func(context.Context) error) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
		defer cancel()
		h := healthJSON{Status: "ok", Database: "ok", Version: s.opts.Version}
		if ping != nil {
			if err := ping(ctx); err != nil {
				s.log.ErrorContext(ctx, "health check failed", "error", err)
				h.Status, h.Database = "unavailable", "unreachable"
				return c.Status(fiber.StatusServiceUnavailable).JSON(h)
			}
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(h)
	}
}

type liveJSON struct {
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
}

// live answers 200 whenever the process serves requests, whatever the
// database does: it is the liveness probe, which restarts the process
// when it fails. A database outage is /healthz's concern (readiness),
// which takes the server out of the load balancer instead: restarting
// every server because the shared database is away would not help.
func (s *server) live(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(liveJSON{Status: "ok", Version: s.opts.Version})
}
