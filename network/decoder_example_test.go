package network_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/rarenet/rarenet/network"
)

// A Decoder with RecordPositions tells where each record of the document
// was: a report can point a reader at the label or convention it is about.
// Records are asked for by their canonical pointer, their place in
// Encode's output (centres in ID order), and Position.Pointer is their
// place in the document as read.
func ExampleDecoder() {
	d := network.NewDecoder(strings.NewReader(exampleDocument))
	d.RecordPositions = true
	d.MaxValueBytes = 64 << 10 // no string or number of this service's documents is longer
	n, err := d.Decode()
	if err != nil {
		log.Fatal(err)
	}
	i, _ := n.CentreIndex("crmr-exemple")
	for _, ptr := range []string{fmt.Sprintf("/centres/%d/labels/0", i), "/conventions/0"} {
		pos, _ := d.Positions().Of(ptr)
		fmt.Printf("%s: %s, line %d, column %d\n", ptr, pos.Pointer, pos.Line, pos.Column)
	}
	// Output:
	// /centres/1/labels/0: /centres/0/labels/0, line 14, column 17
	// /conventions/0: /conventions/0, line 23, column 5
}

// A document already in memory (a request's body, a file read whole) is
// decoded in place with DecodeBytes; a large one uses a second processor
// when there is one. The network is the one Decode would build.
func ExampleDecodeBytes() {
	n, err := network.DecodeBytes([]byte(exampleDocument))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.NumCentres(), "centres")
	// Output:
	// 2 centres
}
