package synth

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/table"
)

var (
	femaleNames = []string{"Olivia", "Emma", "Ava", "Sophia", "Isabella", "Mia", "Amelia", "Harper",
		"Evelyn", "Abigail", "Emily", "Ella", "Chloe", "Grace", "Zoe", "Nora", "Lily", "Hannah", "Aria", "Layla"}
	maleNames = []string{"Liam", "Noah", "Oliver", "Elijah", "James", "William", "Benjamin", "Lucas",
		"Henry", "Theodore", "Jack", "Levi", "Alexander", "Mateo", "Daniel", "Samuel", "Owen", "Ethan", "Leo", "Ezra"}
	lastNames = []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
		"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
		"Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
		"Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Hill"}
	emailDomains = []string{"example.com", "example.net", "example.org", "mail.example", "inbox.example"}
	streets      = []string{"Main St", "Oak Ave", "Pine St", "Maple Ave", "Cedar Ln", "Elm St", "Washington Blvd",
		"Lake Dr", "Hill Rd", "Park Ave", "Sunset Blvd", "River Rd", "Church St", "Highland Ave", "Mill Rd"}
	cities = []struct{ city, state, zip string }{
		{"San Jose", "CA", "951"}, {"Los Angeles", "CA", "900"}, {"Seattle", "WA", "981"},
		{"Portland", "OR", "972"}, {"Denver", "CO", "802"}, {"Austin", "TX", "787"},
		{"Chicago", "IL", "606"}, {"New York", "NY", "100"}, {"Boston", "MA", "021"},
		{"Miami", "FL", "331"}, {"Atlanta", "GA", "303"}, {"Phoenix", "AZ", "850"},
		{"Minneapolis", "MN", "554"}, {"Salt Lake City", "UT", "841"}, {"Nashville", "TN", "372"},
		{"Raleigh", "NC", "276"}, {"Columbus", "OH", "432"}, {"Detroit", "MI", "482"},
	}
	// Loyalty tiers with their cumulative shares and point ranges.
	tiers = []struct {
		name           string
		cum            float64
		minPts, spread int64
	}{
		{"diamond", 0.03, 50000, 100000}, {"platinum", 0.10, 20000, 30000}, {"gold", 0.25, 8000, 12000},
		{"silver", 0.50, 2000, 6000}, {"member", 1.0, 0, 2000},
	}
)

// identity is what both datasets know about a user.
type identity struct {
	first, last, gender, email, ecid string
}

// userIdentity draws user i's name and e-mail from the profile stream (left
// positioned after those draws) and derives the ECID from the e-mail.
func userIdentity(r *userRand, seed int64, i int) identity {
	id, email := drawIdentity(r, seed, i, nil)
	id.email = string(email)
	id.ecid = ECID(id.email)
	return id
}

// drawIdentity draws user i's gender and names from the profile stream, appends the
// e-mail address to email and returns it; the stream is left positioned after those
// draws. The identity's email and ecid are left empty.
func drawIdentity(r *userRand, seed int64, i int, email []byte) (identity, []byte) {
	r.reset(seed, i, streamProfile)
	var id identity
	switch g := r.IntN(100); {
	case g < 48:
		id.gender, id.first = "female", femaleNames[r.IntN(len(femaleNames))]
	case g < 96:
		id.gender, id.first = "male", maleNames[r.IntN(len(maleNames))]
	default:
		id.gender = "not_specified"
		if r.IntN(2) == 0 {
			id.first = femaleNames[r.IntN(len(femaleNames))]
		} else {
			id.first = maleNames[r.IntN(len(maleNames))]
		}
	}
	id.last = lastNames[r.IntN(len(lastNames))]
	email = append(appendLower(email, id.first), '.')
	email = append(appendLower(email, id.last), '.')
	email = append(strconv.AppendInt(email, int64(i), 10), '@')
	return id, append(email, emailDomains[r.IntN(len(emailDomains))]...)
}

// appendLower appends s in lower case (the names are ASCII).
func appendLower(b []byte, s string) []byte {
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= 0x80 {
			return append(b[:len(b)-k], strings.ToLower(s)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// Profiles returns the profiles of users [from, to) in user order, with the columns
// of ProfileFields. It panics if the range is invalid (from < 0 or to < from).
func Profiles(cfg Config, from, to int) *table.Table {
	checkRange(from, to)
	cfg = cfg.withDefaults()
	n := to - from
	cols := make([]*table.Column, len(ProfileFields))
	strs := make([][]string, 12)
	str := func(k int) []string { strs[k] = make([]string, n); return strs[k] }
	ids, firsts, lasts, genders, emails, phones := str(0), str(1), str(2), str(3), str(4), str(5)
	streetsC, citiesC, states, zips, lids, tiersC := str(6), str(7), str(8), str(9), str(10), str(11)
	points := make([]int64, n)
	joins := make([]time.Time, n)

	r := newUserRand()
	var buf []byte
	for k := 0; k < n; k++ {
		i := from + k
		id := userIdentity(r, cfg.Seed, i)
		ids[k], firsts[k], lasts[k], genders[k], emails[k] = id.ecid, id.first, id.last, id.gender, id.email
		// Fictional numbers: +1-NXX-555-01XX.
		b := append(buf[:0], "+1-"...)
		b = strconv.AppendInt(b, int64(201+r.IntN(780)), 10)
		b = append(b, "-555-01"...)
		b = appendPadded(b, int64(r.IntN(100)), 2)
		phones[k] = string(b)
		c := cities[r.IntN(len(cities))]
		b = strconv.AppendInt(buf[:0], int64(1+r.IntN(9899)), 10)
		b = append(append(b, ' '), streets[r.IntN(len(streets))]...)
		streetsC[k] = string(b)
		citiesC[k], states[k] = c.city, c.state
		zips[k] = string(appendPadded(append(buf[:0], c.zip...), int64(r.IntN(100)), 2))
		lids[k] = string(appendPadded(append(buf[:0], 'L'), r.Int64N(1e10), 10))
		u := r.Float64()
		for _, t := range tiers {
			if u < t.cum {
				tiersC[k] = t.name
				points[k] = t.minPts + r.Int64N(t.spread)
				break
			}
		}
		joins[k] = cfg.End.AddDate(0, 0, -r.IntN(5*365)).Truncate(24 * time.Hour)
	}
	for k, s := range strs {
		cols[k] = table.StringColumn("", s)
	}
	cols[12], cols[13] = table.IntColumn("", points), table.TimeColumn("", joins)
	for k, f := range ProfileFields {
		cols[k].Name, cols[k].Type = f.Name, f.Type
	}
	return table.New(cols...)
}

// appendPadded appends x in decimal, zero-padded to width digits.
func appendPadded(b []byte, x int64, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], x, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func checkRange(from, to int) {
	if from < 0 || to < from {
		panic(fmt.Sprintf("synth: invalid user range [%d, %d)", from, to))
	}
}
