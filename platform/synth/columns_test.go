package synth

import (
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
)

// TestGather checks that parts filled in regions of one buffer end up side by side in
// order, in place, and that a part which outgrew its region (appended past it, so it
// lives in a buffer of its own) is copied with the others.
func TestGather(t *testing.T) {
	buf := make([]int64, 12)
	starts := []int{0, 4, 8}
	parts := [][]int64{region(buf, 0, 4), region(buf, 4, 4), region(buf, 8, 4)}
	parts[0] = append(parts[0], 1, 2)
	parts[1] = append(parts[1], 3, 4, 5, 6)
	parts[2] = append(parts[2], 7)
	got := gather(buf, parts, starts)
	if !slices.Equal(got, []int64{1, 2, 3, 4, 5, 6, 7}) || &got[0] != &buf[0] {
		t.Fatalf("in place: %v", got)
	}
	buf = make([]int64, 6)
	parts = [][]int64{region(buf, 0, 3), region(buf, 3, 3)}
	parts[0] = append(parts[0], 1, 2, 3, 4, 5) // outgrows its region
	parts[1] = append(parts[1], 6, 7)
	got = gather(buf, parts, []int{0, 3})
	if !slices.Equal(got, []int64{1, 2, 3, 4, 5, 6, 7}) {
		t.Fatalf("after an overflow: %v", got)
	}
}

// TestEventsStoredCompactly checks the storage the generator promises (about 80 bytes an
// event): repeated text dictionary-encoded, UUIDs as 16 bytes (read as their text).
func TestEventsStoredCompactly(t *testing.T) {
	ev := mustEvents(t, Config{Users: 300, Seed: 2, End: testEnd}.withDefaults(), 0, 300, 1)
	for _, name := range []string{"event_type", "user_id", "produced_by", "web_page_name", "web_page_url", "web_page_site_section",
		"web_interaction_type", "web_referrer_type", "decisioning_action", "marketing_campaign_id", "marketing_hashed_email"} {
		if _, ok := ev.Col(name).Arrow().(*array.Dictionary); !ok {
			t.Errorf("%s is held as %s, want a dictionary", name, ev.Col(name).Arrow().DataType())
		}
	}
	for _, name := range []string{"_id", "marketing_message_id"} {
		c := ev.Col(name)
		if _, ok := c.Arrow().(*array.String); !ok {
			t.Errorf("%s reads as Arrow %s, want utf8 text", name, c.Arrow().DataType())
		}
		for i := 0; i < c.Len(); i++ {
			if s := c.StringAt(i); c.Valid(i) && (len(s) != 36 || s[14] != '4') {
				t.Fatalf("%s row %d: %q is not a version 4 UUID", name, i, s)
			}
		}
	}
}
