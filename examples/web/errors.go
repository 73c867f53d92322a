package main

import "errors"

var errBadCall = errors.New(`rarenet takes a method and its JSON argument (two strings), and for "open" a Uint8Array`)
