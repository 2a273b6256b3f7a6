package sandbox

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// TLS: the sandbox answers a client's SSLRequest with a self-signed certificate it
// generates into its data directory on first start (server.crt, and server.key readable
// by its owner only), so sslmode=require (and verify-full, given server.crt as the root
// certificate) works. The negotiation happens in wireConn, below psql-wire, so that the
// frames the session amends and writes itself (error positions, COPY OUT) travel inside
// the TLS stream like psql-wire's own.

// Certificate and key files in the data directory.
const (
	CertFile = "server.crt"
	KeyFile  = "server.key"
)

// Protocol codes of the requests a client may send before its StartupMessage.
const (
	sslRequestCode    = 80877103
	gssencRequestCode = 80877104
)

// loadOrCreateCert returns the data directory's certificate, creating it the first time.
func loadOrCreateCert(dir string) (tls.Certificate, error) {
	certPath, keyPath := filepath.Join(dir, CertFile), filepath.Join(dir, KeyFile)
	if _, err := os.Stat(certPath); errors.Is(err, os.ErrNotExist) {
		if err := createCert(certPath, keyPath); err != nil {
			return tls.Certificate{}, fmt.Errorf("sandbox: create TLS certificate: %w", err)
		}
	}
	if fi, err := os.Stat(keyPath); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return tls.Certificate{}, fmt.Errorf("sandbox: %s has group or world access (mode %v); it must be 0600", keyPath, fi.Mode().Perm())
	}
	cert, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("sandbox: load TLS certificate (delete %s and %s to make new ones): %w", certPath, keyPath, err)
	}
	return cert, nil
}

// createCert writes a self-signed ECDSA P-256 certificate for the loopback names.
func createCert(certPath, keyPath string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "localhost", Organization: []string{"Sluice sandbox"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: clients verify it as its own root
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := writeNew(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		return err
	}
	return writeNew(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

// writeNew writes data to a new file (replacing an old one) with the given mode.
func writeNew(path string, data []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	_ = os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// negotiate reads what a client sends before its StartupMessage: an SSLRequest is
// answered 'S' and the connection becomes a TLS one (or 'N' when TLS is off), a
// GSSENCRequest is answered 'N'; the first bytes of anything else are kept for psql-wire
// to read.
func (c *wireConn) negotiate() error {
	for {
		var head [8]byte
		if n, err := io.ReadFull(c.Conn, head[:]); err != nil {
			c.pending = head[:n]
			return err
		}
		length, code := binary.BigEndian.Uint32(head[:4]), binary.BigEndian.Uint32(head[4:])
		if length != 8 || (code != sslRequestCode && code != gssencRequestCode) {
			c.pending = head[:]
			return nil
		}
		if code == gssencRequestCode || c.srv.tlsConfig == nil {
			if _, err := c.Conn.Write([]byte{'N'}); err != nil {
				return err
			}
			continue
		}
		if _, err := c.Conn.Write([]byte{'S'}); err != nil {
			return err
		}
		tc := tls.Server(c.Conn, c.srv.tlsConfig)
		_ = c.raw.SetDeadline(time.Now().Add(30 * time.Second))
		if err := tc.Handshake(); err != nil {
			return fmt.Errorf("TLS handshake: %w", err)
		}
		_ = c.raw.SetDeadline(time.Time{})
		c.mu.Lock()
		c.Conn = tc
		c.mu.Unlock()
		return nil // a StartupMessage follows, inside TLS
	}
}

// Read negotiates TLS first, then reads from the (possibly upgraded) connection.
func (c *wireConn) Read(p []byte) (int, error) {
	c.negotiated.Do(func() { c.negErr = c.negotiate() })
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	if c.negErr != nil {
		return 0, c.negErr
	}
	return c.conn().Read(p)
}

// conn is the connection frames travel on: the TCP connection or its TLS layer.
func (c *wireConn) conn() net.Conn {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.Conn
}
