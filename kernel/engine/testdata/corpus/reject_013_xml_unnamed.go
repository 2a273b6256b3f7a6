// spec: Struct types
// std: xml.Marshal
// rejected: xml.Marshal of Book, a struct type without an XMLName field is not supported by the Sluice interpreter
package main

import (
	"encoding/xml"
	"fmt"
)

type Book struct {
	Title string `xml:"title"`
	Pages int    `xml:"pages,attr"`
}

func main() {
	b, err := xml.Marshal(Book{"Go", 380})
	fmt.Println(string(b), err)
}
