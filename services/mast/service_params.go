package mast

import (
	"encoding/json"
	"fmt"
)

// FilteredServiceParams writes the params of a "*.Filtered.*" service request from
// "name=value" filters (ParseMastFilter: lists a,b, ranges lo..hi), as
// MastQueryParams builds them (columns "*"): the CLI's --filter shorthand for
// hand-written {"paramName", "values"} JSON.
func FilteredServiceParams(service string, filters []string) (json.RawMessage, error) {
	fs := make([]MastFilter, 0, len(filters))
	for _, s := range filters {
		f, err := ParseMastFilter(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", service, err)
		}
		fs = append(fs, f)
	}
	params, err := MastQueryParams(service, nil, nil, fs)
	if err != nil {
		return nil, err
	}
	s, err := pyJSON(params)
	if err != nil {
		return nil, fmt.Errorf("%s: params: %w", service, err)
	}
	return json.RawMessage(s), nil
}
