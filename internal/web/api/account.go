package api

import (
	"context"

	"github.com/samenkoop/samenkoop/internal/apperr"
	"github.com/samenkoop/samenkoop/internal/web"
)

type meOutput struct {
	Body struct {
		Email        string `json:"email"`
		Name         string `json:"name"`
		Role         string `json:"role" enum:"admin,coordinator,member,finance,management"`
		Organization string `json:"organization,omitempty" doc:"Code of the organization the user acts for; absent when all"`
	}
}

func (a *api) me(ctx context.Context, _ *struct{}) (*meOutput, error) {
	u := web.UserFrom(ctx)
	if u == nil {
		return nil, apperr.Unauthenticated
	}
	out := &meOutput{}
	out.Body.Email, out.Body.Name, out.Body.Role, out.Body.Organization = u.Email, u.Name, string(u.Role), u.Organization
	return out, nil
}
