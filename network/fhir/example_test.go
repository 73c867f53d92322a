package fhir_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/fhir"
)

// Export the embedded network as a FHIR R4 bundle and check it.
func Example() {
	var buf bytes.Buffer
	err := fhir.Encode(&buf, network.National(), fhir.Options{At: labelling.MustParseDate("2024-06-01")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(fhir.Check(buf.Bytes()))
	// Output: <nil>
}
