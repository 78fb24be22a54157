package web

import "testing"

// TestAttachmentDisposition follows RFC 6266 §4.3: an ASCII filename for
// old clients and the exact name as filename* (RFC 8187), so that Dutch
// and Frisian names survive and no name can break out of the header.
func TestAttachmentDisposition(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "contracten-2026-11-22.csv", `attachment; filename="contracten-2026-11-22.csv"; filename*=UTF-8''contracten-2026-11-22.csv`},
		{"Frisian accents (RFC 8187 UTF-8)", "uitgaven-súdwest-fryslân-2026.xlsx",
			`attachment; filename="uitgaven-sudwest-fryslan-2026.xlsx"; filename*=UTF-8''uitgaven-s%C3%BAdwest-frysl%C3%A2n-2026.xlsx`},
		{"apostrophe of 's-Hertogenbosch", "afhankelijkheid-'s-hertogenbosch.pdf",
			`attachment; filename="afhankelijkheid-'s-hertogenbosch.pdf"; filename*=UTF-8''afhankelijkheid-%27s-hertogenbosch.pdf`},
		{"quotes, backslash, semicolon and CRLF cannot break the header", "a\"b\\c;d\r\ne.pdf",
			`attachment; filename="a_b_c_d__e.pdf"; filename*=UTF-8''a%22b%5Cc%3Bd%0D%0Ae.pdf`},
		{"euro sign", "€.pdf", `attachment; filename="_.pdf"; filename*=UTF-8''%E2%82%AC.pdf`},
	}
	for _, tt := range tests {
		if got := attachmentDisposition(tt.in); got != tt.want {
			t.Errorf("%s: attachmentDisposition(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestExportFileName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		parts []string
		want  string
	}{
		{[]string{"uitgaven", "Súdwest-Fryslân", "2026-2030"}, "uitgaven-súdwest-fryslân-2026-2030.xlsx"},
		{[]string{"afhankelijkheid", "'s-Hertogenbosch", "2026"}, "afhankelijkheid-'s-hertogenbosch-2026.xlsx"},
		{[]string{"a/b\\c:d*e?f\"g<h>i|j"}, "a-b-c-d-e-f-g-h-i-j.xlsx"},
	}
	for _, tt := range tests {
		if got := exportFileName("xlsx", tt.parts...); got != tt.want {
			t.Errorf("exportFileName(%q) = %q, want %q", tt.parts, got, tt.want)
		}
	}
}
