package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/sluice-dev/sluice/platform/config"
	"github.com/sluice-dev/sluice/platform/qs"
	"github.com/sluice-dev/sluice/platform/sandbox"
)

func init() {
	register("sandbox", "run the embedded query service (serve|start|stop|status)", runSandbox)
}

const sandboxUsage = `usage: sluice sandbox <serve|start|stop|status> [--listen 127.0.0.1:PORT] [--data DIR]

  serve    run the sandbox in the foreground (until SIGINT/SIGTERM)
  start    run it in the background unless it already runs; print its DSN (password redacted)
  stop     stop it gracefully
  status   tell whether it runs, and its DSN (password redacted)

The sandbox is DuckDB served over the PostgreSQL wire protocol on a loopback port; its data
and state files (port, pid, password; mode 0600) live in --data (default $SLUICE_HOME/sandbox).
Clients log in as user "sluice" to database "sluice" with SCRAM-SHA-256 (PostgreSQL's default;
the password never crosses the wire) and see a PostgreSQL catalog (psql's \d commands work).
"status" exits 0 when the sandbox runs and 3 when it does not.
`

func runSandbox(args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(os.Stderr, sandboxUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub := args[0]
	fs := flag.NewFlagSet("sandbox "+sub, flag.ContinueOnError)
	fs.Usage = func() { fmt.Fprint(os.Stderr, sandboxUsage) }
	listen := fs.String("listen", "", "loopback address to listen on, such as 127.0.0.1:5433 (default: the last port used, else an ephemeral one)")
	data := fs.String("data", config.SandboxDir(), "data directory")
	timeout := fs.Duration("timeout", 30*time.Second, "how long start and stop wait")
	if err := fs.Parse(args[1:]); err != nil {
		return flagExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "sluice sandbox %s: unexpected argument %q\n", sub, fs.Arg(0))
		return 2
	}
	switch sub {
	case "serve":
		log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
		if err := sandbox.ServeDir(context.Background(), *data, *listen, log); err != nil {
			fmt.Fprintf(os.Stderr, "sluice sandbox serve: %v\n", err)
			return 1
		}
		return 0
	case "start":
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice sandbox start: %v\n", err)
			return 1
		}
		st, err := sandbox.Start(exe, *data, *listen, *timeout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice sandbox start: %v\n", err)
			return 1
		}
		fmt.Printf("sandbox running (pid %d): %s\n", st.PID, qs.Redact(st.DSN()))
		return 0
	case "stop":
		was, err := sandbox.Stop(*data, *timeout)
		if err != nil {
			fmt.Fprintf(os.Stderr, "sluice sandbox stop: %v\n", err)
			return 1
		}
		if was {
			fmt.Println("sandbox stopped")
		} else {
			fmt.Println("sandbox is not running")
		}
		return 0
	case "status":
		st, err := qs.RunningSandbox(*data)
		if err != nil {
			fmt.Println("sandbox is not running")
			return 3
		}
		fmt.Printf("sandbox running (pid %d): %s\n", st.PID, qs.Redact(st.DSN()))
		return 0
	}
	fmt.Fprintf(os.Stderr, "sluice sandbox: unknown subcommand %q\n\n%s", sub, sandboxUsage)
	return 2
}
