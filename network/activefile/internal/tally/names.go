package tally

import (
	"encoding/binary"
	"math/bits"
)

// Names numbers names from 0 in the order they are added, and finds a
// name's number from its bytes: an open-addressing index on a cheap hash
// of the name's ends and length, which spares hashing every record's
// centre ID whole. The zero Names is empty.
type Names struct {
	index []uint32 // numbers plus one, 0 for none; a power of two long
	names []string
}

// Find returns the number of name b.
func (n *Names) Find(b []byte) (int, bool) {
	if len(n.index) == 0 {
		return 0, false
	}
	m := uint64(len(n.index) - 1)
	for i := cheapHash(b) & m; ; i = (i + 1) & m {
		e := n.index[i]
		if e == 0 {
			return 0, false
		}
		if n.names[e-1] == string(b) {
			return int(e - 1), true
		}
	}
}

// Add adds a name not yet added, and returns its number.
func (n *Names) Add(name string) int {
	n.names = append(n.names, name)
	if 4*len(n.names) > len(n.index) {
		n.index = make([]uint32, max(64, 2*len(n.index)))
		for j, s := range n.names {
			n.insert(cheapHash([]byte(s)), j)
		}
	} else {
		n.insert(cheapHash([]byte(name)), len(n.names)-1)
	}
	return len(n.names) - 1
}

func (n *Names) insert(h uint64, j int) {
	m := uint64(len(n.index) - 1)
	i := h & m
	for n.index[i] != 0 {
		i = (i + 1) & m
	}
	n.index[i] = uint32(j) + 1
}

// cheapHash mixes the first and last eight bytes of b and its length.
func cheapHash(b []byte) uint64 {
	var x uint64
	if n := len(b); n >= 8 {
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[n-8:]), 29)
	} else {
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	x ^= uint64(len(b))
	x *= 0x9e3779b97f4a7c15
	return x >> 32
}
