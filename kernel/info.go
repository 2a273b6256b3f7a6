package kernel

import (
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// VersionInfo holds the versions sluice reports.
type VersionInfo struct {
	Sluice string // sluice's module version, or "devel" with the VCS revision
	Go     string // the Go toolchain sluice was built with, e.g. "go1.26.8"
	Yaegi  string // the yaegi interpreter module version, e.g. "v0.16.1"
}

// Versions reads the versions of sluice, Go and yaegi from the binary's build info.
func Versions() VersionInfo {
	v := VersionInfo{Sluice: "devel", Go: runtime.Version(), Yaegi: "unknown"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if mv := bi.Main.Version; mv != "" && mv != "(devel)" {
		v.Sluice = strings.TrimPrefix(mv, "v")
	} else {
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if rev != "" {
			v.Sluice = "devel+" + rev
			if modified == "true" {
				v.Sluice += "-dirty"
			}
		}
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/traefik/yaegi" {
			v.Yaegi = d.Version
			if d.Replace != nil {
				v.Yaegi = d.Replace.Version
			}
		}
	}
	return v
}

// kernelInfo is the content of kernel_info_reply.
func (k *kernel) kernelInfo() map[string]any {
	v := Versions()
	info := map[string]any{
		"status":                 "ok",
		"protocol_version":       wire.ProtocolVersion,
		"implementation":         "sluice",
		"implementation_version": k.opts.Version,
		"language_info": map[string]any{
			"name":               "go",
			"version":            strings.TrimPrefix(v.Go, "go"),
			"mimetype":           "text/x-go",
			"file_extension":     ".go",
			"pygments_lexer":     "go",
			"codemirror_mode":    "go",
			"nbconvert_exporter": "script",
		},
		"banner": "Sluice " + k.opts.Version + " — Go " + strings.TrimPrefix(v.Go, "go") +
			" interpreted by yaegi " + v.Yaegi + ". %help lists the magics; %%sql queries the query service.",
		"help_links": []map[string]string{
			{"text": "Go documentation", "url": "https://go.dev/doc/"},
			{"text": "Go standard library", "url": "https://pkg.go.dev/std"},
			{"text": "Go language specification", "url": "https://go.dev/ref/spec"},
			{"text": "yaegi interpreter", "url": "https://github.com/traefik/yaegi"},
		},
		"supported_features": []string{IOPubWelcome},
	}
	if k.debugAvailable() {
		// Protocol 5.5: debug_request and the debugger's DAP extensions.
		info["protocol_version"] = "5.5"
		info["debugger"] = true
	}
	return info
}
