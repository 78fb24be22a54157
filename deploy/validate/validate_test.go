package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManifestsAreValid: the manifests and the Containerfile as committed
// pass every check.
func TestManifestsAreValid(t *testing.T) {
	problems, _, err := validate("../..", "../kubernetes")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestBrokenManifestsFail: each directory under testdata/manifests is an
// overlay on deploy/kubernetes that breaks one rule, and want.txt holds
// what the report must say. The committed manifests pass
// (TestManifestsAreValid), so each problem comes from the overlay.
func TestBrokenManifestsFail(t *testing.T) {
	cases, err := os.ReadDir("testdata/manifests")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 10 {
		t.Fatalf("%d cases in testdata/manifests, want them all", len(cases))
	}
	for _, tc := range cases {
		t.Run(tc.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata", "manifests", tc.Name())
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			problems, _, err := validate("../..", dir)
			if err != nil {
				t.Fatal(err)
			}
			report := strings.Join(problems, "\n")
			if !strings.Contains(report, strings.TrimSpace(string(want))) {
				t.Errorf("the report lacks %q; it says:\n%s", strings.TrimSpace(string(want)), report)
			}
		})
	}
}

// TestBrokenContainerfileFails: a Containerfile that drifts from go.mod,
// the build script or the manifests is reported.
func TestBrokenContainerfileFails(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		want     string
	}{
		{"another Go", "ARG GO_VERSION=", "ARG GO_VERSION=1.25.0\n#", "go.mod's toolchain is go"},
		{"root", "USER 65532:65532", "USER root", `USER "root", want 65532:65532`},
		{"own build command", "deploy/build-static.sh /out/samenkoop", "go build -o /out/samenkoop ./cmd/samenkoop", "must run deploy/build-static.sh"},
		{"a base with a shell", "gcr.io/distroless/static-debian12:nonroot", "debian:bookworm-slim", "the runtime stage must be gcr.io/distroless/static-debian12:nonroot"},
		{"another port", "EXPOSE 8080", "EXPOSE 9000", "EXPOSE 9000 is not the Deployment's containerPort"},
		{"ADD", "COPY go.mod go.sum ./", "ADD https://example.nl/go.mod ./", "COPY, not ADD"},
	}
	containerfile, err := os.ReadFile("../../Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(containerfile), tc.old) {
				t.Fatalf("the Containerfile has no %q to change", tc.old)
			}
			root := t.TempDir()
			for _, f := range []string{"go.mod", ".dockerignore", ".containerignore"} {
				copyFile(t, filepath.Join("../..", f), filepath.Join(root, f))
			}
			broken := strings.Replace(string(containerfile), tc.old, tc.new, 1)
			if err := os.WriteFile(filepath.Join(root, "Containerfile"), []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			problems, _, err := validate(root, "../kubernetes")
			if err != nil {
				t.Fatal(err)
			}
			if report := strings.Join(problems, "\n"); !strings.Contains(report, tc.want) {
				t.Errorf("the report lacks %q; it says:\n%s", tc.want, report)
			}
		})
	}
}

// TestIgnoreFilesAgree: .dockerignore and .containerignore must leave out
// the same files.
func TestIgnoreFilesAgree(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"go.mod", "Containerfile", ".containerignore"} {
		copyFile(t, filepath.Join("../..", f), filepath.Join(root, f))
	}
	if err := os.WriteFile(filepath.Join(root, ".dockerignore"), []byte(".git\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	problems, _, err := validate(root, "../kubernetes")
	if err != nil {
		t.Fatal(err)
	}
	if report := strings.Join(problems, "\n"); !strings.Contains(report, "differs from .containerignore") {
		t.Errorf("the report lacks the differing ignore files; it says:\n%s", report)
	}
}

// TestGoBytes: GOMEMLIMIT's units as the Go runtime reads them.
func TestGoBytes(t *testing.T) {
	for in, want := range map[string]int64{"900MiB": 900 << 20, "1GiB": 1 << 30, "512KiB": 512 << 10, "1000": 1000, "64B": 64} {
		if got, err := goBytes(in); err != nil || got != want {
			t.Errorf("goBytes(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1Gi", "1GB", "", "-5MiB", "MiB"} {
		if _, err := goBytes(in); err == nil {
			t.Errorf("goBytes(%q) accepted a value the Go runtime refuses", in)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
