// Package servertest runs the samenkoop command as processes of its own
// for tests that need whole server processes: several `samenkoop serve`
// on one database, or servers on two databases to compare. A package's
// test binary that holds the command's main (cmd/samenkoop's) stands in
// for it (Command): linking the command again would cost every test run
// seconds. Other commands are built once per test process into a
// directory Main removes. Every process a test starts listens on a
// loopback port of its own choosing and is stopped when the test ends.
package servertest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildDir holds the binaries of this test process.
var buildDir = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "samenkoop-bin-") })

// Main runs the tests of a package that uses Binary and removes the
// binaries afterwards; call it from the package's TestMain.
func Main(m *testing.M) int {
	code := m.Run()
	for _, f := range processCleanups {
		f()
	}
	if dir, err := buildDir(); err == nil {
		_ = os.RemoveAll(dir)
	}
	return code
}

// moduleRoot is the directory of go.mod, two levels above this file.
func moduleRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

var (
	buildMu sync.Mutex
	built   = map[string]string{}
	// commands are the commands this test binary stands in for (Command).
	commands = map[string]bool{}
)

// Command lets this test binary stand in for the module's command name,
// whose main function is main: call it first in the TestMain of the
// package that holds the command (package main of cmd/<name>). Started
// under the name name (Binary links it so), the binary runs main instead
// of its tests and exits; otherwise Command returns and Binary(t, name)
// answers that link instead of building the command. The test binary is
// the command's package compiled as it is for the command, with the
// tests beside it.
func Command(name string, main func()) {
	if filepath.Base(os.Args[0]) == name {
		main()
		os.Exit(0)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	commands[name] = true
}

// Binary returns the path of the module's command cmd/<name> (samenkoop,
// samenkoop-load): for the command this test binary stands in for
// (Command), a link to it under that name; else the command built with
// the module's build cache the first time a test of the process asks for
// it.
func Binary(t testing.TB, name string) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[name]; ok {
		return p
	}
	dir, err := buildDir()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	if commands[name] {
		self, err := os.Executable()
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(self, out); err != nil {
			t.Fatal(err)
		}
		built[name] = out
		return out
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/"+name)
	cmd.Dir = moduleRoot()
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/%s: %v\n%s", name, err, b)
	}
	built[name] = out
	return out
}

// SyncBuffer collects output (a process's, a logger's) for the test to
// read while it is written.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// environ is this process's environment without any SAMENKOOP_ setting,
// so that a developer's own configuration never reaches a test server,
// plus extra.
func environ(extra []string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SAMENKOOP_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// Server is one running `samenkoop serve`.
type Server struct {
	// Base is the server's URL, http://127.0.0.1:<port>.
	Base   string
	cmd    *exec.Cmd
	stdout *SyncBuffer
	stderr *SyncBuffer
	done   chan error
}

// Log is what the server wrote to standard error so far.
func (s *Server) Log() string { return s.stderr.String() }

var servesAt = regexp.MustCompile(`serves (http://127\.0\.0\.1:[0-9]+)`)

// Start starts `samenkoop serve` (the binary bin) on db, on a free
// loopback port, and returns once /healthz answers 200. The process is
// sent SIGTERM when the test ends, and killed if it has not stopped
// within stopTimeout; a server that did not stop cleanly fails the test.
// A server finishes open keep-alive connections before it stops: close
// the client's idle connections first (a t.Cleanup registered after
// Start runs before the stop).
func Start(t testing.TB, bin string, db *Database, extraEnv ...string) *Server {
	t.Helper()
	s, err := start(t, bin, db, extraEnv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// StartN starts n servers on db at once, as Start does each: servers of
// a deployment start together, and so migrate and seed the reference
// data at the same moment.
func StartN(t testing.TB, n int, bin string, db *Database, extraEnv ...string) []*Server {
	t.Helper()
	servers, errs := make([]*Server, n), make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { servers[i], errs[i] = start(t, bin, db, extraEnv) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return servers
}

// start starts one server; safe to call from several goroutines (it
// reports rather than fails).
func start(t testing.TB, bin string, db *Database, extraEnv []string) (*Server, error) {
	s := &Server{stdout: &SyncBuffer{}, stderr: &SyncBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	s.cmd.Dir = t.TempDir() // no samenkoop.yaml of the developer's
	s.cmd.Env = environ(append(db.Env(), extraEnv...))
	s.cmd.Stdout, s.cmd.Stderr = s.stdout, s.stderr
	s.cmd.SysProcAttr = procAttr()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	t.Cleanup(func() { s.stop(t) })

	deadline := time.Now().Add(30 * time.Second)
	for s.Base == "" {
		if m := servesAt.FindStringSubmatch(s.stdout.String()); m != nil {
			s.Base = m[1]
			break
		}
		select {
		case err := <-s.done:
			s.done <- err
			return nil, fmt.Errorf("serve stopped at start: %v\n%s", err, s.Log())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("serve did not report its address in 30 s:\n%s", s.Log())
		}
	}
	client := &http.Client{Timeout: 2 * time.Second}
	defer client.CloseIdleConnections()
	for {
		resp, err := client.Get(s.Base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%s/healthz did not answer 200 in 30 s (%v):\n%s", s.Base, err, s.Log())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stopTimeout is how long a server may take to stop: its default
// server.shutdownTimeout (15 s) and a little more.
const stopTimeout = 20 * time.Second

func (s *Server) stop(t testing.TB) {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve %s did not stop cleanly: %v\n%s", s.Base, err, s.Log())
		}
	case <-time.After(stopTimeout):
		_ = s.cmd.Process.Kill()
		<-s.done
		t.Errorf("serve %s did not stop within %s of SIGTERM and was killed:\n%s", s.Base, stopTimeout, s.Log())
	}
}

// Run runs the samenkoop command bin with args on db and returns its
// standard output; a non-zero exit fails the test.
func Run(t testing.TB, bin string, db *Database, args ...string) string {
	t.Helper()
	out, errOut, err := RunStatus(bin, db, args...)
	if err != nil {
		t.Fatalf("samenkoop %s: %v\n%s%s", strings.Join(args, " "), err, out, errOut)
	}
	return out
}

// RunStatus runs the samenkoop command bin with args on db, bounded to two
// minutes, and returns its output and its error (an *exec.ExitError for a
// non-zero exit).
func RunStatus(bin string, db *Database, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, errOut bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	// The build directory holds nothing but binaries: no samenkoop.yaml.
	if cmd.Dir, err = buildDir(); err != nil {
		return "", "", err
	}
	cmd.Env = environ(db.Env())
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after 2 minutes: %w", err)
	}
	return out.String(), errOut.String(), err
}
