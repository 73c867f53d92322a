//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"
)

var errBadCall = errors.New(`rarenet takes a method and its JSON argument (two strings), and for "open" a Uint8Array`)

// main, compiled for the browser, publishes one function,
// rarenet(method, argumentJSON[, bytes]) -> answerJSON, and waits: the
// page calls it for every action, passing a document's bytes as a
// Uint8Array. Everything runs in the page; nothing is sent anywhere.
func main() {
	var p page
	js.Global().Set("rarenet", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) < 2 || len(args) > 3 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return errorAnswer(errBadCall)
		}
		var data []byte
		if len(args) == 3 {
			if !args[2].InstanceOf(js.Global().Get("Uint8Array")) {
				return errorAnswer(errBadCall)
			}
			data = make([]byte, args[2].Length())
			js.CopyBytesToGo(data, args[2])
		}
		return p.call(args[0].String(), args[1].String(), data)
	}))
	js.Global().Call("rarenetReady")
	select {}
}
