package picture

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"pushbook/pipeline"
)

func TestPipelineTextPrintsAnIndentedTree(t *testing.T) {
	tests := []struct {
		name string
		g    pipeline.Graph
		want string
	}{
		{"seed 206", seed206(), `co_process [open] 10 in
└─ output (10) -> co_filter [open] 10 in
   ├─ output (7) -> co_split [open] 7 in
   │  ├─ output (7) -> co_sink("first") [open] 7 in
   │  └─ otheroutput (4) -> co_sink("display") [open] 4 in
   └─ otheroutput (3) -> co_sink("second") [open] 3 in
`},
		{"seed 207", seed207(), `co_process [stopped] 6 in
└─ output (6) -> co_stopif(<function lambda>) [stopped] 6 in
   └─ target (5) -> co_filter [closed] 5 in
      ├─ output (4) -> co_split [closed] 4 in
      │  ├─ output (4) -> co_sink("first") [closed] 4 in
      │  └─ otheroutput (2) -> co_sink("display") [closed] 2 in
      └─ otheroutput (1) -> co_sink("second") [closed] 1 in
`},
		{"fan-in prints the shared stage once", fanIn(), `relay_a (map) [open] 5 in
└─ out (5) -> shared (sink) [open] 8 in
relay_b (map) [open] 3 in
└─ out (3) -> shared (see above)
`},
		{"long edge", longEdge(), `all (broadcast) [open] 9 in
├─ out0 (9) -> double (map) [open] 9 in
│  └─ out (9) -> evens (filter) [open] 9 in
│     └─ out (5) -> total (collect) [open] 14 in
└─ out1 (9) -> total (see above)
`},
		{"a cycle with no head starts at the first stage", cycle(), `ping [open] 3 in
└─ other (3) -> pong [open] 3 in
   └─ other (2) -> ping (see above)
`},
		{"unlabelled edge, missing stage left out", pipeline.Graph{
			Nodes: []pipeline.GraphNode{{ID: 0, Name: "a", Kind: "map"}, {ID: 1, Name: "b"}},
			Edges: []pipeline.GraphEdge{{From: 0, To: 1, Count: 2}, {From: 0, To: 7}},
		}, `a (map) [open] 0 in
└─ (2) -> b [open] 0 in
`},
		{"no stages", pipeline.Graph{}, "empty pipeline\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PipelineText(tt.g))
		})
	}
}
