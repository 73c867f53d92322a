package network

// DecodeGeneral is dec.Decode with the decoder's fast paths turned off:
// the general path that they must agree with.
func DecodeGeneral(dec *Decoder) (*Network, error) {
	dec.slow = true
	return dec.Decode()
}
