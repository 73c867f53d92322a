package geojson_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"

	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/geojson"
)

// Map the embedded network: establishments as points, regions as polygons
// with their coverage.
func Example() {
	var buf bytes.Buffer
	err := geojson.Encode(&buf, network.National(), geojson.Options{At: labelling.MustParseDate("2024-06-01")})
	if err != nil {
		log.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID       string
			Geometry struct{ Type string }
		}
	}
	json.Unmarshal(buf.Bytes(), &fc)
	last := fc.Features[len(fc.Features)-1]
	fmt.Println(last.ID, last.Geometry.Type)
	// Output: region/94 Polygon
}
