// std: errors.AsType, errors.Join, errors.Is, fmt.Errorf
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
)

type HTTPError struct {
	Code int
}

func (e *HTTPError) Error() string { return "http " + strconv.Itoa(e.Code) }

type RetryError struct {
	Attempts int
	Err      error
}

func (e RetryError) Error() string { return fmt.Sprintf("after %d attempts: %v", e.Attempts, e.Err) }
func (e RetryError) Unwrap() error { return e.Err }

func fetch(code int) error {
	if code == 200 {
		return nil
	}
	return fmt.Errorf("fetch: %w", RetryError{Attempts: 3, Err: &HTTPError{Code: code}})
}

func main() {
	err := fetch(503)
	fmt.Println(err)
	if he, ok := errors.AsType[*HTTPError](err); ok {
		fmt.Println("status", he.Code)
	}
	re, ok := errors.AsType[RetryError](err)
	fmt.Println(ok, re.Attempts)
	_, ok = errors.AsType[*fs.PathError](err)
	fmt.Println(ok)
	he, ok := errors.AsType[*HTTPError](fetch(200))
	fmt.Println(he == nil, ok)

	_, openErr := os.Open("/definitely/not/here.txt")
	joined := errors.Join(errors.New("first"), openErr, &HTTPError{404})
	pe, ok := errors.AsType[*fs.PathError](joined)
	fmt.Println(ok, pe.Op, errors.Is(joined, fs.ErrNotExist))
	h, ok := errors.AsType[*HTTPError](joined)
	fmt.Println(ok, h.Code)
	_, ok = errors.AsType[*strconv.NumError](joined)
	fmt.Println(ok)
}
