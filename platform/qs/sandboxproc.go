package qs

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// errNoProcNet says that this system has no /proc/net/tcp (not Linux), so who listens
// on a port cannot be checked.
var errNoProcNet = errors.New("no /proc/net/tcp on this system")

// checkListener checks through /proc that every socket listening on host:port (on that
// address or on a wildcard one, so every socket that could accept a connection to it)
// belongs to process pid, and that there is at least one. It is how a client makes sure
// that the sandbox port it is about to send a password to is still served by the sandbox
// process it recorded, and not by another local process that took the port after the
// sandbox stopped.
func checkListener(host string, port, pid int) error {
	ip := net.ParseIP(host)
	if ip == nil {
		return fmt.Errorf("sandbox host %q is not an IP address", host)
	}
	inodes, err := listeningInodes(ip, port)
	if err != nil {
		return err
	}
	if len(inodes) == 0 {
		return fmt.Errorf("nothing listens on %s", net.JoinHostPort(host, strconv.Itoa(port)))
	}
	owned, err := socketInodes(pid)
	if err != nil {
		return fmt.Errorf("process %d: %w", pid, err)
	}
	for _, ino := range inodes {
		if !owned[ino] {
			return fmt.Errorf("%s is served by a process other than the sandbox (pid %d)", net.JoinHostPort(host, strconv.Itoa(port)), pid)
		}
	}
	return nil
}

// listeningInodes returns the inodes of the TCP sockets in LISTEN state on port whose
// address is ip, the wildcard address, or ip mapped into IPv6.
func listeningInodes(ip net.IP, port int) ([]string, error) {
	var out []string
	found := false
	for _, name := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 || fields[3] != "0A" { // 0A: TCP_LISTEN
				continue
			}
			lip, lport, ok := parseProcAddr(fields[1])
			if !ok || lport != port {
				continue
			}
			if lip.IsUnspecified() || lip.Equal(ip) {
				out = append(out, fields[9])
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
	}
	if !found {
		return nil, errNoProcNet
	}
	return out, nil
}

// parseProcAddr parses an address of /proc/net/tcp{,6}: hex IP words in host byte order
// (little-endian here), a colon and the hex port.
func parseProcAddr(s string) (net.IP, int, bool) {
	h, p, ok := strings.Cut(s, ":")
	if !ok {
		return nil, 0, false
	}
	port, err := strconv.ParseUint(p, 16, 16)
	if err != nil {
		return nil, 0, false
	}
	raw, err := hex.DecodeString(h)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return nil, 0, false
	}
	// Each 32-bit word is printed in the kernel's (little-endian) byte order.
	for i := 0; i < len(raw); i += 4 {
		raw[i], raw[i+1], raw[i+2], raw[i+3] = raw[i+3], raw[i+2], raw[i+1], raw[i]
	}
	return net.IP(raw), int(port), true
}

// socketInodes returns the inodes of the sockets process pid has open, read from the
// links in /proc/<pid>/fd ("socket:[12345]"). Another user's process cannot be read,
// which counts as not owning anything.
func socketInodes(pid int) (map[string]bool, error) {
	if pid <= 0 {
		return nil, fmt.Errorf("no such process")
	}
	dir := "/proc/" + strconv.Itoa(pid) + "/fd"
	ents, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no such process")
		}
		return nil, err
	}
	out := map[string]bool{}
	for _, e := range ents {
		l, err := os.Readlink(dir + "/" + e.Name())
		if err != nil {
			continue // closed meanwhile
		}
		if ino, ok := strings.CutPrefix(l, "socket:["); ok {
			out[strings.TrimSuffix(ino, "]")] = true
		}
	}
	return out, nil
}
