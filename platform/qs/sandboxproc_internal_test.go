package qs

import (
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

func TestParseProcAddr(t *testing.T) {
	for in, want := range map[string]string{
		"0100007F:1F90":                         "127.0.0.1:8080",
		"00000000:0050":                         "0.0.0.0:80",
		"00000000000000000000000001000000:1538": "[::1]:5432",
		"0000000000000000FFFF00000100007F:1538": "127.0.0.1:5432", // ::ffff:127.0.0.1
	} {
		ip, port, ok := parseProcAddr(in)
		if !ok || net.JoinHostPort(ip.String(), strconv.Itoa(port)) != want {
			t.Errorf("parseProcAddr(%q) = %v %d %v, want %s", in, ip, port, ok, want)
		}
	}
	for _, bad := range []string{"", "0100007F", "zz00007F:1F90", "0100007F:zz", "01007F:1F90"} {
		if _, _, ok := parseProcAddr(bad); ok {
			t.Errorf("parseProcAddr(%q) accepted", bad)
		}
	}
}

// TestCheckListener checks the /proc ownership test on real sockets: a port this process
// listens on belongs to it and not to another live process; a closed port to nobody.
func TestCheckListener(t *testing.T) {
	if _, err := os.Stat("/proc/net/tcp"); err != nil {
		t.Skip("no /proc/net/tcp")
	}
	other := exec.Command("sleep", "30")
	if err := other.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	defer func() { other.Process.Kill(); other.Wait() }()
	for _, host := range []string{"127.0.0.1", "::1"} {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
		if err != nil {
			t.Logf("%s: %v (skipped)", host, err)
			continue
		}
		port := ln.Addr().(*net.TCPAddr).Port
		if err := checkListener(host, port, os.Getpid()); err != nil {
			t.Errorf("%s: our own listener: %v", host, err)
		}
		if err := checkListener(host, port, other.Process.Pid); err == nil || !strings.Contains(err.Error(), "other than the sandbox") {
			t.Errorf("%s: another process's claim: %v", host, err)
		}
		if err := checkListener(host, port, 1<<30); err == nil {
			t.Errorf("%s: a pid that does not exist owns the port", host)
		}
		ln.Close()
		if err := checkListener(host, port, os.Getpid()); err == nil || !strings.Contains(err.Error(), "nothing listens") {
			t.Errorf("%s: a closed port: %v", host, err)
		}
	}
}
