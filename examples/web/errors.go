package main

import "errors"

var errBadCall = errors.New("rarenet takes two strings: a method and its JSON argument")
