package kernel_test

import (
	"fmt"

	"go.starlark.net/starlark"

	"pushbook/kernel"
)

func ExampleSession_Execute() {
	s := kernel.NewSession(kernel.Options{})
	show := func(o kernel.Output) {
		switch o.OutputType {
		case "stream":
			fmt.Print(o.Text)
		case "execute_result":
			fmt.Printf("Out[%d]: %s\n", o.ExecutionCount, o.Data["text/plain"])
		case "error":
			fmt.Printf("%s: %s\n", o.EName, o.EValue)
		}
	}
	s.Execute("def square(x):\n    return x * x\nprint('defined')", show)
	s.Execute("[square(i) for i in range(4)]", show)
	res := s.Execute("square(1) / 0", show)
	fmt.Println(res.ExecutionCount, res.Status)
	// Output:
	// defined
	// Out[2]: [0, 1, 4, 9]
	// ZeroDivisionError: floating-point division by zero
	// 3 error
}

// A builtin raises a Python exception by returning one: the error output's
// ename is its class.
func ExampleSession_Execute_exceptionClass() {
	s := kernel.NewSession(kernel.Options{})
	s.Predeclare("next_item", starlark.NewBuiltin("next_item", func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
		return nil, starlark.Errorf(starlark.StopIteration, "generator is exhausted")
	}))
	s.Execute("next_item()", func(o kernel.Output) {
		fmt.Printf("ename=%s evalue=%s\n", o.EName, o.EValue)
	})
	// Output:
	// ename=StopIteration evalue=generator is exhausted
}
