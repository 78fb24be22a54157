package web_test

import (
	"encoding/json"
	"testing"
)

// TestProblemCarriesCodes: each entry of a 422 problem names its field,
// says the problem in English, and carries the domain's code and
// arguments (internal/apperr/codes.go), so that a client can act on the
// code instead of parsing the message.
func TestProblemCarriesCodes(t *testing.T) {
	ta := newTestApp(t, sampleOrgs()...)
	tests := []struct {
		name, path, body string
		location, code   string
		message          string
		args             []any
	}{
		{"a KvK number of 7 digits", "/api/v1/vendors", `{"name":"Zevencijfers B.V.","kvk":"1234567","country":"NL"}`,
			"body.kvk", "kvk_format", "must be 8 digits (KvK number)", nil},
		{"a vendor name over 200 characters", "/api/v1/vendors", `{"name":"` + string(make201()) + `","country":"NL"}`,
			"body.name", "too_long", "must be at most 200 characters", []any{200.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := ta.doAs(t, "admin", "POST", tt.path, jsonBody(tt.body), "application/json")
			if resp.StatusCode != 422 {
				t.Fatalf("POST %s = %d %s, want 422", tt.path, resp.StatusCode, b)
			}
			var p struct {
				Errors []struct {
					Location string `json:"location"`
					Message  string `json:"message"`
					Code     string `json:"code"`
					Args     []any  `json:"args"`
				} `json:"errors"`
			}
			if err := json.Unmarshal(b, &p); err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Errors {
				if e.Location != tt.location {
					continue
				}
				if e.Code != tt.code || e.Message != tt.message || len(e.Args) != len(tt.args) {
					t.Errorf("entry %+v, want code %q, message %q and args %v", e, tt.code, tt.message, tt.args)
				}
				for i := range tt.args {
					if i < len(e.Args) && e.Args[i] != tt.args[i] {
						t.Errorf("args %v, want %v", e.Args, tt.args)
					}
				}
				return
			}
			t.Errorf("problem %s has no entry for %s", b, tt.location)
		})
	}
}

func make201() []byte {
	b := make([]byte, 201)
	for i := range b {
		b[i] = 'a'
	}
	return b
}
