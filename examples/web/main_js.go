//go:build js && wasm

package main

import "syscall/js"

// main, compiled for the browser, publishes one function,
// rarenet(method, argumentJSON) -> answerJSON, and waits: the page calls
// it for every action. Everything runs in the page; nothing is sent
// anywhere.
func main() {
	var p page
	js.Global().Set("rarenet", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) != 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
			return errorAnswer(errBadCall)
		}
		return p.call(args[0].String(), args[1].String())
	}))
	js.Global().Call("rarenetReady")
	select {}
}
