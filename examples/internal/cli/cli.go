// Package cli holds what the example programs share: reading the network
// named by their -network flag.
package cli

import (
	"fmt"
	"io"
	"os"

	"github.com/rarenet/rarenet/network"
)

// LoadNetwork reads the network named by a -network flag: the embedded
// national reference network when file is empty, standard input when it is
// "-", else the file. It also returns the name to show in reports
// ("embedded", "standard input" or the file name). Decoding errors are
// prefixed with that name, so that they name the file, entity and field.
func LoadNetwork(file string, stdin io.Reader) (*network.Network, string, error) {
	switch file {
	case "":
		return network.National(), "embedded", nil
	case "-":
		n, err := network.Decode(stdin)
		if err != nil {
			return nil, "", fmt.Errorf("standard input: %w", err)
		}
		return n, "standard input", nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	n, err := network.Decode(f)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", file, err)
	}
	return n, file, nil
}
