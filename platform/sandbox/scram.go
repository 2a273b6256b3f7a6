package sandbox

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	wire "github.com/jeroenrinzema/psql-wire"
	"github.com/jeroenrinzema/psql-wire/codes"
	psqlerr "github.com/jeroenrinzema/psql-wire/errors"
	"github.com/jeroenrinzema/psql-wire/pkg/buffer"
	"github.com/jeroenrinzema/psql-wire/pkg/types"
)

// SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it: the password never
// crosses the wire, the server proves it knows the password too, and a process that
// takes over the sandbox's port learns nothing a client could replay.

const (
	scramMechanism  = "SCRAM-SHA-256"
	scramIterations = 4096 // PostgreSQL's scram_iterations default

	authSASL         = 10 // AuthenticationSASL: the mechanisms offered
	authSASLContinue = 11 // AuthenticationSASLContinue: server-first-message
	authSASLFinal    = 12 // AuthenticationSASLFinal: server-final-message
	authOK           = 0
)

// scramSecret is what the server keeps of a password, as PostgreSQL's
// pg_authid.rolpassword does: salt, iteration count, StoredKey and ServerKey.
type scramSecret struct {
	salt      []byte
	iters     int
	storedKey []byte
	serverKey []byte
}

// newScramSecret derives the SCRAM secret of password with a fresh random salt. The
// password is used as given (SASLprep leaves the sandbox's ASCII passwords unchanged).
func newScramSecret(password string) (scramSecret, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return scramSecret{}, err
	}
	salted, err := pbkdf2.Key(sha256.New, password, salt, scramIterations, sha256.Size)
	if err != nil {
		return scramSecret{}, err
	}
	clientKey := hmacSHA256(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	return scramSecret{salt: salt, iters: scramIterations, storedKey: stored[:],
		serverKey: hmacSHA256(salted, "Server Key")}, nil
}

func hmacSHA256(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// authFailure is a FATAL authentication error written before the connection closes.
func authFailure(code codes.Code, format string, args ...any) error {
	err := psqlerr.WithCode(fmt.Errorf(format, args...), code)
	return psqlerr.WithSeverity(err, psqlerr.LevelFatal)
}

// scramAuth is the psql-wire authentication strategy: it refuses other user names
// (28000) before any exchange, runs SCRAM-SHA-256 (28P01 on a wrong password), refuses
// other database names (3D000) and then creates the connection's session.
func (s *Server) scramAuth(ctx context.Context, w *buffer.Writer, r *buffer.Reader) (context.Context, error) {
	params := wire.ClientParameters(ctx)
	user, db := params[wire.ParamUsername], params[wire.ParamDatabase]
	if db == "" {
		db = user // libpq's default
	}
	fail := func(err error) (context.Context, error) {
		if werr := wire.WriteUnterminatedError(w, err); werr != nil {
			return ctx, werr
		}
		return ctx, err
	}
	if user != User {
		s.log.Warn("sandbox: connection for an unknown user refused", "user", user)
		return fail(authFailure(codes.InvalidAuthorizationSpecification,
			"role %q does not exist (the sandbox's user is %q)", user, User))
	}
	if err := s.scramExchange(w, r); err != nil {
		s.log.Warn("sandbox: authentication failed", "user", user, "err", err)
		if _, ok := err.(*scramProtocolError); ok {
			return fail(authFailure(codes.ProtocolViolation, "%v", err))
		}
		return fail(authFailure(codes.InvalidPassword, "password authentication failed for user %q", user))
	}
	if db != Database {
		return fail(authFailure(codes.InvalidCatalogName,
			"database %q does not exist (the sandbox's database is %q)", db, Database))
	}
	ctx, err := s.newSession(ctx)
	if err != nil {
		return fail(authFailure(codes.ConnectionFailure, "%v", err))
	}
	return ctx, writeAuth(w, authOK, nil)
}

// scramProtocolError is a malformed SASL exchange (as opposed to a wrong password).
type scramProtocolError struct{ msg string }

func (e *scramProtocolError) Error() string { return e.msg }

func protocolErr(format string, args ...any) error {
	return &scramProtocolError{msg: fmt.Sprintf(format, args...)}
}

var errWrongPassword = errors.New("wrong password")

// scramExchange runs the SASL messages of SCRAM-SHA-256 and returns nil when the
// client proved it knows the password.
func (s *Server) scramExchange(w *buffer.Writer, r *buffer.Reader) error {
	offer := append([]byte(scramMechanism), 0, 0)
	if err := writeAuth(w, authSASL, offer); err != nil {
		return err
	}
	// SASLInitialResponse: mechanism, then the client-first-message with its length.
	if err := readPasswordMessage(r); err != nil {
		return err
	}
	mech, err := r.GetString()
	if err != nil {
		return protocolErr("malformed SASL initial response")
	}
	if mech != scramMechanism {
		return protocolErr("client selected an invalid SASL authentication mechanism")
	}
	n, err := r.GetInt32()
	if err != nil || n < 0 {
		return protocolErr("malformed SASL initial response")
	}
	clientFirst, err := r.GetBytes(int(n))
	if err != nil {
		return protocolErr("malformed SASL initial response")
	}
	gs2, bare, clientNonce, err := parseClientFirst(string(clientFirst))
	if err != nil {
		return err
	}
	sec := s.scram
	serverNonce := make([]byte, 18)
	if _, err := rand.Read(serverNonce); err != nil {
		return err
	}
	nonce := clientNonce + base64.StdEncoding.EncodeToString(serverNonce)
	serverFirst := "r=" + nonce + ",s=" + base64.StdEncoding.EncodeToString(sec.salt) + ",i=" + strconv.Itoa(sec.iters)
	if err := writeAuth(w, authSASLContinue, []byte(serverFirst)); err != nil {
		return err
	}
	// SASLResponse: the client-final-message is the whole message body.
	if err := readPasswordMessage(r); err != nil {
		return err
	}
	clientFinal := string(bytes.Clone(r.Msg))
	withoutProof, proof, err := parseClientFinal(clientFinal, gs2, nonce)
	if err != nil {
		return err
	}
	authMessage := bare + "," + serverFirst + "," + withoutProof
	signature := hmacSHA256(sec.storedKey, authMessage)
	if len(proof) != len(signature) {
		return errWrongPassword
	}
	clientKey := make([]byte, len(proof))
	for i := range proof {
		clientKey[i] = proof[i] ^ signature[i]
	}
	stored := sha256.Sum256(clientKey)
	if subtle.ConstantTimeCompare(stored[:], sec.storedKey) != 1 {
		return errWrongPassword
	}
	serverFinal := "v=" + base64.StdEncoding.EncodeToString(hmacSHA256(sec.serverKey, authMessage))
	return writeAuth(w, authSASLFinal, []byte(serverFinal))
}

// readPasswordMessage reads the next message and checks it is a PasswordMessage ('p'),
// which carries SASL data.
func readPasswordMessage(r *buffer.Reader) error {
	t, _, err := r.ReadTypedMsg()
	if err != nil {
		return err
	}
	if t != types.ClientPassword {
		return protocolErr("expected SASL response, got message type %q", byte(t))
	}
	return nil
}

// parseClientFirst splits a client-first-message into its GS2 header, its bare part
// and the client nonce. Channel binding is not offered, so "p=" is refused.
func parseClientFirst(msg string) (gs2, bare, nonce string, err error) {
	parts := strings.SplitN(msg, ",", 3)
	if len(parts) != 3 {
		return "", "", "", protocolErr("malformed SCRAM message")
	}
	switch {
	case parts[0] == "n" || parts[0] == "y":
	case strings.HasPrefix(parts[0], "p="):
		return "", "", "", protocolErr("channel binding is not supported by the sandbox; connect with channel_binding=disable or prefer")
	default:
		return "", "", "", protocolErr("malformed SCRAM message (unexpected GS2 header)")
	}
	if parts[1] != "" {
		return "", "", "", protocolErr("client uses authorization identity, but it is not supported")
	}
	gs2 = parts[0] + "," + parts[1] + ","
	bare = parts[2]
	for _, attr := range strings.Split(bare, ",") {
		if v, ok := strings.CutPrefix(attr, "r="); ok {
			nonce = v
		}
		if strings.HasPrefix(attr, "m=") {
			return "", "", "", protocolErr("SCRAM extensions are not supported")
		}
	}
	if nonce == "" || strings.ContainsAny(nonce, ",") {
		return "", "", "", protocolErr("malformed SCRAM message (no client nonce)")
	}
	return gs2, bare, nonce, nil
}

// parseClientFinal checks a client-final-message's channel binding and nonce and
// returns the message without its proof, and the proof.
func parseClientFinal(msg, gs2, nonce string) (withoutProof string, proof []byte, err error) {
	i := strings.LastIndex(msg, ",p=")
	if i < 0 {
		return "", nil, protocolErr("malformed SCRAM message (no proof)")
	}
	withoutProof = msg[:i]
	proof, err = base64.StdEncoding.DecodeString(msg[i+len(",p="):])
	if err != nil {
		return "", nil, protocolErr("malformed SCRAM message (invalid proof)")
	}
	attrs := strings.Split(withoutProof, ",")
	if len(attrs) < 2 || attrs[0] != "c="+base64.StdEncoding.EncodeToString([]byte(gs2)) {
		return "", nil, protocolErr("SCRAM channel binding check failed")
	}
	if attrs[1] != "r="+nonce {
		return "", nil, protocolErr("SCRAM nonce mismatch")
	}
	return withoutProof, proof, nil
}

// writeAuth writes an Authentication message of the given kind with its data.
func writeAuth(w *buffer.Writer, kind int32, data []byte) error {
	w.Start(types.ServerAuth)
	w.AddInt32(kind)
	if len(data) > 0 {
		w.AddBytes(data)
	}
	return w.End()
}
