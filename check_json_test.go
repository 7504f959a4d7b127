package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckComparesJSONOutputsByContentNotLayout(t *testing.T) {
	cases := []struct {
		mime, a, b string
		same       bool
	}{
		{"application/vnd.pushbook.trace+json", `{"steps":5,"nodes":[1,2]}`, "{\n \"steps\": 5,\n \"nodes\": [\n  1,\n  2\n ]\n}", true},
		{"application/json", `{"a":1}`, `{"a":2}`, false},
		{"application/json", `{"t":"a -> b"}`, `{"t": "a -\u003e b"}`, true},
		{"text/plain", `{"a":1}`, `{ "a": 1 }`, false},
	}
	for _, tc := range cases {
		t.Run(tc.mime, func(t *testing.T) {
			assert.Equal(t, tc.same, comparable(tc.mime, tc.a) == comparable(tc.mime, tc.b), "%q vs %q", tc.a, tc.b)
		})
	}
}
