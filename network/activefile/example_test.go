package activefile_test

import (
	"fmt"
	"strings"

	"github.com/rarenet/rarenet/network/activefile"
)

func ExampleCounter_ReadCSV() {
	const records = `centre,patient,date,kind
ccmr-lyon,p-000123,2019-03-14,consultation
ccmr-lyon,p-000123,2019-11-02,consultation
ccmr-lyon,p-000456,2019-12-20,hdj
ccmr-lyon,p-000123,2020-01-09,teleconsultation
ccmr-lyon,p-000789,2020-05-30,consultation
ccmr-nice,p-000123,2020-02-03,consultation
ccmr-nice,p-000999,2019-02-30,consultation
`
	var c activefile.Counter
	st, err := c.ReadCSV(strings.NewReader(records), activefile.ReadOptions{
		Known:   activefile.InSet("ccmr-lyon", "ccmr-nice"),
		SkipBad: true,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d records, %d skipped: %v\n", st.Records, st.Skipped, st.Problems)
	for centre, a := range c.Result().All() {
		fmt.Printf("%s %d: %d consultations, active file %d, %d new\n", centre, a.Year, a.Consultations, a.Patients, a.NewPatients)
	}
	// Output:
	// 6 records, 1 skipped: [activefile: line 8: date: not a date in the form YYYY-MM-DD between 1900 and 2999]
	// ccmr-lyon 2019: 3 consultations, active file 2, 2 new
	// ccmr-lyon 2020: 2 consultations, active file 2, 1 new
	// ccmr-nice 2020: 1 consultations, active file 1, 1 new
}

func ExampleCounter_AddKeys() {
	var c activefile.Counter
	lyon, _ := c.CentreRef("ccmr-lyon")
	// Hash each pseudonym once; then a record is a probe and an increment.
	alice, _ := activefile.PatientKeyOf("p-000123")
	bob, _ := activefile.PatientKeyOf("p-000456")
	keys := []activefile.Key{
		{Centre: lyon, Patient: alice, Year: 2019},
		{Centre: lyon, Patient: alice, Year: 2020},
		{Centre: lyon, Patient: bob, Year: 2020},
	}
	if err := c.AddKeys(keys); err != nil {
		fmt.Println(err)
		return
	}
	for centre, a := range c.Result().All() {
		fmt.Println(centre, a.Year, a.Consultations, a.Patients, a.NewPatients)
	}
	// Output:
	// ccmr-lyon 2019 1 1 1
	// ccmr-lyon 2020 2 2 1
}
