package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/auth"
	"github.com/samenkoop/samenkoop/internal/demo"
	"github.com/samenkoop/samenkoop/internal/store/storetest"
	"github.com/samenkoop/samenkoop/internal/web"
)

// BenchmarkAuthenticatedRequest measures what authentication and the
// policy check add to an API request (issue 3: ≤ 50 µs per request at
// national scale, and no password hash per request). On the national demo
// set, with a user and a token per municipality:
//
//   - "me-token": GET /api/v1/me with a valid bearer token;
//   - "healthz-public": the same app's public /healthz, which runs the
//     same middleware but no token lookup and no policy;
//   - "me-no-token": GET /api/v1/me without a token, refused by the
//     policy with a 401 problem: the same huma pipeline as me-token
//     without the lookup;
//   - "token-user": auth.Service.TokenUser alone, the lookup per request.
//
// me-token minus healthz-public is the cost of authentication + policy
// together with huma's own per-operation work; me-token minus me-no-token
// leaves out huma and is closer to the lookup alone.
func BenchmarkAuthenticatedRequest(b *testing.B) {
	ctx := context.Background()
	st := storetest.New(b)
	if _, err := demo.Generate(ctx, st.Register(), demo.Options{Scale: demo.ScaleNational, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	svc := contracts.NewService(st.Register(), contracts.Options{Now: fixedNow})
	authSvc := auth.NewService(st.Auth(), auth.Options{Hash: auth.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}})
	token := benchTokens(b, svc, authSvc)
	// No Ping: /healthz would otherwise query the database, which /me does
	// not, and the difference would hide part of the token lookup.
	app := newApp(web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))},
		web.Deps{Contracts: svc, Auth: authSvc, Audit: st})

	get := func(b *testing.B, path, bearer string, want int) {
		b.ReportAllocs()
		for b.Loop() {
			req := httptest.NewRequest("GET", path, nil)
			if bearer != "" {
				req.Header.Set("Authorization", "Bearer "+bearer)
			}
			resp, err := app.Test(req, -1)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want {
				b.Fatalf("GET %s = %d", path, resp.StatusCode)
			}
		}
	}
	b.Run("me-token", func(b *testing.B) { get(b, "/api/v1/me", token, 200) })
	b.Run("healthz-public", func(b *testing.B) { get(b, "/healthz", "", 200) })
	b.Run("me-no-token", func(b *testing.B) { get(b, "/api/v1/me", "", 401) })
	b.Run("token-user", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := authSvc.TokenUser(ctx, token); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// benchTokens gives every municipality of the demo set a member with an
// API token, so the token lookup searches a national-size table, and
// returns the token of the one in the middle.
func benchTokens(b *testing.B, svc *contracts.Service, authSvc *auth.Service) string {
	b.Helper()
	ctx := context.Background()
	var secrets []string
	for page := 1; ; page++ {
		p, err := svc.Organizations(ctx, contracts.OrganizationFilter{Kind: contracts.KindMunicipality, Page: page, PageSize: 500})
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range p.Items {
			u, err := authSvc.CreateUser(ctx, auth.User{Email: fmt.Sprintf("inkoop-%s@test.nl", o.Code), Name: "Inkoop " + o.Name,
				Role: auth.RoleMember, Organization: o.Code}, testPassword)
			if err != nil {
				b.Fatal(err)
			}
			_, secret, err := authSvc.CreateToken(ctx, u.ID, "koppeling", 0)
			if err != nil {
				b.Fatal(err)
			}
			secrets = append(secrets, secret)
		}
		if page*500 >= p.Total {
			break
		}
	}
	if len(secrets) < 300 {
		b.Fatalf("%d municipalities in the national demo set, want about 340", len(secrets))
	}
	return secrets[len(secrets)/2]
}
