// spec: Composite literals, For statements with range clause
// An analyst's pipeline: CSV in, JSON records, grouping, sorting, a tabwriter report.
package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

type Event struct {
	User   string    `json:"user"`
	Kind   string    `json:"kind"`
	Amount float64   `json:"amount,omitempty"`
	At     time.Time `json:"at"`
}

type Summary struct {
	User    string
	Events  int
	Revenue float64
	First   time.Time
}

var ErrBadRow = errors.New("bad row")

func parseRow(rec []string) (Event, error) {
	if len(rec) != 4 {
		return Event{}, fmt.Errorf("%w: %d fields", ErrBadRow, len(rec))
	}
	amt, err := strconv.ParseFloat(rec[2], 64)
	if err != nil && rec[2] != "" {
		return Event{}, fmt.Errorf("%w: amount %q", ErrBadRow, rec[2])
	}
	at, err := time.Parse(time.DateOnly, rec[3])
	if err != nil {
		return Event{}, fmt.Errorf("%w: %v", ErrBadRow, err)
	}
	return Event{User: rec[0], Kind: rec[1], Amount: amt, At: at}, nil
}

const data = `user,kind,amount,date
ann,view,,2024-03-01
bob,purchase,19.99,2024-03-02
ann,purchase,5.50,2024-03-03
cy,view,,2024-02-28
bob,purchase,abc,2024-03-04
ann,refund,-5.50,2024-03-05
dee,view,,not-a-date
`

func main() {
	r := csv.NewReader(strings.NewReader(data))
	rows, err := r.ReadAll()
	if err != nil {
		panic(err)
	}
	var events []Event
	var bad []error
	for _, rec := range rows[1:] {
		ev, err := parseRow(rec)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		events = append(events, ev)
	}
	fmt.Println(len(events), "events,", len(bad), "bad rows; all bad:", errors.Is(errors.Join(bad...), ErrBadRow))
	for _, e := range bad {
		fmt.Println(" ", e)
	}

	b, _ := json.Marshal(events[:2])
	fmt.Println(string(b))
	var back []Event
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
	}
	fmt.Println(back[1].User, back[1].Amount, back[1].At.Format("Jan 2"))

	byUser := map[string]*Summary{}
	for _, e := range events {
		s, ok := byUser[e.User]
		if !ok {
			s = &Summary{User: e.User, First: e.At}
			byUser[e.User] = s
		}
		s.Events++
		if e.Kind != "view" {
			s.Revenue += e.Amount
		}
		if e.At.Before(s.First) {
			s.First = e.At
		}
	}
	list := make([]Summary, 0, len(byUser))
	for _, s := range byUser {
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Revenue != list[j].Revenue {
			return list[i].Revenue > list[j].Revenue
		}
		return list[i].User < list[j].User
	})
	w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "user\tevents\trevenue\tfirst\t")
	for _, s := range list {
		fmt.Fprintf(w, "%s\t%d\t%.2f\t%s\t\n", s.User, s.Events, s.Revenue, s.First.Format(time.DateOnly))
	}
	w.Flush()

	rng := rand.New(rand.NewPCG(7, 42))
	sample := make([]float64, 1000)
	for i := range sample {
		sample[i] = rng.NormFloat64()*2 + 10
	}
	mean, sd := 0.0, 0.0
	for _, x := range sample {
		mean += x
	}
	mean /= float64(len(sample))
	for _, x := range sample {
		sd += (x - mean) * (x - mean)
	}
	sd = math.Sqrt(sd / float64(len(sample)-1))
	fmt.Printf("mean %.4f sd %.4f first %.6f perm %v\n", mean, sd, sample[0], rng.Perm(5))
}
