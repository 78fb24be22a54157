package contracts_test

import (
	"testing"

	"github.com/samenkoop/samenkoop/contracts"
)

func TestScope(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		s       contracts.Scope
		all     bool
		org     string
		ok      bool
		str     string
		allowed []string
		refused []string
	}{
		{"the zero Scope allows nothing: a scope never set refuses rather than grants", contracts.Scope{}, false, "", false, "nothing",
			nil, []string{"GM0363", "GM0518", ""}},
		{"Everyone allows every organization (admins, coordinators, the command line)", contracts.Everyone(), true, "", false, "everyone",
			[]string{"GM0363", "GM0518", "PV27"}, nil},
		{"Only allows its own organization (DESIGN §6: a member acts for its own)", contracts.Only("GM0363"), false, "GM0363", true, "GM0363",
			[]string{"GM0363"}, []string{"GM0518", "gm0363", ""}},
		{"Only of no code allows nothing, not everyone", contracts.Only(""), false, "", false, "nothing",
			nil, []string{"GM0363", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.s.All(); got != tt.all {
				t.Errorf("All() = %v, want %v", got, tt.all)
			}
			if org, ok := tt.s.Organization(); org != tt.org || ok != tt.ok {
				t.Errorf("Organization() = %q, %v, want %q, %v", org, ok, tt.org, tt.ok)
			}
			if got := tt.s.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			for _, code := range tt.allowed {
				if !tt.s.Allows(code) {
					t.Errorf("Allows(%q) = false, want true", code)
				}
			}
			for _, code := range tt.refused {
				if tt.s.Allows(code) {
					t.Errorf("Allows(%q) = true, want false", code)
				}
			}
		})
	}
	a, b := contracts.Only("GM0363"), contracts.Only("GM0363")
	if a != b || a == contracts.Everyone() || a == contracts.Only("GM0518") {
		t.Error("scopes compare by value: the same organization is the same scope, and differs from everyone and from another")
	}
}
