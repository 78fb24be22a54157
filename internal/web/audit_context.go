package web

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/samenkoop/samenkoop/internal/audit"
	"github.com/samenkoop/samenkoop/internal/auth"
)

// withActor marks ctx with the user and request, so that every change made
// with it is recorded in the audit trail under that user.
func (s *server) withActor(ctx context.Context, u auth.User, requestID string) context.Context {
	return audit.WithRequestID(audit.WithActor(ctx, audit.Actor{Kind: audit.KindUser, UserID: u.ID, Email: u.Email}), requestID)
}

// requestContext puts the request ID into the request's context for the
// audit trail, also for requests nobody is logged in to.
func requestContext(c *fiber.Ctx) error {
	c.SetUserContext(audit.WithRequestID(c.UserContext(), RequestID(c)))
	return c.Next()
}
