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
func (k *kernel) kernelInfo() kernelInfoReply {
	v := Versions()
	info := kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       wire.ProtocolVersion,
		Implementation:        "sluice",
		ImplementationVersion: k.opts.Version,
		LanguageInfo: languageInfo{
			Name:              "go",
			Version:           strings.TrimPrefix(v.Go, "go"),
			Mimetype:          "text/x-go",
			FileExtension:     ".go",
			PygmentsLexer:     "go",
			CodemirrorMode:    "go",
			NbconvertExporter: "script",
		},
		Banner: "Sluice " + k.opts.Version + " — Go " + strings.TrimPrefix(v.Go, "go") +
			" interpreted by yaegi " + v.Yaegi + ". %help lists the magics; %%sql queries the query service.",
		HelpLinks: []helpLink{
			{Text: "Go documentation", URL: "https://go.dev/doc/"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "Go language specification", URL: "https://go.dev/ref/spec"},
			{Text: "yaegi interpreter", URL: "https://github.com/traefik/yaegi"},
		},
		SupportedFeatures: []string{IOPubWelcome},
	}
	if k.debugAvailable() {
		// debug_request and the debugger's DAP extensions (protocol 5.5, wire's version).
		info.Debugger = true
	}
	return info
}
