// Command validate checks the Kubernetes manifests under deploy/kubernetes
// and the Containerfile without a cluster and without the network:
//
//   - every manifest decodes strictly into its typed Kubernetes object
//     (k8s.io/api): an unknown or misspelt field, a value of the wrong
//     type or an unparsable quantity fails;
//   - kustomization.yaml builds the way `kubectl apply -k` builds it
//     (sigs.k8s.io/kustomize/api, the release kubectl 1.37 embeds), and
//     what it builds decodes strictly too;
//   - the pods meet the "restricted" Pod Security Standard
//     (k8s.io/pod-security-admission, the admission controller's own
//     checks);
//   - the house rules of deploy/README.md hold: two replicas rolled one at
//     a time, probes on /healthz and /livez, resources, no "latest" image,
//     one migration Job, servers that never migrate themselves, and an
//     environment the server's configuration accepts (every SAMENKOOP_*
//     name exists, every value passes its validation);
//   - the Containerfile builds with go.mod's toolchain through
//     deploy/build-static.sh and runs as 65532 on the port the manifests
//     use.
//
// Usage, from deploy/validate: go run . [-root ../..] [-dir KUSTOMIZATION]
// It prints every problem and exits 1 when there is one.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := flag.String("root", "../..", "the repository's root directory")
	dir := flag.String("dir", "", "the kustomization to check (default: ROOT/deploy/kubernetes)")
	flag.Parse()
	if *dir == "" {
		*dir = filepath.Join(*root, "deploy", "kubernetes")
	}
	problems, notes, err := validate(*root, *dir)
	for _, n := range notes {
		fmt.Println("note:", n)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "validate:", err)
		os.Exit(1)
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "validate: %d problem(s) in %s and the Containerfile\n", len(problems), *dir)
		os.Exit(1)
	}
	fmt.Printf("%s and the Containerfile: valid\n", *dir)
}

// validate checks the kustomization in dir and the Containerfile of the
// repository at root, and returns the problems found and the notes. The
// error is for what stops the check itself (a file that cannot be read).
func validate(root, dir string) (problems, notes []string, err error) {
	c := newChecker()
	if err := c.sources(dir); err != nil {
		return nil, c.notes, err
	}
	objs := c.build(dir)
	if objs != nil {
		c.rules(objs)
	}
	if err := c.containerfile(root, objs); err != nil {
		return nil, c.notes, err
	}
	return c.problems, c.notes, nil
}
