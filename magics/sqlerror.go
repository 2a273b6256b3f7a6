package magics

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/internal/redact"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/table"
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
	var big *qs.ResultTooLargeError
	if errors.As(err, &big) {
		return located(&Error{Name: "ResultTooLarge", Value: tooLargeText(big), Err: err})
	}
	if errors.Is(err, qs.ErrSessionLost) {
		return located(&Error{Name: "ConnectionError", Value: redact.String(err.Error()), Err: err})
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
		tb := strings.Split(redact.String(qe.Pretty()), "\n")
		if where != "" {
			tb = append(tb, "in "+where)
		}
		return &Error{Name: "SQLError", Value: redact.String(val), Traceback: tb, Err: err}
	}
	if ctx.Err() != nil {
		return &Error{Name: "Interrupted", Value: "query cancelled by interrupt", Err: err}
	}
	msg := redact.String(err.Error())
	if where != "" {
		msg += " (" + where + ")"
	}
	return &Error{Name: "SQLError", Value: msg, Err: err}
}

// tooLargeText says which fetch budget a result passed and how to get past it: LIMIT in
// the query, or a larger budget for the session or the process.
func tooLargeText(e *qs.ResultTooLargeError) string {
	if e.ByRows {
		return fmt.Sprintf("the result has more than %s rows, the fetch budget, and was not kept; add LIMIT to the query "+
			"(or aggregate it on the server), or raise the budget: %%sql --config maxrows=N (or %s=N; 0: no bound)",
			table.FormatInt(e.Budget.Rows), qs.EnvMaxResultRows)
	}
	return fmt.Sprintf("the result passed the fetch budget of %s after %s rows and was not kept; add LIMIT to the query "+
		"(or aggregate it on the server), or raise the budget: %%sql --config maxbytes=SIZE (e.g. 4GiB; or %s=SIZE; 0: no bound)",
		table.FormatBytes(e.Budget.Bytes), table.FormatInt(e.Rows), qs.EnvMaxResultBytes)
}
