package pipeline_test

import (
	"errors"
	"fmt"
	"iter"
	"strconv"

	"pushbook/pipeline"
)

// The seed notebook's stages, written as receive-loop coroutines. Their
// start-up and clean-up prints are user code, as in the seed.

func coProcess(out *pipeline.Stage[int]) *pipeline.Stage[int] {
	return pipeline.Coroutine("process", func(co *pipeline.Co[int]) error {
		fmt.Println("Init process")
		for v := range co.All() {
			if err := co.Send(0, v+100); err != nil {
				return err // a stop below ends this stage too
			}
		}
		fmt.Println("PROCESS exited")
		return nil
	}, out)
}

func coSink(name string) *pipeline.Stage[int] {
	return pipeline.Coroutine(name, func(co *pipeline.Co[int]) error {
		fmt.Println("Init sink", name)
		for v := range co.All() {
			fmt.Printf("%10s RECEIVED: %v\n", name, v)
		}
		fmt.Println("CLOSING SINK", name)
		return nil
	})
}

func coStopIf(cond func(int) bool, target *pipeline.Stage[int]) *pipeline.Stage[int] {
	return pipeline.Coroutine("stopif", func(co *pipeline.Co[int]) error {
		for v := range co.All() {
			if cond(v) {
				break
			}
			if err := co.Send(0, v); err != nil {
				return err
			}
		}
		fmt.Println("STOP condition met, stopping")
		return nil // returning stops the stage and closes target
	}, target)
}

// filterEvery3 and splitEvery2 are library stages: the seed's co_filter and
// co_split print nothing of their own.
func filterEvery3(out, other *pipeline.Stage[int]) *pipeline.Stage[int] {
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	return pipeline.Filter("filter", notDiv3, out, other)
}

func splitEvery2(out, side *pipeline.Stage[int]) *pipeline.Stage[int] {
	return pipeline.Split("split", 2, out, side)
}

// pushdata is the seed's source: its prints are its own, the driving is
// pipeline.Push.
func pushdata(head *pipeline.Stage[int], num int) {
	fmt.Println("Init gen")
	var values iter.Seq[int] = func(yield func(int) bool) {
		for i := range num {
			fmt.Println("  SEND", i)
			if !yield(i) {
				return
			}
		}
	}
	err := pipeline.Push(values, head)
	if errors.Is(err, pipeline.ErrStopped) {
		fmt.Println("pushdata: Something asked me to stop!")
	}
}

// The seed's In [206]: stages start up innermost first, values flow down,
// and closing the head closes every stage below it.
func Example_seedIn206() {
	head := coProcess(
		filterEvery3(
			splitEvery2(coSink("first"), coSink("display")),
			coSink("second")))
	pushdata(head, 10)
	head.Close()
	// Output:
	// Init sink first
	// Init sink display
	// Init sink second
	// Init process
	// Init gen
	//   SEND 0
	//    display RECEIVED: 100
	//      first RECEIVED: 100
	//   SEND 1
	//      first RECEIVED: 101
	//   SEND 2
	//     second RECEIVED: 102
	//   SEND 3
	//    display RECEIVED: 103
	//      first RECEIVED: 103
	//   SEND 4
	//      first RECEIVED: 104
	//   SEND 5
	//     second RECEIVED: 105
	//   SEND 6
	//    display RECEIVED: 106
	//      first RECEIVED: 106
	//   SEND 7
	//      first RECEIVED: 107
	//   SEND 8
	//     second RECEIVED: 108
	//   SEND 9
	//    display RECEIVED: 109
	//      first RECEIVED: 109
	// PROCESS exited
	// CLOSING SINK first
	// CLOSING SINK display
	// CLOSING SINK second
}

// The seed's In [207]: a stage that stops closes what is below it, and the
// stop flows up to the source.
func Example_seedIn207() {
	head := coProcess(
		coStopIf(func(x int) bool { return x > 104 },
			filterEvery3(
				splitEvery2(coSink("first"), coSink("display")),
				coSink("second"))))
	pushdata(head, 10)
	// Output:
	// Init sink first
	// Init sink display
	// Init sink second
	// Init process
	// Init gen
	//   SEND 0
	//    display RECEIVED: 100
	//      first RECEIVED: 100
	//   SEND 1
	//      first RECEIVED: 101
	//   SEND 2
	//     second RECEIVED: 102
	//   SEND 3
	//    display RECEIVED: 103
	//      first RECEIVED: 103
	//   SEND 4
	//      first RECEIVED: 104
	//   SEND 5
	// STOP condition met, stopping
	// CLOSING SINK first
	// CLOSING SINK display
	// CLOSING SINK second
	// pushdata: Something asked me to stop!
}

// runningAvg is the seed's running_avg: it replies to each value with the
// average so far.
func runningAvg(co *pipeline.Co[float64]) error {
	total, ok := co.Recv()
	if !ok {
		return nil
	}
	count := 1.0
	for {
		v, ok := co.Yield(total / count)
		if !ok {
			return nil
		}
		count++
		total += v
	}
}

// pyFloat formats f as Python prints a float.
func pyFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if f == float64(int64(f)) {
		s += ".0"
	}
	return s
}

// The seed's In [225]: a raw coroutine is started by hand (Python's
// send(None)) and replies to every Exchange.
func Example_seedIn225() {
	r := pipeline.RawCoroutine("running_avg", runningAvg)
	defer r.Close()
	if _, err := r.Start(); err != nil {
		fmt.Println(err)
		return
	}
	show := func(v float64) {
		avg, err := r.Exchange(v)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(pyFloat(avg))
	}
	show(10)
	show(100)
	show(100)
	for x := range 10 {
		show(float64(x * 10))
	}
	// Output:
	// 10.0
	// 55.0
	// 70.0
	// 52.5
	// 44.0
	// 40.0
	// 38.57142857142857
	// 38.75
	// 40.0
	// 42.0
	// 44.54545454545455
	// 47.5
	// 50.76923076923077
}

// The seed's In [226]: a generator drives a replying coroutine and yields
// its replies.
func Example_seedIn226() {
	r := pipeline.RawCoroutine("running_avg", runningAvg)
	defer r.Close()
	var inputs iter.Seq[float64] = func(yield func(float64) bool) { // range(10)
		for i := range 10 {
			if !yield(float64(i)) {
				return
			}
		}
	}
	for x, err := range pipeline.Sender(r, inputs) {
		if err != nil {
			fmt.Println(err)
			break
		}
		fmt.Println(pyFloat(x))
	}
	// Output:
	// 0.0
	// 0.5
	// 1.0
	// 1.5
	// 2.0
	// 2.5
	// 3.0
	// 3.5
	// 4.0
	// 4.5
}

// Describe turns a pipeline into nodes and edges with counts, for drawing.
func ExampleDescribe() {
	var kept, thirds []int
	add100 := func(v int) (int, error) { return v + 100, nil }
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	head := pipeline.Map("add 100", add100,
		pipeline.Filter("every 3", notDiv3,
			pipeline.Collect("kept", &kept),
			pipeline.Collect("thirds", &thirds)))
	if err := pipeline.Push(pipeline.Range(10), head); err != nil {
		fmt.Println(err)
	}
	head.Close()
	fmt.Println(kept, thirds)
	fmt.Print(pipeline.Describe(head.Node()))
	// Output:
	// [100 101 103 104 106 107 109] [102 105 108]
	// map "add 100" (closed, received 10)
	//   out -> filter "every 3": 10
	// filter "every 3" (closed, received 10)
	//   out -> collect "kept": 7
	//   other -> collect "thirds": 3
	// collect "kept" (closed, received 7)
	// collect "thirds" (closed, received 3)
}

// A stage function's error stops the source and names the stage and event.
func ExampleStageError() {
	failOn7 := func(v int) (bool, error) {
		if v == 7 {
			return false, errors.New("seven is not allowed")
		}
		return true, nil
	}
	var got []int
	head := pipeline.Filter("every 3", failOn7, pipeline.Collect("kept", &got), nil)
	err := pipeline.Push(pipeline.Range(10), head)
	fmt.Println(err)
	fmt.Println(got, head.State())
	// Output:
	// filter "every 3": event 8: seven is not allowed
	// [0 1 2 3 4 5 6] stopped
}

// The seed's thinsplit(out, thinout, 1000): most events go on, every Nth
// goes to a display instead.
func ExampleThin() {
	var display []int
	rest := pipeline.Discard[int]("analysis")
	head := pipeline.Thin("thinsplit", 1000, rest, pipeline.Collect("display", &display))
	if err := pipeline.Push(pipeline.Range(3500), head); err != nil {
		fmt.Println(err)
	}
	fmt.Println(display, rest.Node().Received())
	// Output:
	// [0 1000 2000 3000] 3496
}

// PushBlocks sends values in blocks: each stage sees the same values in the
// same order as with Push, with the per-value call overhead gone.
func ExamplePushBlocks() {
	add100 := func(v int) (int, error) { return v + 100, nil }
	notDiv3 := func(v int) (bool, error) { return v%3 != 0, nil }
	first, display, second := pipeline.Discard[int]("first"), pipeline.Discard[int]("display"), pipeline.Discard[int]("second")
	head := pipeline.Map("process", add100,
		pipeline.Filter("filter", notDiv3,
			pipeline.Split("split", 2, first, display),
			second))
	if err := pipeline.PushBlocks(pipeline.Range(1_000_000), head, 256); err != nil {
		fmt.Println(err)
	}
	for _, s := range []*pipeline.Stage[int]{first, display, second} {
		fmt.Println(s.Name(), s.Node().Received())
	}
	// Output:
	// first 666667
	// display 333334
	// second 333333
}

// Batch gathers values into batches and packs each one: here into its sum.
// The last, partial batch goes out when the stage is closed.
func ExampleBatch() {
	var sums []int
	sum := func(batch []int) int {
		total := 0
		for _, v := range batch {
			total += v
		}
		return total
	}
	head := pipeline.Batch("sums of 4", 4, sum, pipeline.Collect("sums", &sums))
	if err := pipeline.Push(pipeline.Range(10), head); err != nil {
		fmt.Println(err)
	}
	fmt.Println(sums)
	head.Close()
	fmt.Println(sums)
	// Output:
	// [6 22]
	// [6 22 17]
}
