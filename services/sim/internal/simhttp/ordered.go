package simhttp

import (
	"bytes"
	"encoding/json"
)

// Ordered is a JSON object that keeps its key order (MAST's answers have a meaningful
// order: astroquery lists metadata rows in it).
type Ordered []KV

// KV is one key and value of an Ordered object. An alias of an unnamed struct, so the
// answers can list pairs as {"key", value} from any package.
type KV = struct {
	K string
	V any
}

func (o Ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteString(", ")
		}
		k, err := json.Marshal(e.K)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(e.V)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteString(": ")
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
