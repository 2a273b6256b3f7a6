package pgsql

import (
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Administrative and DDL statements DuckDB does not read as PostgreSQL means them,
// which the sandbox carries out itself (platform/sandbox/admin.go): privileges and
// owners (one role: accepted as no-ops), savepoints, EXPLAIN's shape, indexes with
// PostgreSQL's options and names, materialized views, maintenance commands, TRUNCATE
// … CASCADE and DROP TABLE … CASCADE, and the features DuckDB has no equivalent of,
// refused with 0A000 and a message that says what to do.

// AdminKind says how the sandbox carries out an administrative statement.
type AdminKind int

const (
	AdminNone        AdminKind = iota // not one: the statement goes to DuckDB
	AdminNoop                         // accepted once Roles, Relations and Schemas exist
	AdminRefuse                       // refused with Code, Msg and Hint
	AdminSavepoint                    // SAVEPOINT Name
	AdminRelease                      // RELEASE SAVEPOINT Name
	AdminRollbackTo                   // ROLLBACK TO SAVEPOINT Name
	AdminExplain                      // EXPLAIN: SQL is DuckDB's EXPLAIN
	AdminIndex                        // CREATE INDEX (Index)
	AdminMatView                      // CREATE MATERIALIZED VIEW (MatView)
	AdminRefresh                      // REFRESH MATERIALIZED VIEW (Rels[0])
	AdminDropMatView                  // DROP MATERIALIZED VIEW (Rels)
	AdminTruncate                     // TRUNCATE (Rels, Cascade, Restart)
	AdminDropTable                    // DROP TABLE (Rels, Cascade, MissingOK)
	AdminDiscard                      // DISCARD ALL / TEMP
	AdminSteps                        // run Steps in order (CHECKPOINT, CREATE DOMAIN…)
	AdminCreateLike                   // CREATE TABLE … (LIKE …): Like, SQL with the LIKE left out
	AdminAlter                        // an ALTER TABLE DuckDB refuses on an indexed or referenced table (Alter)
	AdminPrepared                     // SQL PREPARE (SQL, Name) or DEALLOCATE (Name, "" for ALL)
)

// Rel names a relation: DuckDB's schema ("" when unqualified) and name.
type Rel struct{ Schema, Name string }

// Admin is an administrative statement the sandbox carries out itself.
type Admin struct {
	Kind AdminKind
	Tag  string // the command tag
	// Roles, Relations and Schemas must exist (42704, 42P01, 3F000).
	Roles     []string
	Relations []Rel
	Schemas   []string
	// NoTxBlock names the command when it cannot run in a transaction block (25001).
	NoTxBlock       string
	Code, Msg, Hint string // AdminRefuse; a NOTICE's text for AdminNoop
	Name            string // a savepoint's name
	SQL             string // AdminExplain: DuckDB's EXPLAIN; AdminCreateLike: the table without LIKE
	Analyze         bool   // EXPLAIN ANALYZE
	Steps           []string
	Index           *IndexDef
	MatView         *MatViewDef
	Rels            []Rel
	Cascade         bool
	Restart         bool
	MissingOK       bool
	Like            []LikeClause
	Alter           *AlterDef
}

// adminWords are the first keywords of the statements Admin may claim; the others are
// not parsed twice.
var adminWords = map[string]bool{"GRANT": true, "REVOKE": true, "ALTER": true, "SAVEPOINT": true, "RELEASE": true,
	"ROLLBACK": true, "CREATE": true, "REFRESH": true, "DROP": true, "EXPLAIN": true, "CLUSTER": true,
	"REINDEX": true, "CHECKPOINT": true, "DISCARD": true, "LISTEN": true, "UNLISTEN": true, "NOTIFY": true,
	"TRUNCATE": true, "VACUUM": true, "ANALYZE": true, "ANALYSE": true, "DO": true, "COMMENT": true}

// ParseAdmin reads an administrative statement the sandbox carries out itself;
// Kind is AdminNone for every other statement.
func ParseAdmin(sql string) Admin {
	w := firstWord(sql)
	if !adminWords[w] || strings.HasSuffix(sql, AdminDirect) {
		return Admin{}
	}
	res, err := pg.Parse(sql)
	if err != nil || len(res.Stmts) != 1 {
		return Admin{}
	}
	switch x := res.Stmts[0].Stmt.Node.(type) {
	case *pg.Node_GrantStmt:
		return grantAdmin(x.GrantStmt)
	case *pg.Node_GrantRoleStmt:
		a := Admin{Kind: AdminNoop, Tag: "GRANT ROLE"}
		if !x.GrantRoleStmt.IsGrant {
			a.Tag = "REVOKE ROLE"
		}
		for _, r := range append(x.GrantRoleStmt.GrantedRoles, x.GrantRoleStmt.GranteeRoles...) {
			a.Roles = append(a.Roles, roleNames(r)...)
		}
		return a
	case *pg.Node_AlterDefaultPrivilegesStmt:
		a := Admin{Kind: AdminNoop, Tag: "ALTER DEFAULT PRIVILEGES"}
		if g := x.AlterDefaultPrivilegesStmt.Action; g != nil {
			for _, r := range g.Grantees {
				a.Roles = append(a.Roles, roleNames(r)...)
			}
		}
		for _, o := range x.AlterDefaultPrivilegesStmt.Options {
			d := o.GetDefElem()
			if d == nil {
				continue
			}
			for _, item := range d.Arg.GetList().GetItems() {
				switch d.Defname {
				case "roles":
					a.Roles = append(a.Roles, roleNames(item)...)
				case "schemas":
					a.Schemas = append(a.Schemas, strName(item))
				}
			}
		}
		return a
	case *pg.Node_AlterTableStmt:
		if a := alterOwner(x.AlterTableStmt); a.Kind != AdminNone {
			return a
		}
		return alterAdmin(x.AlterTableStmt)
	case *pg.Node_RenameStmt:
		return renameAdmin(x.RenameStmt)
	case *pg.Node_AlterOwnerStmt:
		a := Admin{Kind: AdminNoop, Tag: "ALTER " + objectWord(x.AlterOwnerStmt.ObjectType), Roles: roleNames(&pg.Node{Node: &pg.Node_RoleSpec{RoleSpec: x.AlterOwnerStmt.Newowner}})}
		if x.AlterOwnerStmt.ObjectType == pg.ObjectType_OBJECT_SCHEMA {
			a.Schemas = []string{strName(x.AlterOwnerStmt.Object)}
		}
		return a
	case *pg.Node_TransactionStmt:
		t := x.TransactionStmt
		switch t.Kind {
		case pg.TransactionStmtKind_TRANS_STMT_SAVEPOINT:
			return Admin{Kind: AdminSavepoint, Tag: "SAVEPOINT", Name: t.SavepointName}
		case pg.TransactionStmtKind_TRANS_STMT_RELEASE:
			return Admin{Kind: AdminRelease, Tag: "RELEASE", Name: t.SavepointName}
		case pg.TransactionStmtKind_TRANS_STMT_ROLLBACK_TO:
			return Admin{Kind: AdminRollbackTo, Tag: "ROLLBACK", Name: t.SavepointName}
		}
	case *pg.Node_ExplainStmt:
		return explainAdmin(x.ExplainStmt)
	case *pg.Node_IndexStmt:
		return indexAdmin(x.IndexStmt)
	case *pg.Node_CreateTableAsStmt:
		if x.CreateTableAsStmt.Objtype == pg.ObjectType_OBJECT_MATVIEW {
			return matViewAdmin(res, x.CreateTableAsStmt)
		}
	case *pg.Node_RefreshMatViewStmt:
		r := x.RefreshMatViewStmt
		if r.Concurrent {
			// PostgreSQL needs a unique index on the view for it; the sandbox
			// refreshes in one transaction either way.
		}
		return Admin{Kind: AdminRefresh, Tag: "REFRESH MATERIALIZED VIEW", Rels: []Rel{rangeRel(r.Relation)}, Restart: r.SkipData}
	case *pg.Node_DropStmt:
		return dropAdmin(x.DropStmt)
	case *pg.Node_DoStmt:
		return refuse("DO blocks are not supported by the sandbox (it has no PL/pgSQL)",
			"Run the block's statements one by one, or write a DuckDB macro.")
	case *pg.Node_VacuumStmt:
		v := x.VacuumStmt
		a := Admin{Kind: AdminNoop, Tag: "ANALYZE"}
		if v.IsVacuumcmd {
			a.Tag, a.NoTxBlock = "VACUUM", "VACUUM"
		}
		for _, r := range v.Rels {
			if vr := r.GetVacuumRelation(); vr != nil && vr.Relation != nil {
				a.Relations = append(a.Relations, rangeRel(vr.Relation))
			}
		}
		return a
	case *pg.Node_ClusterStmt:
		c := x.ClusterStmt
		a := Admin{Kind: AdminNoop, Tag: "CLUSTER"}
		if c.Relation == nil {
			a.NoTxBlock = "CLUSTER"
			return a
		}
		a.Relations = []Rel{rangeRel(c.Relation)}
		if c.Indexname == "" {
			// The sandbox never clusters, so no table has a clustered index.
			a.Kind, a.Code = AdminRefuse, "42704"
			a.Msg = `there is no previously clustered index for table "` + c.Relation.Relname + `"`
		}
		return a
	case *pg.Node_ReindexStmt:
		a := Admin{Kind: AdminNoop, Tag: "REINDEX"}
		if r := x.ReindexStmt; r.Relation != nil && r.Kind == pg.ReindexObjectType_REINDEX_OBJECT_TABLE {
			a.Relations = []Rel{rangeRel(r.Relation)}
		} else if r.Kind == pg.ReindexObjectType_REINDEX_OBJECT_SCHEMA || r.Kind == pg.ReindexObjectType_REINDEX_OBJECT_DATABASE ||
			r.Kind == pg.ReindexObjectType_REINDEX_OBJECT_SYSTEM {
			a.NoTxBlock = "REINDEX " + strings.TrimPrefix(r.Kind.String(), "REINDEX_OBJECT_")
		}
		return a
	case *pg.Node_CheckPointStmt:
		return Admin{Kind: AdminSteps, Tag: "CHECKPOINT", Steps: []string{"CHECKPOINT"}}
	case *pg.Node_DiscardStmt:
		a := Admin{Kind: AdminDiscard, Tag: "DISCARD " + strings.TrimPrefix(x.DiscardStmt.Target.String(), "DISCARD_")}
		if x.DiscardStmt.Target == pg.DiscardMode_DISCARD_ALL {
			a.NoTxBlock = "DISCARD ALL"
		}
		return a
	case *pg.Node_ListenStmt:
		return Admin{Kind: AdminNoop, Tag: "LISTEN"}
	case *pg.Node_UnlistenStmt:
		return Admin{Kind: AdminNoop, Tag: "UNLISTEN"}
	case *pg.Node_NotifyStmt:
		return refuse("the sandbox does not deliver notifications (NOTIFY, pg_notify)",
			"Poll a table for changes instead; LISTEN and UNLISTEN are accepted and do nothing.")
	case *pg.Node_TruncateStmt:
		t := x.TruncateStmt
		a := Admin{Kind: AdminTruncate, Tag: "TRUNCATE TABLE", Cascade: t.Behavior == pg.DropBehavior_DROP_CASCADE, Restart: t.RestartSeqs}
		for _, r := range t.Relations {
			if rv := r.GetRangeVar(); rv != nil {
				a.Rels = append(a.Rels, rangeRel(rv))
			}
		}
		return a
	case *pg.Node_CreateExtensionStmt:
		return extensionAdmin(x.CreateExtensionStmt)
	case *pg.Node_CreateDomainStmt:
		return domainAdmin(x.CreateDomainStmt)
	case *pg.Node_CreateFunctionStmt:
		word := "functions"
		if x.CreateFunctionStmt.IsProcedure {
			word = "procedures"
		}
		return refuse("the sandbox has no user-defined "+word+" (CREATE FUNCTION … LANGUAGE sql/plpgsql)",
			"Write the function as a DuckDB macro instead: CREATE MACRO add_one(a) AS a + 1 (DuckDB's own syntax, passed through as written).")
	case *pg.Node_CreateStmt:
		return createTableAdmin(res, x.CreateStmt)
	case *pg.Node_CreateRoleStmt, *pg.Node_AlterRoleStmt, *pg.Node_AlterRoleSetStmt:
		return refuse("the sandbox has one role, sluice, and roles cannot be created or changed",
			"Connect as sluice; its password is in the sandbox's data directory ($SLUICE_HOME/sandbox/password).")
	case *pg.Node_DropRoleStmt:
		d := x.DropRoleStmt
		var names []string
		for _, r := range d.Roles {
			names = append(names, roleNames(r)...)
		}
		if d.MissingOk && len(names) == 1 && names[0] != "sluice" {
			// Nothing to drop: PostgreSQL notes a missing role and goes on.
			return Admin{Kind: AdminNoop, Tag: "DROP ROLE", Code: "00000", Msg: `role "` + names[0] + `" does not exist, skipping`}
		}
		return refuse("the sandbox has one role, sluice, and roles cannot be dropped", "")
	case *pg.Node_CommentStmt:
		// DuckDB keeps comments on indexes itself; a materialized view's is its table's.
		if a, ok := matViewComment(x.CommentStmt); ok { // ddl_matview_read.go
			return a
		}
	}
	return Admin{}
}

// refuse is a statement the sandbox cannot carry out (0A000, feature not supported).
func refuse(msg, hint string) Admin {
	return Admin{Kind: AdminRefuse, Code: "0A000", Msg: msg, Hint: hint}
}

// firstWord is a statement's first keyword, upper-cased, past comments and spaces.
func firstWord(sql string) string {
	s := sql
	for {
		s = strings.TrimLeft(s, " \t\r\n(")
		switch {
		case strings.HasPrefix(s, "--"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
				continue
			}
			return ""
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s, "*/"); i >= 0 {
				s = s[i+2:]
				continue
			}
			return ""
		}
		break
	}
	end := 0
	for end < len(s) && (s[end] >= 'a' && s[end] <= 'z' || s[end] >= 'A' && s[end] <= 'Z') {
		end++
	}
	return strings.ToUpper(s[:end])
}

// rangeRel is the relation a RangeVar names, in DuckDB's schema names.
func rangeRel(rv *pg.RangeVar) Rel {
	if rv == nil {
		return Rel{}
	}
	s := rv.Schemaname
	if s == "public" {
		s = "main"
	}
	return Rel{Schema: s, Name: rv.Relname}
}

// roleNames are the role names a RoleSpec node spells out (not PUBLIC, CURRENT_USER…).
func roleNames(n *pg.Node) []string {
	rs := n.GetRoleSpec()
	if rs == nil || rs.Roletype != pg.RoleSpecType_ROLESPEC_CSTRING {
		return nil
	}
	return []string{rs.Rolename}
}

// objectWord is the word a command tag uses for an object type (TABLE, SCHEMA…).
func objectWord(t pg.ObjectType) string {
	return strings.ReplaceAll(strings.TrimPrefix(t.String(), "OBJECT_"), "_", " ")
}

// grantAdmin accepts GRANT and REVOKE as no-ops: the sandbox has one role, which
// owns everything. The roles and objects named must exist, as in PostgreSQL.
func grantAdmin(g *pg.GrantStmt) Admin {
	a := Admin{Kind: AdminNoop, Tag: "GRANT"}
	if !g.IsGrant {
		a.Tag = "REVOKE"
	}
	for _, r := range g.Grantees {
		a.Roles = append(a.Roles, roleNames(r)...)
	}
	for _, o := range g.Objects {
		switch {
		case g.Targtype == pg.GrantTargetType_ACL_TARGET_ALL_IN_SCHEMA || g.Objtype == pg.ObjectType_OBJECT_SCHEMA:
			a.Schemas = append(a.Schemas, strName(o))
		case o.GetRangeVar() != nil:
			a.Relations = append(a.Relations, rangeRel(o.GetRangeVar()))
		}
	}
	return a
}

// alterOwner accepts ALTER TABLE/VIEW/SEQUENCE … OWNER TO as a no-op when it changes
// nothing but the owner.
func alterOwner(at *pg.AlterTableStmt) Admin {
	a := Admin{Kind: AdminNoop, Tag: "ALTER " + objectWord(at.Objtype)}
	for _, c := range at.Cmds {
		cmd := c.GetAlterTableCmd()
		if cmd == nil || cmd.Subtype != pg.AlterTableType_AT_ChangeOwner {
			return Admin{}
		}
		a.Roles = append(a.Roles, roleNames(&pg.Node{Node: &pg.Node_RoleSpec{RoleSpec: cmd.Newowner}})...)
	}
	if at.Relation != nil && !at.MissingOk {
		a.Relations = []Rel{rangeRel(at.Relation)}
	}
	return a
}

// explainAdmin gives EXPLAIN PostgreSQL's shape: DuckDB's plan as lines of one text
// column named QUERY PLAN. Other options than ANALYZE are accepted and ignored;
// formats other than text are refused.
func explainAdmin(e *pg.ExplainStmt) Admin {
	a := Admin{Kind: AdminExplain, Tag: "EXPLAIN"}
	for _, o := range e.Options {
		d := o.GetDefElem()
		if d == nil {
			continue
		}
		switch d.Defname {
		case "analyze":
			a.Analyze = d.Arg == nil || defTrue(d.Arg)
		case "format":
			if f := strings.ToLower(strName(d.Arg)); f != "text" {
				return refuse("EXPLAIN (FORMAT "+strings.ToUpper(f)+") is not supported by the sandbox",
					"Use EXPLAIN with the text format: the plan is DuckDB's, one line per row.")
			}
		}
	}
	q, err := pg.Deparse(&pg.ParseResult{Version: parseVersion, Stmts: []*pg.RawStmt{{Stmt: e.Query}}})
	if err != nil {
		return Admin{}
	}
	a.SQL = q
	return a
}

// defTrue reads an EXPLAIN option's boolean argument (true, on, 1…).
func defTrue(n *pg.Node) bool {
	if b := n.GetBoolean(); b != nil {
		return b.Boolval
	}
	if i := n.GetInteger(); i != nil {
		return i.Ival != 0
	}
	switch strings.ToLower(strName(n)) {
	case "false", "off", "0", "no":
		return false
	}
	return true
}

// extensionAdmin accepts CREATE EXTENSION for the extensions setup scripts commonly
// ask for whose functions the sandbox has (gen_random_uuid) or needs none of.
func extensionAdmin(c *pg.CreateExtensionStmt) Admin {
	switch c.Extname {
	case "plpgsql":
		if !c.IfNotExists {
			return Admin{Kind: AdminRefuse, Code: "42710", Msg: `extension "plpgsql" already exists`}
		}
		return Admin{Kind: AdminNoop, Tag: "CREATE EXTENSION", Code: "00000", Msg: `extension "plpgsql" already exists, skipping`}
	case "uuid-ossp":
		// uuid_generate_v4() exists once the extension does, as in PostgreSQL: a
		// DuckDB macro kept with the database.
		return Admin{Kind: AdminSteps, Tag: "CREATE EXTENSION",
			Steps: []string{"CREATE OR REPLACE MACRO main.uuid_generate_v4() AS gen_random_uuid()"}}
	case "pgcrypto":
		return Admin{Kind: AdminNoop, Tag: "CREATE EXTENSION"}
	}
	return refuse(`extension "`+c.Extname+`" is not available in the sandbox`,
		"The sandbox is DuckDB: its own functions stand in for extensions (gen_random_uuid() for pgcrypto and uuid-ossp).")
}

// domainAdmin makes a domain without constraints DuckDB's type alias; a domain
// with a CHECK, NOT NULL or DEFAULT is refused (DuckDB's types carry none).
func domainAdmin(d *pg.CreateDomainStmt) Admin {
	if len(d.Constraints) > 0 || d.TypeName == nil {
		return refuse("domains with constraints or defaults are not supported by the sandbox",
			"Declare the column with the base type and put the CHECK or DEFAULT on the column.")
	}
	var name []string
	for _, n := range d.Domainname {
		s := strName(n)
		if s == "public" {
			s = "main"
		}
		name = append(name, quoteIdent(s))
	}
	typ := exprText(&pg.Node{Node: &pg.Node_TypeCast{TypeCast: &pg.TypeCast{Arg: pg.MakeAConstIntNode(1, -1), TypeName: d.TypeName}}})
	_, typ, ok := strings.Cut(typ, "::")
	if !ok {
		return Admin{}
	}
	return Admin{Kind: AdminSteps, Tag: "CREATE DOMAIN", Steps: []string{"CREATE TYPE " + strings.Join(name, ".") + " AS " + typ}}
}

// exprText is PostgreSQL's text of an expression (deparsed as a select list's item).
func exprText(n *pg.Node) string {
	out, err := pg.Deparse(&pg.ParseResult{Version: parseVersion, Stmts: []*pg.RawStmt{{Stmt: &pg.Node{Node: &pg.Node_SelectStmt{SelectStmt: &pg.SelectStmt{
		TargetList: []*pg.Node{{Node: &pg.Node_ResTarget{ResTarget: &pg.ResTarget{Val: n}}}}}}}}}})
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(out, "SELECT ")
}

// parseVersion is the parse tree version Deparse wants in a tree built by hand.
var parseVersion = func() int32 {
	res, err := pg.Parse("SELECT 1")
	if err != nil {
		return 0
	}
	return res.Version
}()

// pgQuoteIdent quotes an identifier as PostgreSQL's quote_identifier does: unless it
// is lower-case letters, digits and underscores and not a keyword other than an
// unreserved one.
func pgQuoteIdent(s string) string {
	plain := s != ""
	for i, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9') {
			plain = false
		}
	}
	if plain {
		if res, err := pg.Scan(s); err == nil && len(res.Tokens) == 1 &&
			(res.Tokens[0].KeywordKind == pg.KeywordKind_NO_KEYWORD || res.Tokens[0].KeywordKind == pg.KeywordKind_UNRESERVED_KEYWORD) {
			return s
		}
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
