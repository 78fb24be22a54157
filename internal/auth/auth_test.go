package auth

import (
	"errors"
	"strings"
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

func TestLimiter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	l := NewLimiter(10, time.Minute, func() time.Time { return now })
	for i := range 10 {
		if w := l.Wait("a"); w != 0 {
			t.Fatalf("attempt %d must wait %v, want 0", i+1, w)
		}
		l.Fail("a")
		now = now.Add(time.Second)
	}
	if w := l.Wait("a"); w <= 0 {
		t.Fatal("11th attempt within a minute may go ahead, want a wait")
	}
	if w := l.Wait("b"); w != 0 {
		t.Errorf("another key must not wait, got %v", w)
	}
	now = now.Add(51 * time.Second) // the first failure leaves the window
	if w := l.Wait("a"); w != 0 {
		t.Errorf("after the window: wait %v, want 0", w)
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
