// spec: Iota
package main

import "fmt"

type ByteSize float64

const (
	_           = iota
	KB ByteSize = 1 << (10 * iota)
	MB
	GB
)

type Perm uint8

const (
	Read Perm = 1 << iota
	Write
	Exec
)

func (p Perm) String() string {
	s := ""
	for i, c := range "rwx" {
		if p&(1<<i) != 0 {
			s += string(c)
		} else {
			s += "-"
		}
	}
	return s
}

const (
	bit0, mask0 = 1 << iota, 1<<iota - 1
	bit1, mask1
	_, _
	bit3, mask3
)

func main() {
	fmt.Println(KB, MB, GB)
	fmt.Println(Read, Write|Exec, Read|Write|Exec)
	fmt.Println(bit0, mask0, bit1, mask1, bit3, mask3)
	const (
		u         = iota * 100
		v float64 = iota + 0.5
		w         = iota
	)
	fmt.Println(u, v, w)
}
