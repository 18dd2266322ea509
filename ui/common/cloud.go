package common

import (
	"context"

	"mastui/services/mast"
)

// CloudArchive is an Archive that knows MAST's public cloud bucket (protocol 12); the
// MAST client is one. Views use it when the session's archive has it, lazily and off
// the Update loop.
type CloudArchive interface {
	// CloudCopies finds each URI's copy in the bucket, in order (Key "" = none).
	CloudCopies(ctx context.Context, uris []string, verify bool) ([]mast.CloudCopy, error)
	// ObjectURL is the HTTPS URL of a key in the bucket.
	ObjectURL(key string) string
}
