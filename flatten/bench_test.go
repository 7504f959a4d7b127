package flatten

import (
	"runtime"
	"testing"
)

// seedEvents builds n events shaped like the seed's: an event id, a 5-int
// image and nested hillas parameters, as the JSON decoder or a Starlark
// dict adapter would present them ([]any lists, boxed scalars).
func seedEvents(n int) []*Record {
	out := make([]*Record, n)
	for i := range out {
		f := float64(i)
		out[i] = RecordOf(
			"event_id", int64(i),
			"image", []any{int64(i), int64(i + 1), int64(i + 2), int64(i + 3), int64(i + 4)},
			"hillasparams", RecordOf(
				"length", f*0.5,
				"width", f*0.25,
				"centroid", RecordOf("x", f*0.1, "y", f*0.2),
			),
		)
	}
	return out
}

// rawSeedBytes is the typed payload of one seed event: event_id and five
// image ints (6 × int64) plus four float64s, without null masks.
const rawSeedBytes = 80

// BenchmarkFlattenSeedEvents appends one million seed-shaped events to a
// Builder and builds the table. Events cycle through a pool of 4096
// distinct ones: in a pipeline each event is garbage once appended, and a
// million live input events would only measure the collector scanning them.
func BenchmarkFlattenSeedEvents(b *testing.B) {
	const n = 1_000_000
	pool := seedEvents(4096)
	runtime.GC()
	var t *Table
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		bld := NewBuilder(Options{})
		for i := range n {
			if err := bld.Append(pool[i&4095]); err != nil {
				b.Fatal(err)
			}
		}
		t = bld.Table()
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	if t.NumRows() != n || t.NumColumns() != 6 {
		b.Fatalf("table is %d rows x %d columns, want %d x 6", t.NumRows(), t.NumColumns(), n)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(t.Bytes())/n, "table-B/event")
	b.ReportMetric(float64(t.Bytes())/n/rawSeedBytes, "table/raw")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/n, "alloc-B/event")
	b.ReportMetric(0, "ns/op")
}

func BenchmarkFlattenRecord(b *testing.B) {
	e := seedEvents(1)[0]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Flatten(e, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
