package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/yaml"
)

// checker collects the problems found.
type checker struct {
	problems []string
	// notes are printed but fail nothing.
	notes []string
	// env holds the environment variables the server's configuration
	// reads (env.go).
	env map[string]bool
}

func newChecker() *checker {
	return &checker{env: configEnv()}
}

func (c *checker) addf(where, format string, args ...any) {
	c.problems = append(c.problems, where+": "+fmt.Sprintf(format, args...))
}

// object is one decoded manifest: where it came from and the typed value.
type object struct {
	where string // file, or "kustomize build", with kind and name
	kind  string
	name  string
	value any
}

// newObject returns an empty typed object for the kinds the manifests
// may hold.
func newObject(apiVersion, kind string) (any, bool) {
	switch apiVersion + " " + kind {
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}, true
	case "v1 Secret":
		return &corev1.Secret{}, true
	case "v1 Service":
		return &corev1.Service{}, true
	case "v1 ServiceAccount":
		return &corev1.ServiceAccount{}, true
	case "apps/v1 Deployment":
		return &appsv1.Deployment{}, true
	case "batch/v1 Job":
		return &batchv1.Job{}, true
	case "policy/v1 PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, true
	case "networking.k8s.io/v1 NetworkPolicy":
		return &networkingv1.NetworkPolicy{}, true
	}
	return nil, false
}

// decode strictly decodes one YAML document into its typed object:
// duplicate keys, unknown fields and values of the wrong type fail.
func decode(doc []byte) (object, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return object{}, err
	}
	v, ok := newObject(tm.APIVersion, tm.Kind)
	if !ok {
		return object{}, fmt.Errorf("apiVersion %q kind %q: not a kind these manifests use", tm.APIVersion, tm.Kind)
	}
	if err := yaml.UnmarshalStrict(doc, v); err != nil {
		return object{}, fmt.Errorf("%s: %w", tm.Kind, err)
	}
	meta := v.(metav1.Object)
	return object{kind: tm.Kind, name: meta.GetName(), value: v}, nil
}

var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*$`)

// sources decodes every manifest file in dir, those kustomization.yaml
// leaves out included (an overlay may have none).
func (c *checker) sources(dir string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return err
	}
	sort.Strings(files)
	for _, f := range files {
		if filepath.Base(f) == "kustomization.yaml" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for i, doc := range docSeparator.Split(string(data), -1) {
			if strings.TrimSpace(stripComments(doc)) == "" {
				continue
			}
			where := fmt.Sprintf("%s (document %d)", filepath.Base(f), i+1)
			o, err := decode([]byte(doc))
			if err != nil {
				c.addf(where, "%v", err)
				continue
			}
			o.where = filepath.Base(f)
			c.names(o)
		}
	}
	return nil
}

func stripComments(doc string) string {
	var b strings.Builder
	for _, line := range strings.Split(doc, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// build runs kustomize on dir as `kubectl apply -k dir` does and decodes
// what it makes. It returns nil when the build fails.
func (c *checker) build(dir string) []object {
	k := krusty.MakeKustomizer(krusty.MakeDefaultOptions())
	resources, err := k.Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		c.addf("kustomization.yaml", "kustomize build: %v", err)
		return nil
	}
	var objs []object
	for _, r := range resources.Resources() {
		doc, err := r.AsYAML()
		if err != nil {
			c.addf("kustomize build", "%s %s: %v", r.GetKind(), r.GetName(), err)
			continue
		}
		o, err := decode(bytes.TrimSpace(doc))
		if err != nil {
			c.addf("kustomize build", "%s %s: %v", r.GetKind(), r.GetName(), err)
			continue
		}
		o.where = fmt.Sprintf("%s %s", o.kind, o.name)
		c.names(o)
		objs = append(objs, o)
	}
	return objs
}

// names checks the object's name and labels as the API server would.
func (c *checker) names(o object) {
	meta := o.value.(metav1.Object)
	if meta.GetName() == "" {
		c.addf(o.where, "%s without metadata.name", o.kind)
	}
	for _, msg := range validation.IsDNS1123Subdomain(meta.GetName()) {
		c.addf(o.where, "name %q: %s", meta.GetName(), msg)
	}
	if meta.GetNamespace() != "" {
		c.addf(o.where, "namespace %q: the manifests go into whatever namespace they are applied to", meta.GetNamespace())
	}
	for k, v := range meta.GetLabels() {
		for _, msg := range validation.IsQualifiedName(k) {
			c.addf(o.where, "label %q: %s", k, msg)
		}
		for _, msg := range validation.IsValidLabelValue(v) {
			c.addf(o.where, "label %s=%q: %s", k, v, msg)
		}
	}
}
