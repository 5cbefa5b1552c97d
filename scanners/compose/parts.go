package compose

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/format"
	"github.com/compose-spec/compose-go/v2/override"
	"github.com/compose-spec/compose-go/v2/paths"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/mattn/go-shellwords"
)

// The parts path builds the project docker compose would load from compose-go's own pieces:
// the YAML already decoded (with positions) by decodeSource, template.Substitute for every
// value, types.ParsePortConfig, format.ParseVolume, override.Merge for an override file and
// compose-go's path rules. It answers only for a file that compose loads as it stands and
// whose every value it reads has a shape it knows; anything else is errNeedsLoader, and the
// full loader decides, error messages and unset-variable stand-ins included. It skips what
// costs most in the loader (per-node tree.Path matching, the canonical transform, the
// mapstructure decoding, and the JSON schema, compiled once per process), so a file's cost
// is linear in its size, and whether a file takes this path depends on that file alone,
// never on the scan around it.

// errNeedsLoader says the parts path cannot answer for this file: the full loader must.
var errNeedsLoader = errors.New("the compose loader must decide")

func needsLoader(format string, a ...any) error {
	return fmt.Errorf("%w: %s", errNeedsLoader, fmt.Sprintf(format, a...))
}

// loaderOnly reports why the raw bytes of a project file need the full loader, or "": YAML
// tags that change merging (!reset, !override) and streams of several documents, which
// compose merges one after the other while decodeSource keeps the first. A false alarm (the
// words inside a string) only costs the loader's time.
func loaderOnly(src []byte) string {
	switch {
	case bytes.Contains(src, []byte("!reset")) || bytes.Contains(src, []byte("!override")):
		return "a !reset or !override tag"
	case documents(src) > 1:
		return "several YAML documents"
	}
	return ""
}

// documents counts the YAML documents src may hold: a "---" line after the first content.
func documents(src []byte) int {
	n, content := 1, false
	for line := range bytes.Lines(src) {
		t := bytes.TrimRight(line, " \t\r\n")
		if bytes.HasPrefix(t, []byte("---")) && (len(t) == 3 || t[3] == ' ' || t[3] == '\t') {
			if content {
				n++
			}
			continue
		}
		if len(bytes.TrimSpace(t)) > 0 && !bytes.HasPrefix(bytes.TrimSpace(t), []byte("#")) {
			content = true
		}
	}
	return n
}

// fromParts builds the project of files (the compose file, then its override), each the
// data decodeSource produced, with env as the project's environment (the .env, nothing of
// the process) and workingDir the project folder.
func fromParts(files []*source, env types.Mapping, workingDir string) (*types.Project, error) {
	var dict map[string]any
	for i, f := range files {
		if f.oddEnv {
			return nil, needsLoader("an environment list compose reads otherwise")
		}
		if why := loaderOnly(f.src); why != "" {
			return nil, needsLoader("%s", why)
		}
		in := &interpolator{env: env}
		v, err := in.value(f.raw, make([]string, 0, 8))
		if err != nil {
			return nil, err
		}
		m, _ := v.(map[string]any)
		if i == 0 {
			dict = m
			continue
		}
		// compose merges each file's interpolated model over the previous ones, then removes
		// redefined entries: its own functions, run only when there is an override.
		if dict, err = override.Merge(dict, m); err != nil {
			return nil, needsLoader("merge: %v", err)
		}
		if dict, err = override.EnforceUnicity(dict); err != nil {
			return nil, needsLoader("merge: %v", err)
		}
	}
	return project(dict, env, workingDir)
}

// topKeys are the top-level keys the parts path reads or may leave aside; include, jobs and
// models (and any key the schema does not know) go to the loader.
func topKey(k string) bool {
	switch k {
	case "version", "name", "services", "networks", "volumes", "secrets", "configs":
		return true
	}
	return strings.HasPrefix(k, "x-")
}

func project(dict map[string]any, env types.Mapping, workingDir string) (*types.Project, error) {
	for k := range dict {
		if !topKey(k) {
			return nil, needsLoader("top-level key %q", k)
		}
	}
	svcs, ok := dict["services"].(map[string]any)
	if !ok || len(svcs) == 0 {
		return nil, needsLoader("no services mapping")
	}
	p := &types.Project{Name: "deploylint", WorkingDir: workingDir, Environment: env, Services: make(types.Services, len(svcs))}
	for name, v := range svcs {
		if !serviceName(name) {
			return nil, needsLoader("service name %q", name)
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil, needsLoader("service %s is not a mapping", name)
		}
		svc, err := service(name, m, env, workingDir)
		if err != nil {
			return nil, err
		}
		p.Services[name] = svc
	}
	if v, ok := dict["secrets"]; ok {
		secrets, err := projectSecrets(v, workingDir)
		if err != nil {
			return nil, err
		}
		p.Secrets = secrets
	}
	return p, nil
}

// serviceName is the schema's pattern for service names, ^[a-zA-Z0-9._-]+$.
func serviceName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return true
}

// service decodes the attributes rules read; the others are left to the schema (strict mode).
func service(name string, m map[string]any, env types.Mapping, workingDir string) (types.ServiceConfig, error) {
	svc := types.ServiceConfig{Name: name}
	for k := range m {
		switch {
		case strings.HasPrefix(k, "x-"):
		case k == "extends", k == "pre_start":
			// extends reads other files; pre_start hooks inherit the service's spec.
			return svc, needsLoader("service %s: %s", name, k)
		case !serviceKey(k):
			return svc, needsLoader("service %s: unknown key %q", name, k)
		}
	}
	var err error
	if svc.Image, err = optString(m, "image"); err != nil {
		return svc, err
	}
	if svc.NetworkMode, err = optString(m, "network_mode"); err != nil {
		return svc, err
	}
	if svc.Command, err = shellCommand(m["command"]); err != nil {
		return svc, err
	}
	if svc.Entrypoint, err = shellCommand(m["entrypoint"]); err != nil {
		return svc, err
	}
	if svc.Ports, err = servicePorts(m["ports"]); err != nil {
		return svc, err
	}
	if svc.Expose, err = expose(m["expose"]); err != nil {
		return svc, err
	}
	if svc.Environment, err = environmentOf(m["environment"], env); err != nil {
		return svc, err
	}
	if svc.Volumes, err = serviceVolumes(m["volumes"], workingDir); err != nil {
		return svc, err
	}
	if svc.EnvFiles, err = envFiles(m["env_file"], workingDir); err != nil {
		return svc, err
	}
	if hc, ok := m["healthcheck"]; ok {
		if svc.HealthCheck, err = healthcheck(hc); err != nil {
			return svc, err
		}
	}
	return svc, nil
}

func optString(m map[string]any, k string) (string, error) {
	v, ok := m[k]
	if !ok {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", needsLoader("%s is a %T", k, v)
	}
	return s, nil
}

// shellCommand is types.ShellCommand's decoding: a string is split as a shell would, a list
// is taken as it is.
func shellCommand(v any) (types.ShellCommand, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		cmd, err := shellwords.Parse(x)
		if err != nil {
			return nil, needsLoader("command: %v", err)
		}
		return cmd, nil
	case []any:
		cmd := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, needsLoader("command item is a %T", e)
			}
			cmd[i] = s
		}
		return cmd, nil
	}
	return nil, needsLoader("command is a %T", v)
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	}
	return 0, false
}

// servicePorts is compose-go's transformPorts and port defaults: a number or a string in the
// short syntax through types.ParsePortConfig (one entry may give several ports), a mapping in
// the long syntax. Two entries for one port are deduplicated by compose in ways that depend
// on how each is written: the loader decides those.
func servicePorts(v any) ([]types.ServicePortConfig, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, needsLoader("ports is a %T", v)
	}
	var out []types.ServicePortConfig
	for _, e := range list {
		switch x := e.(type) {
		case int64, string:
			spec := fmt.Sprint(x)
			pcs, err := types.ParsePortConfig(spec)
			if err != nil {
				return nil, needsLoader("port %q: %v", spec, err)
			}
			out = append(out, pcs...)
		case map[string]any:
			pc, err := longPort(x)
			if err != nil {
				return nil, err
			}
			out = append(out, pc)
		default:
			return nil, needsLoader("port is a %T", e)
		}
	}
	seen := make(map[string]bool, len(out))
	for _, pc := range out {
		k := pc.Published + "/" + strconv.FormatUint(uint64(pc.Target), 10) + "/" + pc.Protocol
		if seen[k] {
			return nil, needsLoader("port %s given twice", k)
		}
		seen[k] = true
	}
	return out, nil
}

func longPort(m map[string]any) (types.ServicePortConfig, error) {
	pc := types.ServicePortConfig{Protocol: "tcp", Mode: "ingress"}
	err := fields("port", m, map[string]*string{
		"host_ip": &pc.HostIP, "protocol": &pc.Protocol, "mode": &pc.Mode, "name": &pc.Name, "app_protocol": &pc.AppProtocol,
	}, nil, "target", "published")
	if err != nil {
		return pc, err
	}
	t, ok := asInt(m["target"])
	if !ok || t < 0 || t > math.MaxUint32 {
		return pc, needsLoader("port target %v", m["target"])
	}
	pc.Target = uint32(t)
	switch p := m["published"].(type) {
	case nil:
	case string:
		pc.Published = p
	case int64:
		pc.Published = strconv.FormatInt(p, 10)
	default:
		return pc, needsLoader("port published is a %T", p)
	}
	return pc, nil
}

// fields decodes the keys of m into the string and boolean fields named; a key they do not
// name, ignore does not list and that is no x- extension goes to the loader, as does a value
// of another type.
func fields(what string, m map[string]any, strs map[string]*string, bools map[string]*bool, ignore ...string) error {
	for k, v := range m {
		if p, ok := strs[k]; ok {
			s, ok := v.(string)
			if !ok {
				return needsLoader("%s %s is a %T", what, k, v)
			}
			*p = s
			continue
		}
		if p, ok := bools[k]; ok {
			b, ok := v.(bool)
			if !ok {
				return needsLoader("%s %s is a %T", what, k, v)
			}
			*p = b
			continue
		}
		if !strings.HasPrefix(k, "x-") && !slices.Contains(ignore, k) {
			return needsLoader("%s key %q", what, k)
		}
	}
	return nil
}

// expose is types.StringOrNumberList's decoding; a repeated entry (compose removes it) goes
// to the loader.
func expose(v any) (types.StringOrNumberList, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, needsLoader("expose is a %T", v)
	}
	out := make(types.StringOrNumberList, len(list))
	seen := make(map[string]bool, len(list))
	for i, e := range list {
		switch e.(type) {
		case string, int64:
		default:
			return nil, needsLoader("expose item is a %T", e)
		}
		out[i] = fmt.Sprint(e)
		if seen[out[i]] {
			return nil, needsLoader("expose %s given twice", out[i])
		}
		seen[out[i]] = true
	}
	return out, nil
}

// environmentOf is types.MappingWithEquals' decoding after compose's environment
// resolution: a variable named without a value takes the project environment's value when it
// has one. decodeSource turned a list into a mapping; an override merge turns it back into
// "KEY=VALUE" items.
func environmentOf(v any, env types.Mapping) (types.MappingWithEquals, error) {
	out := types.MappingWithEquals{}
	set := func(k string, val *string) {
		if val == nil {
			if s, ok := env[k]; ok {
				val = &s
			}
		}
		out[k] = val
	}
	switch x := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		for k, e := range x {
			switch e.(type) {
			case nil:
				set(k, nil)
			case string, int64, float64, bool:
				s := fmt.Sprint(e)
				set(k, &s)
			default:
				return nil, needsLoader("environment %s is a %T", k, e)
			}
		}
	case []any:
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, needsLoader("environment item is a %T", e)
			}
			k, val, hasValue := strings.Cut(s, "=")
			if !hasValue {
				set(k, nil)
				continue
			}
			set(k, &val)
		}
	default:
		return nil, needsLoader("environment is a %T", v)
	}
	return out, nil
}

// serviceVolumes is compose-go's volume transform, normalization and path resolution: the
// short syntax through format.ParseVolume, targets cleaned, bind sources made absolute against
// the project folder (a leading ~ is the user's home, as in compose).
func serviceVolumes(v any, workingDir string) ([]types.ServiceVolumeConfig, error) {
	if v == nil {
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, needsLoader("volumes is a %T", v)
	}
	out := make([]types.ServiceVolumeConfig, 0, len(list))
	seen := make(map[string]bool, len(list))
	for _, e := range list {
		var vol types.ServiceVolumeConfig
		switch x := e.(type) {
		case string:
			var err error
			if vol, err = format.ParseVolume(x); err != nil {
				return nil, needsLoader("volume: %v", err)
			}
		case map[string]any:
			var err error
			if vol, err = longVolume(x); err != nil {
				return nil, err
			}
		default:
			return nil, needsLoader("volume is a %T", e)
		}
		if vol.Target != "" {
			vol.Target = path.Clean(vol.Target)
		}
		if vol.Type == types.VolumeTypeBind {
			if vol.Source == "" {
				return nil, needsLoader("bind mount without a source")
			}
			vol.Source = unixPath(vol.Source, workingDir)
		}
		if seen[vol.Target] {
			return nil, needsLoader("volume target %s given twice", vol.Target)
		}
		seen[vol.Target] = true
		out = append(out, vol)
	}
	return out, nil
}

func longVolume(m map[string]any) (types.ServiceVolumeConfig, error) {
	var vol types.ServiceVolumeConfig
	// consistency, bind, volume, tmpfs and image are read by no rule; their shape is the
	// schema's to judge (strict mode).
	err := fields("volume", m, map[string]*string{"type": &vol.Type, "source": &vol.Source, "target": &vol.Target},
		map[string]*bool{"read_only": &vol.ReadOnly}, "consistency", "bind", "volume", "tmpfs", "image")
	if err != nil {
		return vol, err
	}
	if vol.Type == "" || vol.Target == "" {
		return vol, needsLoader("volume without a type or a target")
	}
	return vol, nil
}

// unixPath is compose-go's path resolution for bind sources and secret files.
func unixPath(p, workingDir string) string {
	p = paths.ExpandUser(p)
	if path.IsAbs(p) || paths.IsWindowsAbs(p) || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(workingDir, p)
}

// envFiles is compose-go's env_file transform and path resolution: one path or a list of
// paths and {path, required, format} mappings, required unless said otherwise.
func envFiles(v any, workingDir string) ([]types.EnvFile, error) {
	var list []any
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		list = []any{x}
	case []any:
		list = x
	default:
		return nil, needsLoader("env_file is a %T", v)
	}
	out := make([]types.EnvFile, 0, len(list))
	seen := map[string]bool{}
	for _, e := range list {
		ef := types.EnvFile{Required: true}
		switch x := e.(type) {
		case string:
			ef.Path = x
		case map[string]any:
			required := true
			if err := fields("env_file", x, map[string]*string{"path": &ef.Path, "format": &ef.Format}, map[string]*bool{"required": &required}); err != nil {
				return nil, err
			}
			ef.Required = types.OptOut(required)
			if _, ok := x["path"]; !ok {
				return nil, needsLoader("env_file without a path")
			}
		default:
			return nil, needsLoader("env_file item is a %T", e)
		}
		if seen[ef.Path] {
			return nil, needsLoader("env_file %s given twice", ef.Path)
		}
		seen[ef.Path] = true
		ef.Path = envFilePath(ef.Path, workingDir)
		out = append(out, ef)
	}
	return out, nil
}

// envFilePath is compose-go's resolution of env_file paths.
func envFilePath(p, workingDir string) string {
	p = paths.ExpandUser(p)
	if filepath.IsAbs(p) || p == "" {
		return p
	}
	return filepath.Join(workingDir, p)
}

// healthcheck decodes the test, the only part rules read (its secrets).
func healthcheck(v any) (*types.HealthCheckConfig, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, needsLoader("healthcheck is a %T", v)
	}
	hc := &types.HealthCheckConfig{}
	switch t := m["test"].(type) {
	case nil:
	case string:
		hc.Test = types.HealthCheckTest{"CMD-SHELL", t}
	case []any:
		hc.Test = make(types.HealthCheckTest, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, needsLoader("healthcheck test item is a %T", e)
			}
			hc.Test[i] = s
		}
	default:
		return nil, needsLoader("healthcheck test is a %T", m["test"])
	}
	return hc, nil
}

// projectSecrets reads the top-level secrets' files (rules list the ones inside the tree).
func projectSecrets(v any, workingDir string) (types.Secrets, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, needsLoader("secrets is a %T", v)
	}
	out := make(types.Secrets, len(m))
	for name, e := range m {
		if !serviceName(name) {
			return nil, needsLoader("secret name %q", name)
		}
		sm, ok := e.(map[string]any)
		if !ok {
			return nil, needsLoader("secret %s is a %T", name, e)
		}
		var sc types.SecretConfig
		if f, ok := sm["file"]; ok {
			s, ok := f.(string)
			if !ok {
				return nil, needsLoader("secret file is a %T", f)
			}
			sc.File = unixPath(s, workingDir)
		}
		out[name] = sc
	}
	return out, nil
}

// interpolator substitutes variables in every value as compose-go's interpolation does,
// with template.Substitute and the project environment only, and casts the values compose
// casts (booleans, numbers) at the paths it casts them.
type interpolator struct {
	env types.Mapping
	// missed is set by lookup when a variable is unset.
	missed bool
}

func (in *interpolator) lookup(k string) (string, bool) {
	v, ok := in.env[k]
	if !ok {
		in.missed = true
	}
	return v, ok
}

// value returns v interpolated, as new maps and lists (the raw data stays as written: spans
// and origins are read from it). p is the path to v, "[]" standing for a list index.
func (in *interpolator) value(v any, p []string) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := in.value(e, append(p, k))
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := in.value(e, append(p, "[]"))
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case string:
		s := x
		if strings.Contains(s, "$") {
			in.missed = false
			var err error
			if s, err = template.Substitute(s, in.lookup); err != nil {
				return nil, needsLoader("interpolate %s: %v", strings.Join(p, "."), err)
			}
			// An unset variable becomes "": the loader judges whether compose accepts that
			// where the parts path does not check the value itself.
			if in.missed && !freeText(p) {
				return nil, needsLoader("unset variable in %s", strings.Join(p, "."))
			}
		}
		if c := castFor(p); c != nil {
			r, err := c(s)
			if err != nil {
				return nil, needsLoader("cast %s: %v", strings.Join(p, "."), err)
			}
			return r, nil
		}
		return s, nil
	}
	return v, nil
}

// freeText reports whether any string is valid at p (a service's image, environment values,
// labels, command), or the parts path checks the value itself (ports, volumes, env_file).
func freeText(p []string) bool {
	for _, k := range p {
		if strings.HasPrefix(k, "x-") {
			return true // extensions are not validated
		}
	}
	if len(p) < 3 || p[0] != "services" {
		return false
	}
	rest := p[2:]
	switch rest[0] {
	// the schema's plain strings that compose-go keeps as strings
	case "cgroup_parent", "cpuset", "domainname", "hostname", "image", "ipc", "isolation", "mac_address",
		"network_mode", "platform", "pull_refresh_after", "restart", "runtime", "stop_signal", "user",
		"userns_mode", "uts", "working_dir":
		return true
	case "labels", "environment", "command", "entrypoint", "ports", "volumes", "env_file":
		return true
	case "healthcheck":
		return len(rest) > 1 && rest[1] == "test"
	}
	return false
}

type cast func(string) (any, error)

// castFor is compose-go's interpolation type-cast mapping (loader/interpolate.go), for the
// containers the parts path loads (services) and the top-level resources.
func castFor(p []string) cast {
	if len(p) == 3 && p[0] != "services" {
		switch p[0] + "." + p[2] {
		case "networks.external", "networks.internal", "networks.attachable", "networks.enable_ipv4",
			"networks.enable_ipv6", "volumes.external", "secrets.external", "configs.external":
			return toBoolean
		}
		return nil
	}
	if len(p) < 3 || p[0] != "services" {
		return nil
	}
	r := p[2:]
	switch len(r) {
	case 1:
		switch r[0] {
		case "cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "oom_score_adj", "pids_limit":
			return toInt64
		case "cpu_percent":
			return toFloat
		case "cpus":
			return toFloat32
		case "init", "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty":
			return toBoolean
		case "umask":
			return toUmask
		case "scale":
			return toInt
		}
	case 2:
		switch {
		case r[0] == "ulimits":
			return toInt
		case r[0] == "healthcheck" && r[1] == "retries", r[0] == "deploy" && r[1] == "replicas":
			return toInt
		case r[0] == "healthcheck" && r[1] == "disable":
			return toBoolean
		}
	case 3:
		switch {
		case r[0] == "networks" && r[2] == "use_service_name_alias",
			r[0] == "volumes" && r[1] == "[]" && r[2] == "read_only",
			r[0] == "depends_on" && (r[2] == "required" || r[2] == "restart"):
			return toBoolean
		case r[0] == "ulimits" && (r[2] == "hard" || r[2] == "soft"),
			r[0] == "ports" && r[1] == "[]" && r[2] == "target":
			return toInt
		case r[0] == "deploy":
			switch r[1] + "." + r[2] {
			case "update_config.parallelism", "rollback_config.parallelism", "restart_policy.max_attempts", "placement.max_replicas_per_node":
				return toInt
			case "update_config.max_failure_ratio", "rollback_config.max_failure_ratio":
				return toFloat
			}
		}
	case 4:
		if r[0] == "volumes" && r[1] == "[]" && r[2] == "volume" && r[3] == "nocopy" {
			return toBoolean
		}
	}
	return nil
}

// The casts are compose-go's (loader/interpolate.go); integers are int64, as the YAML
// decoder gives them.
func toInt(s string) (any, error) {
	i, err := strconv.Atoi(s)
	return int64(i), err
}

func toInt64(s string) (any, error) { return strconv.ParseInt(s, 10, 64) }

func toUmask(s string) (any, error) { return strconv.ParseUint(s, 0, 32) }

func toFloat(s string) (any, error) { return strconv.ParseFloat(s, 64) }

func toFloat32(s string) (any, error) {
	f, err := strconv.ParseFloat(s, 32)
	return float32(f), err
}

func toBoolean(s string) (any, error) {
	switch strings.ToLower(s) {
	case "true", "y", "yes", "on":
		return true, nil
	case "false", "n", "no", "off":
		return false, nil
	}
	return nil, fmt.Errorf("invalid boolean: %s", s)
}

// serviceKey reports whether the compose schema knows k as a service attribute (a test keeps
// the list equal to compose-go's schema).
func serviceKey(k string) bool {
	switch k {
	case "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent",
		"command", "configs", "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota",
		"cpu_rt_period", "cpu_rt_runtime", "cpu_shares", "cpus", "cpuset", "credential_spec", "depends_on",
		"deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "domainname",
		"entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts", "gpus",
		"group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels",
		"links", "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit",
		"models", "network_mode", "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit",
		"platform", "ports", "post_start", "pre_start", "pre_stop", "privileged", "profiles", "provider",
		"pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale", "secrets",
		"security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls",
		"tmpfs", "tty", "ulimits", "umask", "use_api_socket", "user", "userns_mode", "uts", "volumes",
		"volumes_from", "working_dir":
		return true
	}
	return false
}

// deepCopy copies maps and lists of decoded YAML data.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = deepCopy(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = deepCopy(e)
		}
		return out
	}
	return v
}
