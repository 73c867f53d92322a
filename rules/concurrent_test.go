package rules_test

import (
	"bytes"
	"io"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rarenet/rarenet/labelling"
	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
	"github.com/rarenet/rarenet/rules"
)

// TestConcurrentCheck runs Check from many goroutines on one shared
// Network, some decoding the same document at the same time; under -race
// it proves that a Network, once built, is only read, and that every
// goroutine gets the same report, also when they fill the network's cache
// of date-independent findings at the same time (the network is audited
// for the first time by the goroutines).
func TestConcurrentCheck(t *testing.T) {
	n := networktest.Scale(200, 7, networktest.RealisticDefects)
	var doc bytes.Buffer
	if err := network.Encode(&doc, n); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	at := labelling.MustParseDate("2021-03-01")
	cfg := rules.DefaultConfig()
	cfg.Coverage = true
	fresh, err := network.Decode(bytes.NewReader(doc.Bytes()))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	want, err := rules.Check(fresh, at, cfg) // n's cache stays cold
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	if want.Len() == 0 {
		t.Fatal("no findings: the test would prove little")
	}
	const workers = 8
	reports := make([]rules.Report, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			if i%2 == 1 {
				m, err := network.Decode(bytes.NewReader(doc.Bytes()))
				if err != nil {
					t.Errorf("Decode: %v", err)
					return
				}
				reports[i], err = rules.Check(m, at, cfg)
				if err != nil {
					t.Errorf("Check: %v", err)
				}
				return
			}
			r, err := rules.Check(n, at, cfg) // err is this goroutine's own
			if err != nil {
				t.Errorf("Check: %v", err)
			}
			reports[i] = r
		})
	}
	wg.Wait()
	for i, r := range reports {
		if diff := cmp.Diff(want.Findings(), r.Findings()); diff != "" {
			t.Errorf("goroutine %d: Check() mismatch (-want +got):\n%s", i, diff)
		}
	}
}

// TestConcurrentReads reads one report, whose findings are built as they
// are read, from many goroutines at once, in every way a report is read
// (located and not, filtered, as JSON); under -race it proves that a
// Report is only read, and every reader gets the same findings.
func TestConcurrentReads(t *testing.T) {
	n := networktest.Scale(500, 3, networktest.RealisticDefects)
	var doc bytes.Buffer
	if err := network.Encode(&doc, n); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	dec := network.NewDecoder(bytes.NewReader(doc.Bytes()))
	dec.RecordPositions = true
	m, err := dec.Decode()
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	cfg := rules.DefaultConfig()
	cfg.Coverage = true
	r, err := rules.Check(m, labelling.MustParseDate("2021-03-01"), cfg)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	located := r.Locate(dec.Positions())
	want, wantLocated := r.Findings(), located.Findings()
	if len(want) < 3*256 {
		t.Fatalf("%d findings, fewer than three batches of a report's reads: the test would prove little", len(want))
	}
	const workers = 8
	got := make([][]rules.Finding, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			rep := r
			if i%2 == 1 {
				rep = located
			}
			switch i % 4 {
			case 0, 1:
				for f := range rep.All() {
					got[i] = append(got[i], f)
				}
			case 2:
				got[i] = rep.Filter(nil, 0).Findings()
			case 3:
				if err := rep.WriteJSON(io.Discard, "x"); err != nil {
					t.Error(err)
				}
				got[i] = append(got[i], rep.Finding(rep.Len()-1))
				got[i] = append(rep.Findings()[:rep.Len()-1:rep.Len()-1], got[i]...)
			}
		})
	}
	wg.Wait()
	for i := range got {
		w := want
		if i%2 == 1 {
			w = wantLocated
		}
		if diff := cmp.Diff(w, got[i]); diff != "" {
			t.Errorf("reader %d: findings mismatch (-want +got):\n%s", i, diff)
		}
	}
}
