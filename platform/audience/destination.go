package audience

import (
	"context"
	"fmt"

	"github.com/sluice-dev/sluice/table"
)

// Delivery is what an activation hands a destination: the audience's members with the
// destination's attributes, ordered by identity.
type Delivery struct {
	Audience     string
	ActivationID int64
	// Identity is the members' identity column.
	Identity string
	Members  *table.Table
}

// Outcome is what a destination reports back. Counts are in members unless named
// otherwise.
type Outcome struct {
	// Batches is how many batches (requests or files) the members were sent in.
	Batches int
	// Delivered members were accepted by the destination.
	Delivered int64
	// Retries counts the extra attempts made after failures that were retried.
	Retries int64
	// RetriedBatches counts the batches that needed at least one retry.
	RetriedBatches int
	// DeadLettered members are in batches that finally failed; DeadLetters describes them.
	DeadLettered int64
	DeadLetters  []DeadLetter
	// Location is where the members went (a file URL, an endpoint).
	Location string
	// Bytes is the size of what was written or sent.
	Bytes int64
}

// DeadLetter records one batch a destination could not deliver: the request it kept
// failing, so it can be inspected and replayed.
type DeadLetter struct {
	Batch          int
	IdempotencyKey string
	Members        int64
	Attempts       int
	Reason         string
	// Payload is the exact body that was sent.
	Payload string
}

// Destination receives activated audiences. StorageDestination and HTTPDestination
// implement it.
type Destination interface {
	// Describe names the destination for run records, without secrets.
	Describe() string
	// Attributes are the profile columns to send besides the identity (nil: all).
	Attributes() []string
	// Deliver sends the members. It returns an error only when the activation could
	// not run at all; undeliverable batches are dead-lettered in the Outcome.
	Deliver(ctx context.Context, d *Delivery) (*Outcome, error)
}

// checkAttributes verifies that the members table holds each attribute.
func checkAttributes(t *table.Table, attrs []string) error {
	for _, a := range attrs {
		if _, err := t.Column(a); err != nil {
			return fmt.Errorf("attribute %q: %w", a, err)
		}
	}
	return nil
}
