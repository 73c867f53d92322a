package orphadata_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/rarenet/rarenet/network/orphadata"
)

// BenchmarkRead reads a product of 7,000 disorders, about the size of
// Orphadata's, each with two records.
func BenchmarkRead(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("<JDBOR date=\"x\"><DisorderList>")
	for i := 1; i <= 7000; i++ {
		fmt.Fprintf(&buf, `<Disorder id="%d"><OrphaCode>%d</OrphaCode><Name lang="en">D %d</Name><PrevalenceList count="2">`, i, i, i)
		for _, geo := range []string{"Europe", "France"} {
			fmt.Fprintf(&buf, `<Prevalence id="%d"><Source>ORPHANET</Source><PrevalenceType><Name lang="en">Point prevalence</Name></PrevalenceType><PrevalenceClass><Name lang="en">1-9 / 100 000</Name></PrevalenceClass><ValMoy>1.0</ValMoy><PrevalenceGeographic><Name lang="en">%s</Name></PrevalenceGeographic><PrevalenceValidationStatus><Name lang="en">Validated</Name></PrevalenceValidationStatus></Prevalence>`, i, geo)
		}
		buf.WriteString("</PrevalenceList></Disorder>")
	}
	buf.WriteString("</DisorderList></JDBOR>")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := orphadata.Read(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
