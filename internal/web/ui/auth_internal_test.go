package ui

import "testing"

func TestLocalPath(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/contracten?x=1":      "/contracten?x=1",
		"/":                    "/",
		"":                     "/",
		"//evil.example":       "/",
		"/\\evil.example":      "/",
		"/\t/evil.example":     "/",
		"/\n/evil.example":     "/",
		"https://evil.example": "/",
		"javascript:alert(1)":  "/",
		"evil.example/path":    "/",
	}
	for in, want := range tests {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
