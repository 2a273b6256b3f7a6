// spec: Struct types, Method values
// std: time.Date, time.Time.Format
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2024, time.February, 28, 23, 30, 0, 0, time.UTC)
	next := t.Add(90 * time.Minute)
	fmt.Println(t.Format(time.RFC3339), next.Format("2006-01-02 15:04"), next.Weekday())
	fmt.Println(next.Sub(t), next.After(t), t.YearDay())
	d := 3*time.Hour + 25*time.Minute + 500*time.Millisecond
	fmt.Println(d, d.Round(time.Minute), d.Minutes())
	leap := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC).AddDate(1, 0, 0)
	fmt.Println(leap.Format("Jan 2, 2006"))
	fmt.Println(t.Month(), int(t.Month()), t.Truncate(time.Hour).Format(time.Kitchen))
}
