package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samenkoop/samenkoop/contracts"
	"github.com/samenkoop/samenkoop/internal/apperr"
)

// cheap keeps the tests fast; production uses DefaultHashParams.
var cheap = HashParams{MemoryKiB: 64, Time: 1, Threads: 1}

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	h, err := HashPassword("correct horse battery", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("CheckPassword rejects the right password")
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery"} {
		if CheckPassword(h, wrong) {
			t.Errorf("CheckPassword accepts %q", wrong)
		}
	}
	if CheckPassword("$2a$10$notargon", "x") || CheckPassword("", "") {
		t.Error("CheckPassword accepts a malformed hash")
	}
	h2, _ := HashPassword("correct horse battery", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestPolicyCheck(t *testing.T) {
	t.Parallel()
	admin := &User{Role: RoleAdmin}
	member := &User{Role: RoleMember, Organization: "GM0363"}
	mgmtAll := &User{Role: RoleManagement}
	tests := []struct {
		name string
		p    Policy
		u    *User
		org  string
		want error
	}{
		{"public route, nobody logged in", Public, nil, "", nil},
		{"any user, nobody logged in (DESIGN §6)", AnyUser, nil, "", apperr.Unauthenticated},
		{"any user, a member", AnyUser, member, "", nil},
		{"admin only, a member", AdminOnly, member, "", apperr.Forbidden},
		{"admin only, an admin", AdminOnly, admin, "", nil},
		{"member on its own organization", Allow(RoleAdmin, RoleMember).ForOrganization("code"), member, "GM0363", nil},
		{"member on another organization", Allow(RoleAdmin, RoleMember).ForOrganization("code"), member, "GM0599", apperr.Forbidden},
		{"management scoped to all, on any organization", Allow(RoleManagement).ForOrganization("code"), mgmtAll, "GM0599", nil},
		{"management may not write", Allow(RoleAdmin, RoleMember).ForOrganization("code"), mgmtAll, "GM0599", apperr.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.p.Check(tt.u, tt.org)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Check = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestUserScope: the scope a user's requests carry into the services
// (DESIGN §6): everyone for administrators, coordinators, and finance and
// management for all organizations; the own organization for a member,
// and for finance and management tied to one.
func TestUserScope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		u    User
		want contracts.Scope
	}{
		{User{Role: RoleAdmin}, contracts.Everyone()},
		{User{Role: RoleCoordinator}, contracts.Everyone()},
		{User{Role: RoleFinance}, contracts.Everyone()},
		{User{Role: RoleManagement}, contracts.Everyone()},
		{User{Role: RoleMember, Organization: "GM0363"}, contracts.Only("GM0363")},
		{User{Role: RoleFinance, Organization: "GM0363"}, contracts.Only("GM0363")},
		{User{Role: RoleManagement, Organization: "GM0518"}, contracts.Only("GM0518")},
	}
	for _, tt := range tests {
		if got := tt.u.Scope(); got != tt.want {
			t.Errorf("%s of %q: Scope() = %s, want %s", tt.u.Role, tt.u.Organization, got, tt.want)
		}
	}
}

// memFailures is a FailureStore in memory, for the limiter's own tests.
type memFailures struct {
	mu sync.Mutex
	at map[string][]time.Time // oldest first
}

func (m *memFailures) RecordLoginFailure(_ context.Context, key string, at time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.at == nil {
		m.at = map[string][]time.Time{}
	}
	m.at[key] = append(m.at[key], at)
	return nil
}

func (m *memFailures) LoginFailures(_ context.Context, key string, since time.Time, limit int) ([]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []time.Time
	for i := len(m.at[key]) - 1; i >= 0 && len(out) < limit; i-- {
		if m.at[key][i].After(since) {
			out = append(out, m.at[key][i])
		}
	}
	return out, nil
}

func (m *memFailures) PruneLoginFailures(_ context.Context, before time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, ts := range m.at {
		m.at[k] = slices.DeleteFunc(ts, func(t time.Time) bool { return !t.After(before) })
	}
	return nil
}

func (m *memFailures) ClearLoginFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.at, key)
	return nil
}

func TestLimiter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	l := NewLimiter(10, time.Minute, func() time.Time { return now }, &memFailures{})
	wait := func(key string) time.Duration {
		t.Helper()
		w, err := l.Wait(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	for i := range 10 {
		if w := wait("a"); w != 0 {
			t.Fatalf("attempt %d must wait %v, want 0", i+1, w)
		}
		if err := l.Fail(ctx, "a"); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
	}
	if w := wait("a"); w != 50*time.Second {
		t.Fatalf("11th attempt within a minute: wait %v, want 50s (until the first failure leaves the window)", w)
	}
	if w := wait("b"); w != 0 {
		t.Errorf("another key must not wait, got %v", w)
	}
	now = now.Add(50 * time.Second) // the first failure leaves the window
	if w := wait("a"); w != 0 {
		t.Errorf("after the window: wait %v, want 0", w)
	}
	if err := l.Fail(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if w := wait("a"); w != time.Second {
		t.Errorf("a new failure within the window makes ten again: wait %v, want 1s (until the second leaves)", w)
	}
	if err := l.Reset(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if w := wait("a"); w != 0 {
		t.Errorf("after Reset: wait %v, want 0", w)
	}
}

// TestLimiterBoundsAttemptsInFlight: attempts that have started count
// against the limit until they end, so that the eleventh of eleven sent
// at once waits; a success frees its place, a failure keeps it.
func TestLimiterBoundsAttemptsInFlight(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	l := NewLimiter(3, time.Minute, func() time.Time { return now }, &memFailures{})
	for range 3 {
		if w, err := l.Begin(ctx, "a"); err != nil || w != 0 {
			t.Fatalf("Begin = %v, %v; want 0", w, err)
		}
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := l.Begin(short, "a"); err == nil {
		t.Fatal("a fourth attempt while three are in flight started, want it to wait")
	}
	if err := l.Done(ctx, "a", false); err != nil { // a success frees its place
		t.Fatal(err)
	}
	if w, err := l.Begin(ctx, "a"); err != nil || w != 0 {
		t.Fatalf("Begin after a success ended = %v, %v; want 0", w, err)
	}
	for range 3 {
		if err := l.Done(ctx, "a", true); err != nil {
			t.Fatal(err)
		}
	}
	if w, err := l.Begin(ctx, "a"); err != nil || w <= 0 {
		t.Errorf("Begin after three failures = %v, %v; want a wait", w, err)
	}
}

func TestUserValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		u     User
		field string
	}{
		{"member without organization", User{Email: "a@b.nl", Name: "A", Role: RoleMember}, "organization"},
		{"admin with organization", User{Email: "a@b.nl", Name: "A", Role: RoleAdmin, Organization: "GM0363"}, "organization"},
		{"unknown role", User{Email: "a@b.nl", Name: "A", Role: "king"}, "role"},
		{"bad e-mail", User{Email: "not-an-address", Name: "A", Role: RoleAdmin}, "email"},
		{"upper-case e-mail", User{Email: "A@B.nl", Name: "A", Role: RoleAdmin}, "email"},
		{"no name", User{Email: "a@b.nl", Role: RoleAdmin}, "name"},
		{"NUL in the name (issue 12: no control characters in text)", User{Email: "a@b.nl", Name: "A\x00B", Role: RoleAdmin}, "name"},
		{"newline in the name (issue 12: single-line field)", User{Email: "a@b.nl", Name: "A\nB", Role: RoleAdmin}, "name"},
		{"escape in the organization (issue 12)", User{Email: "a@b.nl", Name: "A", Role: RoleMember, Organization: "GM\x1b0363"}, "organization"},
		{"name longer than 200 bytes", User{Email: "a@b.nl", Name: strings.Repeat("a", 201), Role: RoleAdmin}, "name"},
	}
	for _, tt := range tests {
		fe := apperr.Fields(tt.u.Validate())
		if len(fe) != 1 || fe[0].Field != tt.field {
			t.Errorf("%s: Validate = %v, want one problem with %s", tt.name, fe, tt.field)
		}
	}
	ok := User{Email: "fin@utrecht.nl", Name: "Financiën", Role: RoleFinance}
	if err := ok.Validate(); err != nil {
		t.Errorf("finance scoped to all: %v", err)
	}
}

func TestParseDuration(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]time.Duration{"90d": 90 * 24 * time.Hour, "2w": 14 * 24 * time.Hour, "12h": 12 * time.Hour, "": 0, "0": 0} {
		if got, err := ParseDuration(in); err != nil || got != want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"-1d", "d", "1.5d", "soon", "0x10d"} {
		if _, err := ParseDuration(bad); err == nil {
			t.Errorf("ParseDuration(%q) succeeded", bad)
		}
	}
}

func TestParseBearer(t *testing.T) {
	t.Parallel()
	if tok, ok := ParseBearer("Bearer skp_abc"); !ok || tok != "skp_abc" {
		t.Errorf("ParseBearer = %q, %v", tok, ok)
	}
	for _, bad := range []string{"", "Basic skp_abc", "Bearer abc", "Bearerskp_abc"} {
		if _, ok := ParseBearer(bad); ok {
			t.Errorf("ParseBearer(%q) accepted", bad)
		}
	}
}
