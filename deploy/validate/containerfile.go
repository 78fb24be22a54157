package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// instruction is one Containerfile instruction, continuation lines joined.
type instruction struct {
	line int
	cmd  string // upper case
	args string
}

func parseContainerfile(text string) []instruction {
	var out []instruction
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if cur.Len() == 0 {
			start = i + 1
		}
		if strings.HasPrefix(trimmed, "#") {
			continue // a comment inside a continued instruction
		}
		if s, ok := strings.CutSuffix(trimmed, `\`); ok {
			cur.WriteString(s + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{line: start, cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// containerfile checks the Containerfile against go.mod, the build script
// and the manifests (objs, nil when the build failed).
func (c *checker) containerfile(root string, objs []object) error {
	data, err := os.ReadFile(filepath.Join(root, "Containerfile"))
	if err != nil {
		return err
	}
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	toolchain := ""
	for _, line := range strings.Split(string(mod), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "toolchain go"); ok {
			toolchain = v
		}
	}
	const where = "Containerfile"
	ins := parseContainerfile(string(data))
	var froms []instruction
	args := map[string]string{}
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, in)
		case "ARG":
			if k, v, ok := strings.Cut(in.args, "="); ok {
				args[k] = v
			}
		}
	}
	if toolchain != "" && args["GO_VERSION"] != toolchain {
		c.addf(where, "ARG GO_VERSION=%s, go.mod's toolchain is go%s: build with the release go.mod names", args["GO_VERSION"], toolchain)
	}
	if len(froms) != 2 {
		c.addf(where, "%d FROM lines, want two stages: the build and the runtime", len(froms))
		return nil
	}
	if !strings.HasPrefix(froms[0].args, "docker.io/library/golang:${GO_VERSION}-bookworm ") {
		c.addf(where, "line %d: the build stage must start from docker.io/library/golang:${GO_VERSION}-bookworm, got %s", froms[0].line, froms[0].args)
	}
	if froms[1].args != "gcr.io/distroless/static-debian12:nonroot" {
		c.addf(where, "line %d: the runtime stage must be gcr.io/distroless/static-debian12:nonroot (no shell, user 65532), got %s", froms[1].line, froms[1].args)
	}
	var user, expose, entrypoint, cmd string
	builds := false
	env := map[string]string{}
	for _, in := range ins {
		switch in.cmd {
		case "RUN":
			builds = builds || (in.line < froms[1].line && strings.Contains(in.args, "deploy/build-static.sh"))
		case "USER":
			user = in.args
		case "EXPOSE":
			expose = in.args
		case "ENTRYPOINT":
			entrypoint = in.args
		case "CMD":
			cmd = in.args
		case "ENV":
			for _, kv := range strings.Fields(in.args) {
				if k, v, ok := strings.Cut(kv, "="); ok {
					env[k] = v
				}
			}
		case "ADD":
			c.addf(where, "line %d: COPY, not ADD: nothing is fetched or unpacked behind the build's back", in.line)
		}
	}
	if !builds {
		c.addf(where, "the build stage must run deploy/build-static.sh, the build .ci/run checks")
	}
	if user != fmt.Sprintf("%d:%d", imageUser, imageUser) {
		c.addf(where, "USER %q, want %d:%d", user, imageUser, imageUser)
	}
	if entrypoint != `["/usr/local/bin/samenkoop"]` || cmd != `["serve"]` {
		c.addf(where, `ENTRYPOINT %s CMD %s, want ["/usr/local/bin/samenkoop"] and ["serve"]`, entrypoint, cmd)
	}
	port, err := strconv.Atoi(expose)
	if err != nil {
		c.addf(where, "EXPOSE %q: one port", expose)
	}
	if env["SAMENKOOP_SERVER_ADDR"] != fmt.Sprintf(":%d", port) {
		c.addf(where, "ENV SAMENKOOP_SERVER_ADDR=%s, EXPOSE %s: the server must listen on every interface, on the exposed port", env["SAMENKOOP_SERVER_ADDR"], expose)
	}
	for _, o := range objs {
		if d, ok := o.value.(*appsv1.Deployment); ok {
			for _, ctr := range d.Spec.Template.Spec.Containers {
				if !slices.ContainsFunc(ctr.Ports, func(p corev1.ContainerPort) bool { return int(p.ContainerPort) == port }) {
					c.addf(where, "EXPOSE %d is not the Deployment's containerPort", port)
				}
			}
		}
	}
	return c.ignoreFiles(root)
}

// ignoreFiles checks that .dockerignore and .containerignore leave out
// the same files: Docker reads the one, Podman and Buildah the other.
func (c *checker) ignoreFiles(root string) error {
	patterns := func(name string) ([]string, error) {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			return nil, err
		}
		var out []string
		for _, line := range strings.Split(string(data), "\n") {
			if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
				out = append(out, l)
			}
		}
		return out, nil
	}
	docker, err := patterns(".dockerignore")
	if err != nil {
		return err
	}
	containers, err := patterns(".containerignore")
	if err != nil {
		return err
	}
	if !slices.Equal(docker, containers) {
		c.addf(".dockerignore", "differs from .containerignore: %v against %v", docker, containers)
	}
	for _, p := range containers {
		if p == "deploy" || p == "deploy/" || p == "go.mod" || p == "go.sum" {
			c.addf(".containerignore", "%s is ignored, but the build needs it", p)
		}
	}
	return nil
}
