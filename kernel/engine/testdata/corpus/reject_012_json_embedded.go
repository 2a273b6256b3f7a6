// spec: Struct types
// std: json.Marshal
// rejected: json.Marshal of Employee, a struct type with an embedded field among other fields is not supported by the Sluice interpreter
package main

import (
	"encoding/json"
	"fmt"
)

type Person struct {
	Name string
	Age  int
}

type Employee struct {
	Person
	Title string
}

func main() {
	b, err := json.Marshal(Employee{Person{"Ada", 36}, "engineer"})
	fmt.Println(string(b), err)
}
