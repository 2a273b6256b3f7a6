// Package textdist measures how far apart two strings are, for the "did you mean"
// suggestions of the magics and of platform/qs. It imports only the standard library, so
// any package may use it.
package textdist

// Levenshtein is the edit distance between a and b: the least number of runes to insert,
// delete or replace to turn one into the other.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
