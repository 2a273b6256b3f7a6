// spec: Type parameter declarations, Array types, Slice types, Arithmetic operators
package main

import (
	"fmt"
	"strings"
)

type Scalar interface {
	~int | ~int64 | ~float64 | ~complex128
}

type Matrix[T Scalar] struct {
	rows, cols int
	data       []T
}

func New[T Scalar](rows, cols int, vals ...T) *Matrix[T] {
	m := &Matrix[T]{rows: rows, cols: cols, data: make([]T, rows*cols)}
	copy(m.data, vals)
	return m
}

func Identity[T Scalar](n int) *Matrix[T] {
	m := New[T](n, n)
	for i := 0; i < n; i++ {
		m.Set(i, i, 1)
	}
	return m
}

func (m *Matrix[T]) At(r, c int) T     { return m.data[r*m.cols+c] }
func (m *Matrix[T]) Set(r, c int, v T) { m.data[r*m.cols+c] = v }

func (m *Matrix[T]) Mul(o *Matrix[T]) *Matrix[T] {
	out := New[T](m.rows, o.cols)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < o.cols; j++ {
			var s T
			for k := 0; k < m.cols; k++ {
				s += m.At(i, k) * o.At(k, j)
			}
			out.Set(i, j, s)
		}
	}
	return out
}

func (m *Matrix[T]) Transpose() *Matrix[T] {
	out := New[T](m.cols, m.rows)
	for i := 0; i < m.rows; i++ {
		for j := 0; j < m.cols; j++ {
			out.Set(j, i, m.At(i, j))
		}
	}
	return out
}

func (m *Matrix[T]) String() string {
	var b strings.Builder
	for i := 0; i < m.rows; i++ {
		fmt.Fprintln(&b, m.data[i*m.cols:(i+1)*m.cols])
	}
	return b.String()
}

func Pow[T Scalar](m *Matrix[T], n int) *Matrix[T] {
	result := Identity[T](m.rows)
	for ; n > 0; n-- {
		result = result.Mul(m)
	}
	return result
}

func main() {
	a := New(2, 3, 1, 2, 3, 4, 5, 6)
	fmt.Print(a.Mul(a.Transpose()))
	fib := New[int64](2, 2, 1, 1, 1, 0)
	fmt.Println(Pow(fib, 50).At(0, 1))
	rot := New(2, 2, 0i, -1, 1, 0)
	fmt.Print(Pow(rot, 2))
	fmt.Printf("%T %T\n", a, Identity[float64](1))
	arr := [3]*Matrix[float64]{Identity[float64](1), New(1, 1, 2.5), nil}
	fmt.Println(arr[0].Mul(arr[1]).At(0, 0), arr[2] == nil)
}
