//go:build unix

package network_test

import (
	"regexp"
	"runtime/debug"
	"syscall"
	"testing"

	"github.com/rarenet/rarenet/network"
	"github.com/rarenet/rarenet/network/networktest"
)

// TestSplitFaultsAsItsCaller decodes a document whose second half cannot
// be read (a mapped file that shrank), split there, in a goroutine set to
// panic on faults: the decoder's own goroutine meets the fault, as a
// panic its caller recovers, and the split's goroutine does not end the
// program.
func TestSplitFaultsAsItsCaller(t *testing.T) {
	page := syscall.Getpagesize()
	doc := encode(t, networktest.Scale(200, 1, 0))
	size := (len(doc)/page + 2) * page
	mem, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip(err)
	}
	defer syscall.Munmap(mem)
	copy(mem, doc)
	// The page holding the document's middle and all after it fault.
	cut := (len(doc) / 2 / page) * page
	if cut == 0 {
		t.Fatalf("document of %d bytes: too short to cut", len(doc))
	}
	if err := syscall.Mprotect(mem[cut:], syscall.PROT_NONE); err != nil {
		t.Skip(err)
	}
	m := regexp.MustCompile(`\}\s*,\s*(\{)\s*"id"`).FindSubmatchIndex(doc[cut:])
	if m == nil {
		t.Fatalf("no centre after offset %d", cut)
	}
	at := cut + m[2]
	faulted := func() (faulted bool) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(interface{ Addr() uintptr }); !ok {
					panic(r)
				}
				faulted = true
			}
		}()
		dec := network.SplitAt(network.NewBytesDecoder(mem[:len(doc)]), func([]byte, int) int { return at })
		dec.Decode()
		return false
	}()
	if !faulted {
		t.Errorf("Decode() of a document that cannot be read whole did not fault")
	}
}
