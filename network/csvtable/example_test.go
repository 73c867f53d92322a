package csvtable_test

import (
	"fmt"
	"log"
	"os"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/csvtable"
)

// Write the embedded network as CSV tables, and read them back.
func Example() {
	dir, err := os.MkdirTemp("", "tables")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	n := network.National()
	if err := csvtable.Write(dir, n); err != nil {
		log.Fatal(err)
	}
	back, err := csvtable.Read(dir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(back.Stats() == n.Stats())
	// Output: true
}

// A table edited by hand is reported at its line and column.
func ExampleReadFS() {
	dir, _ := os.MkdirTemp("", "tables")
	defer os.RemoveAll(dir)
	os.WriteFile(dir+"/establishments.csv", []byte("id,finess,finess_ej,name,city,region,lat,lon,source,mark\nhex,,,Hôpital,Paris,11,,,,\n"), 0o644)
	os.WriteFile(dir+"/teams.csv", []byte("id,establishment,unit,source,mark\nhex-gen,hex,,,\n"), 0o644)
	os.WriteFile(dir+"/centres.csv", []byte("id,name,tier,role,kind,group,scope,coordinating_site,attached_to,team,establishment,region,diseases,source,mark\n"+
		"crmr-a,Centre A,reference,coordinator,,12,,,,hex-gen,,,,,\n"), 0o644)
	_, err := csvtable.ReadFS(os.DirFS(dir))
	fmt.Println(err)
	// Output: centres.csv:2: row 1 (id "crmr-a"): column role: "coordinator" is not a role (coordinating, constitutive)
}
