package magics

import (
	"context"
	"reflect"
	"sync"

	"github.com/sluice-dev/sluice/platform/qs"
)

// State is what the magics remember for one kernel session: its query-service
// connections (a qs.Registry, which the session's Go cells reach through qs.Current),
// %sql's settings and saved queries, and completion's cache of table and column names.
// The session owns it and binds it to the context of each cell (Bind), so two sessions
// in one process share nothing.
type State struct {
	conns    *qs.Registry
	sql      *sqlState
	catalogs *catalogCache
}

// NewState returns the state of a new session, with no connections.
func NewState() *State {
	return &State{conns: qs.NewRegistry(), sql: newSQLState(), catalogs: newCatalogCache()}
}

type stateKey struct{}

// Bind returns ctx carrying s and its connections: magics run under it use s, and
// qs.Current(ctx) returns s's current connection.
func (s *State) Bind(ctx context.Context) context.Context {
	return qs.WithRegistry(context.WithValue(ctx, stateKey{}, s), s.conns)
}

// Connections returns the session's connection registry.
func (s *State) Connections() *qs.Registry { return s.conns }

// Close closes the session's connections.
func (s *State) Close() { s.conns.CloseAll() }

// unbound holds the state of callers whose context carries none, one per Session (one
// shared when sessions cannot be told apart); they share the process's connections
// (qs.RegistryOf a context without one) and completion cache, as Go code outside a
// session does.
var unbound = struct {
	sync.Mutex
	by       map[any]*State
	catalogs *catalogCache
}{by: map[any]*State{}, catalogs: newCatalogCache()}

// stateOf returns the state ctx carries, else the unbound state of env's session.
func stateOf(ctx context.Context, env *Env) *State {
	if s, ok := ctx.Value(stateKey{}).(*State); ok && s != nil {
		return s
	}
	var key any = "shared"
	if env != nil && env.Session != nil && reflect.TypeOf(env.Session).Comparable() {
		key = env.Session
	}
	unbound.Lock()
	defer unbound.Unlock()
	s, ok := unbound.by[key]
	if !ok {
		s = &State{conns: qs.RegistryOf(context.Background()), sql: newSQLState(), catalogs: unbound.catalogs}
		unbound.by[key] = s
	}
	return s
}

// enter gives env the state of its cell's session and returns ctx bound to it, for
// Handle and Complete.
func enter(ctx context.Context, env *Env) context.Context {
	s := stateOf(ctx, env)
	if env != nil {
		env.state = s
	}
	return s.Bind(ctx)
}

// sessionOf returns the state Handle or Complete gave env (for magics called outside
// them, the unbound state of env's session).
func sessionOf(env *Env) *State {
	if env != nil && env.state != nil {
		return env.state
	}
	return stateOf(context.Background(), env)
}
