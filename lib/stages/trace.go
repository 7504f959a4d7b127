package stages

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/pipeline"
)

// trace(head, value) sends one value into head with a pipeline.Tracer
// armed on every stage below it, and returns the journey as a picture: the
// edges the value (and what stages made of it) took, numbered in the order
// taken (depth-first: a stage's first output runs its whole branch before
// the second output gets anything), the value each stage sent on, and
// where each branch ended. The send is real: counts, prints and state
// change as with head.send(value). A stop is shown, not raised; so is an
// error in a stage, unless the cell itself was stopped.
func traceBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var head *kernel.Stage
	var v starlark.Value
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "head", &head, "value", &v); err != nil {
		return nil, err
	}
	j, _ := pipeline.Trace(head.Pipeline(), v)
	if err := kernel.Stopped(thread); err != nil {
		return nil, err
	}
	node := head.Pipeline().Node()
	return &kernel.TracePicture{Trace: kernel.DescribeTrace([]pipeline.Journey{j}, node)}, nil
}
