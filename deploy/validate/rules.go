package main

import (
	"net"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samenkoop/samenkoop/internal/config"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	psaapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

// The house rules (deploy/README.md), on what kustomize builds.

const (
	replicas      = 2
	readinessPath = "/healthz" // checks the database (internal/web/health.go)
	livenessPath  = "/livez"   // answers while the process serves
	imageUser     = 65532      // the Containerfile's USER
)

// rules checks the built objects against each other and the house rules.
func (c *checker) rules(objs []object) {
	configMaps := map[string]*corev1.ConfigMap{}
	var deployments []*appsv1.Deployment
	var jobs []*batchv1.Job
	var services []*corev1.Service
	var budgets []*policyv1.PodDisruptionBudget
	for _, o := range objs {
		switch v := o.value.(type) {
		case *corev1.ConfigMap:
			configMaps[v.Name] = v
			for k := range v.Data {
				for _, msg := range validation.IsConfigMapKey(k) {
					c.addf(o.where, "key %q: %s", k, msg)
				}
			}
		case *corev1.Secret:
			c.addf(o.where, "a Secret belongs to the cluster, not to the repository: create it by hand (deploy/README.md)")
		case *appsv1.Deployment:
			deployments = append(deployments, v)
		case *batchv1.Job:
			jobs = append(jobs, v)
		case *corev1.Service:
			services = append(services, v)
		case *policyv1.PodDisruptionBudget:
			budgets = append(budgets, v)
		}
	}
	if len(deployments) != 1 || len(jobs) != 1 || len(services) != 1 || len(budgets) != 1 {
		c.addf("kustomize build", "%d Deployment(s), %d Job(s), %d Service(s), %d PodDisruptionBudget(s): want one of each",
			len(deployments), len(jobs), len(services), len(budgets))
		return
	}
	dep := deployments[0]
	server, ok := c.deployment(dep, configMaps)
	if !ok {
		return
	}
	c.job(jobs[0], configMaps, server)
	c.service(services[0], dep, server.ctr)
	c.budget(budgets[0], dep)
}

// server is what the Deployment's checks tell the others.
type server struct {
	ctr corev1.Container
	env podEnv
}

func (c *checker) deployment(d *appsv1.Deployment, configMaps map[string]*corev1.ConfigMap) (server, bool) {
	where := "Deployment " + d.Name
	if d.Spec.Replicas == nil || *d.Spec.Replicas != replicas {
		c.addf(where, "replicas must be %d (two servers behind the Service), got %v", replicas, intOrNil(d.Spec.Replicas))
	}
	ru := d.Spec.Strategy.RollingUpdate
	if d.Spec.Strategy.Type != appsv1.RollingUpdateDeploymentStrategyType || ru == nil ||
		!isInt(ru.MaxUnavailable, 0) || !isInt(ru.MaxSurge, 1) {
		c.addf(where, "strategy must be RollingUpdate with maxUnavailable 0 and maxSurge 1: no upgrade takes a server away before its successor is ready")
	}
	c.selects(where, d.Spec.Selector, d.Spec.Template.Labels)
	c.pod(where, d.Spec.Template.ObjectMeta, d.Spec.Template.Spec)
	if len(d.Spec.Template.Spec.Containers) != 1 {
		c.addf(where, "one container, the server, got %d", len(d.Spec.Template.Spec.Containers))
		return server{}, false
	}
	ctr := d.Spec.Template.Spec.Containers[0]
	where += " container " + ctr.Name
	if !slices.Equal(ctr.Args, []string{"serve"}) || len(ctr.Command) > 0 {
		c.addf(where, "must run the image's entrypoint with args [serve], got command %v args %v", ctr.Command, ctr.Args)
	}
	c.probe(where, "readinessProbe", ctr.ReadinessProbe, ctr, readinessPath)
	c.probe(where, "livenessProbe", ctr.LivenessProbe, ctr, livenessPath)
	if ctr.StartupProbe == nil {
		c.addf(where, "no startupProbe: a server that takes long to start would be killed by its liveness probe")
	} else {
		c.probe(where, "startupProbe", ctr.StartupProbe, ctr, "")
	}
	env := c.environment(where, ctr, configMaps)
	cfg, ok := c.config(where, env)
	if !ok {
		return server{ctr, env}, true
	}
	if cfg.DB.AutoMigrate {
		c.addf(where, "db.autoMigrate is on: %d servers would migrate at once; set SAMENKOOP_DB_AUTOMIGRATE=false and let the Job migrate", replicas)
	}
	if cfg.Log.Format != "json" {
		c.addf(where, "log.format %q: the platform's log aggregation reads JSON lines", cfg.Log.Format)
	}
	c.listens(where, cfg, ctr)
	c.stops(where, cfg, d.Spec.Template.Spec, ctr)
	c.auditKey(where, cfg, d.Spec.Template.Spec, ctr, env)
	return server{ctr, env}, true
}

// listens checks that the server listens on every interface, on the
// container's port.
func (c *checker) listens(where string, cfg config.Config, ctr corev1.Container) {
	host, port, err := net.SplitHostPort(cfg.Server.Addr)
	if err != nil {
		return // the configuration's own check reports it
	}
	if host != "" && host != "0.0.0.0" && host != "::" {
		c.addf(where, "server.addr %q: listen on every interface of the pod (\":%s\"), or the probes and the Service cannot reach it", cfg.Server.Addr, port)
	}
	p, _ := strconv.Atoi(port)
	if !slices.ContainsFunc(ctr.Ports, func(cp corev1.ContainerPort) bool { return int(cp.ContainerPort) == p }) {
		c.addf(where, "server.addr %q: no containerPort %d", cfg.Server.Addr, p)
	}
}

// stops checks that a stopping server finishes its requests before the
// kubelet kills it.
func (c *checker) stops(where string, cfg config.Config, spec corev1.PodSpec, ctr corev1.Container) {
	grace := 30 * time.Second
	if spec.TerminationGracePeriodSeconds != nil {
		grace = time.Duration(*spec.TerminationGracePeriodSeconds) * time.Second
	}
	var pause time.Duration
	if ctr.Lifecycle != nil && ctr.Lifecycle.PreStop != nil && ctr.Lifecycle.PreStop.Sleep != nil {
		pause = time.Duration(ctr.Lifecycle.PreStop.Sleep.Seconds) * time.Second
	} else {
		c.addf(where, "no preStop sleep: the server would stop listening while the Service still sends it requests")
	}
	if pause+cfg.Server.ShutdownTimeout >= grace {
		c.addf(where, "preStop sleep %s + server.shutdownTimeout %s is not under terminationGracePeriodSeconds %s", pause, cfg.Server.ShutdownTimeout, grace)
	}
}

// auditKey checks that the audit chain is keyed from a Secret's file.
func (c *checker) auditKey(where string, cfg config.Config, spec corev1.PodSpec, ctr corev1.Container, env podEnv) {
	if _, fromSecret := env.secrets["SAMENKOOP_AUDIT_KEYFILE"]; fromSecret {
		return // a path kept secret: nothing to compare
	}
	if cfg.Audit.KeyFile == "" {
		c.addf(where, "audit.keyFile is empty: the audit chain would be unkeyed; mount the key from a Secret")
		return
	}
	for _, m := range ctr.VolumeMounts {
		if path.Dir(cfg.Audit.KeyFile) != path.Clean(m.MountPath) {
			continue
		}
		for _, v := range spec.Volumes {
			if v.Name == m.Name && v.Secret != nil {
				if !slices.ContainsFunc(v.Secret.Items, func(k corev1.KeyToPath) bool { return k.Path == path.Base(cfg.Audit.KeyFile) }) && len(v.Secret.Items) > 0 {
					c.addf(where, "audit.keyFile %s: the Secret volume %s has no item %s", cfg.Audit.KeyFile, v.Name, path.Base(cfg.Audit.KeyFile))
				}
				return
			}
		}
	}
	c.addf(where, "audit.keyFile %s is not in a volume from a Secret", cfg.Audit.KeyFile)
}

// probe checks an HTTP probe on the container's port; want is its path,
// or "" for either of the server's two.
func (c *checker) probe(where, name string, p *corev1.Probe, ctr corev1.Container, want string) {
	if p == nil {
		c.addf(where, "no %s (GET %s)", name, want)
		return
	}
	if p.HTTPGet == nil {
		c.addf(where, "%s must be an httpGet", name)
		return
	}
	switch {
	case want != "" && p.HTTPGet.Path != want:
		c.addf(where, "%s on %q, want %s", name, p.HTTPGet.Path, want)
	case want == "" && p.HTTPGet.Path != readinessPath && p.HTTPGet.Path != livenessPath:
		c.addf(where, "%s on %q, want %s or %s", name, p.HTTPGet.Path, readinessPath, livenessPath)
	}
	if !hasPort(ctr, p.HTTPGet.Port) {
		c.addf(where, "%s port %s is none of the container's ports", name, p.HTTPGet.Port.String())
	}
}

func (c *checker) job(j *batchv1.Job, configMaps map[string]*corev1.ConfigMap, srv server) {
	where := "Job " + j.Name
	if (j.Spec.Parallelism != nil && *j.Spec.Parallelism != 1) || (j.Spec.Completions != nil && *j.Spec.Completions != 1) {
		c.addf(where, "parallelism and completions must be 1: the migration runs once, in one pod")
	}
	if j.Spec.TTLSecondsAfterFinished == nil {
		c.addf(where, "no ttlSecondsAfterFinished: the finished Job would stay and block the next release's (a Job's template cannot change)")
	}
	c.pod(where, j.Spec.Template.ObjectMeta, j.Spec.Template.Spec)
	if len(j.Spec.Template.Spec.Containers) != 1 {
		c.addf(where, "one container, the migration, got %d", len(j.Spec.Template.Spec.Containers))
		return
	}
	ctr := j.Spec.Template.Spec.Containers[0]
	where += " container " + ctr.Name
	if !slices.Equal(ctr.Args, []string{"migrate"}) || len(ctr.Command) > 0 {
		c.addf(where, "must run the image's entrypoint with args [migrate], got command %v args %v", ctr.Command, ctr.Args)
	}
	if ctr.Image != srv.ctr.Image {
		c.addf(where, "image %s, the servers run %s: the Job must migrate to the servers' schema", ctr.Image, srv.ctr.Image)
	}
	env := c.environment(where, ctr, configMaps)
	c.config(where, env)
	// The Job must migrate the database the servers use.
	for _, name := range []string{"SAMENKOOP_DB_DRIVER", "SAMENKOOP_DB_URL", "SAMENKOOP_DB_PATH", "SAMENKOOP_DB", "SAMENKOOP_AUDIT_KEYFILE"} {
		jv, jok := env.values[name]
		sv, sok := srv.env.values[name]
		js, jsec := env.secrets[name]
		ss, ssec := srv.env.secrets[name]
		if jok != sok || jv != sv || jsec != ssec || js.Name != ss.Name || js.Key != ss.Key {
			c.addf(where, "%s differs from the Deployment's: the Job must migrate the database the servers use", name)
		}
	}
}

func (c *checker) service(s *corev1.Service, d *appsv1.Deployment, ctr corev1.Container) {
	where := "Service " + s.Name
	if len(s.Spec.Selector) == 0 || !labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(d.Spec.Template.Labels)) {
		c.addf(where, "selector %v does not select the Deployment's pods %v", s.Spec.Selector, d.Spec.Template.Labels)
	}
	for _, p := range s.Spec.Ports {
		target := p.TargetPort
		if target.Type == intstr.Int && target.IntVal == 0 {
			target = intstr.FromInt32(p.Port)
		}
		if !hasPort(ctr, target) {
			c.addf(where, "port %s targets %s, none of the server's ports", p.Name, target.String())
		}
	}
}

func (c *checker) budget(b *policyv1.PodDisruptionBudget, d *appsv1.Deployment) {
	where := "PodDisruptionBudget " + b.Name
	if b.Spec.MinAvailable == nil || !isInt(b.Spec.MinAvailable, 1) {
		c.addf(where, "minAvailable must be 1: one server keeps serving while a node is drained, one may go")
	}
	c.selects(where, b.Spec.Selector, d.Spec.Template.Labels)
}

// pod checks what every pod of the manifests shares: the "restricted"
// Pod Security Standard, the image's user, no API token, and per
// container the image tag, the security context, resources and a
// writable /tmp.
func (c *checker) pod(where string, meta metav1.ObjectMeta, spec corev1.PodSpec) {
	eval, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		c.addf(where, "pod security checks: %v", err)
		return
	}
	res := policy.AggregateCheckResults(eval.EvaluatePod(psaapi.LevelVersion{Level: psaapi.LevelRestricted, Version: psaapi.LatestVersion()}, &meta, &spec))
	for i, reason := range res.ForbiddenReasons {
		c.addf(where, "Pod Security Standard \"restricted\": %s (%s)", reason, res.ForbiddenDetails[i])
	}
	sc := spec.SecurityContext
	if sc == nil || sc.RunAsNonRoot == nil || !*sc.RunAsNonRoot {
		c.addf(where, "securityContext.runAsNonRoot must be true")
	}
	if sc == nil || sc.RunAsUser == nil || *sc.RunAsUser != imageUser {
		c.addf(where, "securityContext.runAsUser must be %d, the image's user", imageUser)
	}
	if spec.AutomountServiceAccountToken == nil || *spec.AutomountServiceAccountToken {
		c.addf(where, "automountServiceAccountToken must be false: the server does not use the Kubernetes API")
	}
	for _, ctr := range spec.InitContainers {
		c.addf(where, "init container %s: the manifests have none (the migration is a Job)", ctr.Name)
	}
	for _, ctr := range spec.Containers {
		c.container(where+" container "+ctr.Name, ctr, spec)
	}
}

func (c *checker) container(where string, ctr corev1.Container, spec corev1.PodSpec) {
	for _, msg := range validation.IsDNS1123Label(ctr.Name) {
		c.addf(where, "container name %q: %s", ctr.Name, msg)
	}
	for _, p := range ctr.Ports {
		for _, msg := range validation.IsValidPortName(p.Name) {
			c.addf(where, "port name %q: %s", p.Name, msg)
		}
		for _, msg := range validation.IsValidPortNum(int(p.ContainerPort)) {
			c.addf(where, "containerPort %d: %s", p.ContainerPort, msg)
		}
	}
	for _, e := range ctr.Env {
		for _, msg := range validation.IsEnvVarName(e.Name) {
			c.addf(where, "env name %q: %s", e.Name, msg)
		}
	}
	if msg := imageTag(ctr.Image); msg != "" {
		c.addf(where, "image %q: %s", ctr.Image, msg)
	}
	sc := ctr.SecurityContext
	switch {
	case sc == nil:
		c.addf(where, "no securityContext")
	default:
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			c.addf(where, "securityContext.allowPrivilegeEscalation must be false")
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			c.addf(where, "securityContext.readOnlyRootFilesystem must be true")
		}
		if sc.Capabilities == nil || !slices.Equal(sc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(sc.Capabilities.Add) > 0 {
			c.addf(where, "securityContext.capabilities must drop ALL and add none")
		}
	}
	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, hasReq := ctr.Resources.Requests[r]
		lim, hasLim := ctr.Resources.Limits[r]
		switch {
		case !hasReq || !hasLim:
			c.addf(where, "resources: set requests.%s and limits.%s", r, r)
		case req.Cmp(lim) > 0:
			c.addf(where, "resources: requests.%s %s exceeds limits.%s %s", r, req.String(), r, lim.String())
		}
	}
	// Spreadsheet imports and exports write temporary files.
	tmp := false
	for _, m := range ctr.VolumeMounts {
		if path.Clean(m.MountPath) == "/tmp" && !m.ReadOnly {
			for _, v := range spec.Volumes {
				tmp = tmp || (v.Name == m.Name && v.EmptyDir != nil)
			}
		}
	}
	if !tmp {
		c.addf(where, "no writable emptyDir at /tmp: the root filesystem is read-only and imports unpack to temporary files")
	}
}

// imageTag says what is wrong with an image reference's tag, or "".
func imageTag(image string) string {
	if image == "" {
		return "no image"
	}
	if strings.Contains(image, "@sha256:") {
		return ""
	}
	name, tag := image, ""
	if i := strings.LastIndex(image, ":"); i > strings.LastIndex(image, "/") {
		name, tag = image[:i], image[i+1:]
	}
	switch {
	case tag == "":
		return "no tag: name the release (kustomization.yaml images)"
	case tag == "latest":
		return "the tag latest: name the release (kustomization.yaml images)"
	case !strings.Contains(name, "/"):
		return "no registry: set it in kustomization.yaml images"
	}
	return ""
}

func (c *checker) selects(where string, sel *metav1.LabelSelector, podLabels map[string]string) {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil || sel == nil || s.Empty() || !s.Matches(labels.Set(podLabels)) {
		c.addf(where, "selector %v does not select the Deployment's pods %v", sel, podLabels)
	}
}

func hasPort(ctr corev1.Container, p intstr.IntOrString) bool {
	return slices.ContainsFunc(ctr.Ports, func(cp corev1.ContainerPort) bool {
		return (p.Type == intstr.String && p.StrVal == cp.Name) || (p.Type == intstr.Int && p.IntVal == cp.ContainerPort)
	})
}

func isInt(v *intstr.IntOrString, n int) bool {
	return v != nil && v.Type == intstr.Int && v.IntValue() == n
}

func intOrNil(p *int32) any {
	if p == nil {
		return "unset (1)"
	}
	return *p
}
