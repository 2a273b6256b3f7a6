package kernel

import "github.com/sluice-dev/sluice/kernel/wire"

// IOPubWelcome is the message type a kernel publishes on IOPub to each new subscriber
// (Jupyter enhancement proposal 65), so a client knows its subscription is in place.
const IOPubWelcome = "iopub_welcome"

// welcomer returns the iopub socket's OnSubscribe hook: each subscription is answered with
// an iopub_welcome whose content names the topic, sent with that topic as its first frame
// so that it reaches the subscriber. The hook runs in zmq4's reader goroutine and must not
// block, so welcomes are handed to one sender goroutine; beyond a small backlog (a peer
// flooding subscriptions) they are dropped.
func (k *kernel) welcomer() func(topic []byte, subscribe bool) {
	pending := make(chan string, 64)
	go func() {
		for {
			select {
			case <-k.ctx.Done():
				return
			case topic := <-pending:
				k.welcome(topic)
			}
		}
	}()
	return func(topic []byte, subscribe bool) {
		k.log.Debug("iopub subscription", "topic", string(topic), "subscribe", subscribe)
		if !subscribe {
			return
		}
		select {
		case pending <- string(topic):
		default:
			k.log.Warn("iopub_welcome dropped: too many subscriptions at once", "topic", string(topic))
		}
	}
}

// welcome publishes one iopub_welcome for topic.
func (k *kernel) welcome(topic string) {
	m, err := wire.New(IOPubWelcome, k.session, nil, map[string]string{"subscription": topic})
	if err != nil {
		k.log.Error("encode iopub_welcome", "err", err)
		return
	}
	if topic != "" {
		m.Identities = [][]byte{[]byte(topic)}
	}
	k.iopubMu.Lock()
	defer k.iopubMu.Unlock()
	if err := wire.Send(k.iopub, m, k.signer); err != nil && k.ctx.Err() == nil {
		k.log.Warn("iopub send", "type", IOPubWelcome, "err", err)
	}
}
