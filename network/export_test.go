package network

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
