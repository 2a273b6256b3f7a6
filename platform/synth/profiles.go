package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/sluice-dev/sluice/display"
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
	id.email = fmt.Sprintf("%s.%s.%d@%s", strings.ToLower(id.first), strings.ToLower(id.last), i,
		emailDomains[r.IntN(len(emailDomains))])
	id.ecid = ECID(id.email)
	return id
}

// Profiles returns the profiles of users [from, to) in user order, with the columns
// of ProfileFields. It panics if the range is invalid (from < 0 or to < from).
func Profiles(cfg Config, from, to int) *display.Table {
	checkRange(from, to)
	cfg = cfg.withDefaults()
	n := to - from
	cols := make([]*display.Column, len(ProfileFields))
	str := func(k int) []string { s := make([]string, n); cols[k].Strings = s; return s }
	for k, f := range ProfileFields {
		cols[k] = &display.Column{Name: f.Name, Kind: f.Kind, Type: f.Type}
	}
	ids, firsts, lasts, genders, emails, phones := str(0), str(1), str(2), str(3), str(4), str(5)
	streetsC, citiesC, states, zips, lids, tiersC := str(6), str(7), str(8), str(9), str(10), str(11)
	points := make([]int64, n)
	cols[12].Ints = points
	joins := make([]time.Time, n)
	cols[13].Times = joins

	r := newUserRand()
	for k := 0; k < n; k++ {
		i := from + k
		id := userIdentity(r, cfg.Seed, i)
		ids[k], firsts[k], lasts[k], genders[k], emails[k] = id.ecid, id.first, id.last, id.gender, id.email
		phones[k] = fmt.Sprintf("+1-%03d-555-%04d", 201+r.IntN(780), 100+r.IntN(100))
		c := cities[r.IntN(len(cities))]
		streetsC[k] = fmt.Sprintf("%d %s", 1+r.IntN(9899), streets[r.IntN(len(streets))])
		citiesC[k], states[k] = c.city, c.state
		zips[k] = fmt.Sprintf("%s%02d", c.zip, r.IntN(100))
		lids[k] = fmt.Sprintf("L%010d", r.Int64N(1e10))
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
	return display.NewTable(cols...)
}

func checkRange(from, to int) {
	if from < 0 || to < from {
		panic(fmt.Sprintf("synth: invalid user range [%d, %d)", from, to))
	}
}
