package orphadata_test

import (
	"fmt"
	"log"
	"os"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/orphadata"
)

// Read a prevalence product and set the classes of a network's diseases.
func Example() {
	f, err := os.Open("testdata/en_product9_prev.xml") // en_product9_prev.xml from Orphadata
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	product, err := orphadata.Read(f)
	if err != nil {
		log.Fatal(err)
	}
	n, report, err := orphadata.Apply(network.National(), product)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n.Stats() == network.National().Stats(), len(report.Set))
	// Output: true 0
}
