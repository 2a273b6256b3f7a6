//go:build ignore

// gen_logos draws Sluice's kernel logos (a sluice gate holding back water, in Go's
// blue) and writes logo-32x32.png and logo-64x64.png. Run with `go generate ./install`.
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"strconv"
)

func main() {
	for _, n := range []int{32, 64} {
		img := draw(n)
		f, err := os.Create("logo-" + strconv.Itoa(n) + "x" + strconv.Itoa(n) + ".png")
		if err != nil {
			log.Fatal(err)
		}
		if err := png.Encode(f, img); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}

func draw(n int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	s := float64(n)
	blue := color.NRGBA{0x00, 0xAD, 0xD8, 0xff}
	deep := color.NRGBA{0x00, 0x7D, 0x9C, 0xff}
	gate := color.NRGBA{0x2B, 0x33, 0x3B, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	r := s * 0.18 // corner radius
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			fx, fy := float64(x)+0.5, float64(y)+0.5
			if !inRoundedSquare(fx, fy, s, r) {
				continue
			}
			c := blue
			if fy > s*0.5 {
				c = deep
			}
			// Water: two white waves on the left of the gate, lower on the right.
			wave := func(y0, amp float64) bool {
				return math.Abs(fy-(y0+amp*math.Sin(fx/s*2*math.Pi*2))) < s*0.035
			}
			if fx < s*0.55 && (wave(s*0.32, s*0.04) || wave(s*0.5, s*0.04)) {
				c = white
			}
			if fx > s*0.65 && wave(s*0.72, s*0.03) {
				c = white
			}
			// The gate: a dark vertical slab with a bar across the top.
			if (fx > s*0.55 && fx < s*0.65 && fy > s*0.15 && fy < s*0.78) ||
				(fx > s*0.45 && fx < s*0.75 && fy > s*0.13 && fy < s*0.2) {
				c = gate
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

func inRoundedSquare(x, y, s, r float64) bool {
	cx := math.Max(r, math.Min(s-r, x))
	cy := math.Max(r, math.Min(s-r, y))
	return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
}
