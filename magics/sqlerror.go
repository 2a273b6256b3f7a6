package magics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/platform/qs"
)

// sqlError turns a failure of statement i (0-based) of n into the cell's error:
// SQLSTATE, the server's message and the failing line with a caret.
func sqlError(ctx context.Context, err error, i, n int, p *prepared, timeout time.Duration) error {
	var qe *qs.Error
	where := ""
	if n > 1 && p != nil {
		where = fmt.Sprintf("statement %d of %d (cell line %d)", i+1, n, p.line)
	}
	// located adds where the failing statement is as the traceback of e.
	located := func(e *Error) *Error {
		if where != "" {
			e.Traceback = []string{"in " + where}
		}
		return e
	}
	if errors.Is(err, qs.ErrSessionLost) {
		return located(&Error{Name: "ConnectionError", Value: RedactSecrets(err.Error()), Err: err})
	}
	if errors.As(err, &qe) {
		if qe.Code == "57014" && ctx.Err() != nil {
			return located(&Error{Name: "Interrupted", Value: "query cancelled by interrupt", Err: err})
		}
		if qe.Code == "57014" && timeout > 0 && errors.Is(err, context.DeadlineExceeded) {
			return located(&Error{Name: "SQLError", Value: fmt.Sprintf("query cancelled after the %s timeout (SQLSTATE 57014)", timeout), Err: err})
		}
		val := fmt.Sprintf("%s (SQLSTATE %s)", qe.Message, qe.Code)
		if len(qe.Suggestions) > 0 {
			val += "; did you mean " + orList(qe.Suggestions) + "?"
		}
		if qe.Code == "25P02" {
			val += "; run ROLLBACK to end the failed transaction"
		}
		tb := strings.Split(RedactSecrets(qe.Pretty()), "\n")
		if where != "" {
			tb = append(tb, "in "+where)
		}
		return &Error{Name: "SQLError", Value: RedactSecrets(val), Traceback: tb, Err: err}
	}
	if ctx.Err() != nil {
		return &Error{Name: "Interrupted", Value: "query cancelled by interrupt", Err: err}
	}
	msg := RedactSecrets(err.Error())
	if where != "" {
		msg += " (" + where + ")"
	}
	return &Error{Name: "SQLError", Value: msg, Err: err}
}
