package audience

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sluice-dev/sluice/display"
	"github.com/sluice-dev/sluice/table"
)

func TestReceiverCountsRetriedBatchesOnce(t *testing.T) {
	cases := []struct {
		name      string
		loseFirst int
		members   int
		batchSize int
	}{
		{"no losses", 0, 1234, 500},
		{"first two responses lost", 2, 1234, 500},
		{"one batch", 1, 10, 500},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rcv, err := StartReceiver(tc.loseFirst)
			if err != nil {
				t.Fatal(err)
			}
			defer rcv.Close()
			ids := make([]string, tc.members)
			for i := range ids {
				ids[i] = strings.Repeat("7", 5) + string(rune('a'+i%26))
			}
			d := &Delivery{Audience: "a", ActivationID: 3, Identity: "user_id",
				Members: table.New(table.StringColumn("user_id", ids))}
			dest := &HTTPDestination{URL: rcv.URL(), BatchSize: tc.batchSize, Backoff: time.Millisecond}
			out, err := dest.Deliver(context.Background(), d)
			if err != nil {
				t.Fatal(err)
			}
			if out.Delivered != int64(tc.members) || out.DeadLettered != 0 {
				t.Fatalf("outcome: delivered %d, dead %d; want %d, 0", out.Delivered, out.DeadLettered, tc.members)
			}
			if got := rcv.Members(); got != int64(tc.members) {
				t.Errorf("receiver counted %d members, want %d", got, tc.members)
			}
			batches := (tc.members + tc.batchSize - 1) / tc.batchSize
			req, dup, rej := rcv.Requests()
			if dup != tc.loseFirst || rej != 0 || req != batches+tc.loseFirst {
				t.Errorf("requests %d, duplicates %d, rejected %d; want %d, %d, 0", req, dup, rej, batches+tc.loseFirst, tc.loseFirst)
			}
			if out.Retries != int64(tc.loseFirst) {
				t.Errorf("sender retried %d times, want %d", out.Retries, tc.loseFirst)
			}
			tab := rcv.Table()
			if tab.NumRows() != batches {
				t.Errorf("table has %d rows, want %d batches", tab.NumRows(), batches)
			}
			if !strings.Contains(display.TableHTML(tab), "duplicates dropped") {
				t.Errorf("table HTML lacks the summary: %s", display.TableHTML(tab))
			}
		})
	}
}

func TestReceiverRejectsBadRequests(t *testing.T) {
	rcv, err := StartReceiver(0)
	if err != nil {
		t.Fatal(err)
	}
	defer rcv.Close()
	for _, tc := range []struct {
		name, key, body string
		want            int
	}{
		{"no key", "", `{"members":[]}`, http.StatusBadRequest},
		{"bad json", "k1", `{"members":`, http.StatusBadRequest},
		{"good", "k2", `{"audience":"x","batch":1,"batches":1,"members":[{"user_id":"1"}]}`, http.StatusOK},
	} {
		req, _ := http.NewRequest(http.MethodPost, rcv.URL(), bytes.NewBufferString(tc.body))
		if tc.key != "" {
			req.Header.Set("Idempotency-Key", tc.key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}
	if _, _, rej := rcv.Requests(); rej != 2 {
		t.Errorf("rejected %d, want 2", rej)
	}
	if rcv.Members() != 1 {
		t.Errorf("members %d, want 1", rcv.Members())
	}
	if err := rcv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Post(rcv.URL(), "application/json", strings.NewReader("{}")); err == nil {
		t.Error("receiver still answers after Close")
	}
}
