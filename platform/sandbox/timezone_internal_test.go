package sandbox

import (
	"testing"
	"time"
)

// TestZoneValues checks zone parsing and the text of timestamptz values in zones.
func TestZoneValues(t *testing.T) {
	at := time.Date(2024, 7, 1, 12, 0, 0, 250000000, time.UTC)
	for _, c := range []struct{ set, show, text string }{
		{"SET TimeZone = 'America/New_York'", "America/New_York", "2024-07-01 08:00:00.25-04"},
		{"set time zone 'utc'", "UTC", "2024-07-01 12:00:00.25+00"},
		{"SET TIME ZONE INTERVAL '-05:30' HOUR TO MINUTE", "<-05:30>+05:30", "2024-07-01 06:30:00.25-05:30"},
		{"SET TimeZone TO '+3'", "<+03>-03", "2024-07-01 15:00:00.25+03"},
		{"SET SESSION TIME ZONE -7", "<-07>+07", "2024-07-01 05:00:00.25-07"},
		{"SET TimeZone = 'UTC+3'", "UTC+3", "2024-07-01 09:00:00.25-03"},
		{`SET "TimeZone" = 'Asia/Kolkata'`, "Asia/Kolkata", "2024-07-01 17:30:00.25+05:30"},
		{"RESET timezone", "UTC", "2024-07-01 12:00:00.25+00"},
		{"SET TIME ZONE DEFAULT", "UTC", "2024-07-01 12:00:00.25+00"},
	} {
		z, ok, err := parseZoneSet(c.set, nil)
		if !ok || err != nil || z.show != c.show {
			t.Errorf("%s: %v %v %+v", c.set, ok, err, z)
			continue
		}
		ss := &session{zone: z}
		v := ss.zoneConv(oidTimestamptz, toPGTimestamptz)(at)
		if b, _ := timestamptzText(v); string(b) != c.text {
			t.Errorf("%s: %q, want %q", c.set, b, c.text)
		}
	}
	for _, bad := range []string{"SET TimeZone = 'Nowhere/Bad'", "SET TimeZone = 'EST5EDT4,M3.2.0,M11.1.0'", "SET TIME ZONE 20"} {
		if _, ok, err := parseZoneSet(bad, nil); !ok || err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
	for _, q := range []string{"SET search_path = public", "SELECT 1", "SHOW TimeZone"} {
		if _, ok, _ := parseZoneSet(q, nil); ok {
			t.Errorf("%s taken as a zone change", q)
		}
	}
	if got := optionZone(`-c statement_timeout=0 -c TimeZone=Europe/Paris`); got != "Europe/Paris" {
		t.Errorf("optionZone: %q", got)
	}
}

// BenchmarkTimestamptzValue measures converting and writing one timestamptz value as
// text: the code before session zones (UTC always), and now in UTC and in New York.
func BenchmarkTimestamptzValue(b *testing.B) {
	at := time.Date(2024, 7, 1, 12, 0, 0, 250000000, time.UTC)
	b.Run("before", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			v := toPGTimestamptz(at)
			t := v.(time.Time)
			buf, _ := appendDateTime(nil, t.UTC())
			_ = append(buf, "+00"...)
		}
	})
	for _, zone := range []string{"", "America/New_York"} {
		ss := &session{}
		if zone != "" {
			ss.zone, _ = zoneFor(zone, nil)
		}
		conv := ss.zoneConv(oidTimestamptz, toPGTimestamptz)
		b.Run("zone="+zone, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_, _ = timestamptzText(conv(at))
			}
		})
	}
}
