package wire_test

import (
	"fmt"

	"github.com/sluice-dev/sluice/kernel/wire"
)

// A client builds a request, the kernel decodes it and answers with a reply whose
// parent_header is the request's header.
func Example() {
	signer, _ := wire.NewSigner("hmac-sha256", "secret-key")
	req, _ := wire.New(wire.ExecuteRequest, wire.NewID(), nil, wire.ExecuteRequestContent{Code: "1+1"})
	frames, _ := wire.Encode(req, signer) // what wire.Send puts on a socket

	got, err := wire.Decode(frames, signer) // what wire.Recv returns
	if err != nil {
		fmt.Println(err)
		return
	}
	var c wire.ExecuteRequestContent
	got.DecodeContent(&c)
	reply, _ := wire.New(wire.ExecuteReply, "kernel-session", got, wire.ExecuteReplyContent{Status: "ok", ExecutionCount: 1})
	fmt.Println(c.Code, reply.Header.MsgType, reply.ParentID() == req.Header.MsgID)

	// A message signed with another key is refused.
	other, _ := wire.NewSigner("hmac-sha256", "wrong-key")
	forged, _ := wire.Encode(req, other)
	_, err = wire.Decode(forged, signer)
	fmt.Println(err)
	// Output:
	// 1+1 execute_reply true
	// wire: bad or missing signature
}
