package network

import "reflect"

// DecodeGeneral is dec.Decode with the decoder's fast paths turned off:
// the general path that they must agree with.
func DecodeGeneral(dec *Decoder) (*Network, error) {
	dec.slow = true
	return dec.Decode()
}

// SplitAt makes dec split its document's list of centres at the offset
// at returns (see decoder.splitAt), whatever the document's length and
// GOMAXPROCS.
func SplitAt(dec *Decoder, at func(doc []byte, from int) int) *Decoder {
	dec.splitAt = at
	return dec
}

// GuessSplit is guessSplit.
var GuessSplit = guessSplit

// Joined reports whether dec's last Decode took the work of a split's
// helper.
func Joined(dec *Decoder) bool { return dec.joined }

// SamePositions reports whether a and b hold the same records for the
// same entities, however their records are laid out in chunks.
func SamePositions(a, b *Positions) bool {
	if a == nil || b == nil {
		return a == b
	}
	return reflect.DeepEqual(a.flat(), b.flat())
}

// flatPositions is Positions with its chunks laid end to end.
type flatPositions struct {
	recs  []posRecord
	spans [len(listNames)][][2]int
	order [len(listNames)][]int32
}

func (p *Positions) flat() flatPositions {
	f := flatPositions{order: p.order}
	var at []int
	for _, c := range p.chunks {
		at = append(at, len(f.recs))
		f.recs = append(f.recs, c...)
	}
	for l, spans := range p.spans {
		for _, s := range spans {
			f.spans[l] = append(f.spans[l], [2]int{at[s.chunk] + int(s.start), at[s.chunk] + int(s.end)})
		}
	}
	return f
}

// JoinedAll reports whether dec's last Decode took the work of a split's
// helper on the document's members after the list of centres too.
func JoinedAll(dec *Decoder) bool { return dec.joinedAll }
