// spec: Exported identifiers, Qualified identifiers
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

type Record struct {
	Public  string
	private string
	Count   int `json:"count"`
}

func main() {
	fmt.Println(strings.ToUpper("qualified"), math.Sqrt(16))
	r := Record{Public: "yes", private: "hidden", Count: 2}
	b, err := json.Marshal(r)
	fmt.Println(string(b), err)
	fmt.Printf("%+v\n", r)
	var back Record
	err = json.Unmarshal([]byte(`{"Public":"p","private":"x","count":9}`), &back)
	fmt.Printf("%+v %v\n", back, err)
}
