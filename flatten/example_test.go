package flatten_test

import (
	"fmt"

	"pushbook/flatten"
)

// The seed's flatten_dict of the hillas event: dotted keys in first-seen
// order, the image list kept whole as one cell.
func ExampleFlatten() {
	d := flatten.RecordOf(
		"image", []any{1, 2, 3, 4, 5},
		"hillasparams", flatten.RecordOf(
			"length", 1,
			"width", 0.2,
			"centroid", flatten.RecordOf("x", 0.2, "y", 1.0),
		),
	)
	flat, err := flatten.Flatten(d, flatten.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Original:", d)
	fmt.Println("Flattened:", flat)
	// Output:
	// Original: {'image': [1, 2, 3, 4, 5], 'hillasparams': {'length': 1, 'width': 0.2, 'centroid': {'x': 0.2, 'y': 1.0}}}
	// Flattened: {'image': [1, 2, 3, 4, 5], 'hillasparams.length': 1, 'hillasparams.width': 0.2, 'hillasparams.centroid.x': 0.2, 'hillasparams.centroid.y': 1.0}
}

// The seed's record array: a dtype list in numpy's spelling, then r.x and
// r.y printed as numpy prints them.
func ExampleFromRows() {
	fields := []flatten.Field{}
	for _, f := range [][2]string{{"x", "3d"}, {"y", "int"}, {"z", "float"}} {
		field, err := flatten.ParseField(f[0], f[1])
		if err != nil {
			fmt.Println(err)
			return
		}
		fields = append(fields, field)
	}
	r, err := flatten.FromRows(fields, [][]any{
		{[]any{1, 2, 3}, 2, 3},
		{[]any{1, 2, 3}, 5, 6},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	x, _ := r.Column("x")
	y, _ := r.Column("y")
	fmt.Println(x.NumPy())
	fmt.Println(y.NumPy())
	// Output:
	// [[ 1.  2.  3.]
	//  [ 1.  2.  3.]]
	// [2 5]
}

// The seed's failed append_fields(r, names="B", data=100), made to work: a
// scalar is broadcast to every row.
func ExampleTable_AppendField() {
	x, _ := flatten.ParseField("x", "3d")
	y, _ := flatten.ParseField("y", "int")
	r, _ := flatten.FromRows([]flatten.Field{x, y}, [][]any{
		{[]any{1, 2, 3}, 2},
		{[]any{1, 2, 3}, 5},
	})
	rr, err := r.AppendField("B", 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := rr.Column("B")
	fmt.Println(b.NumPy(), b.DType())
	fmt.Print(rr.Text(flatten.TextOptions{}))
	// Output:
	// [100 100] int64
	//             x     y     B
	//    float64[3] int64 int64
	// ------------- ----- -----
	// [1.0 2.0 3.0]     2   100
	// [1.0 2.0 3.0]     5   100
	// [2 rows x 3 columns]
}

// A table sink appends events one at a time; a refused event names itself
// and leaves the table as it was.
func ExampleBuilder() {
	b := flatten.NewBuilder(flatten.Options{})
	events := []*flatten.Record{
		flatten.RecordOf("event_id", 0, "hillas", flatten.RecordOf("length", 1)),
		flatten.RecordOf("event_id", 1, "hillas", flatten.RecordOf("length", 0.5, "width", 0.2)),
		flatten.RecordOf("event_id", 2, "hillas", flatten.RecordOf("length", "long")),
		flatten.RecordOf("event_id", 3),
	}
	for _, e := range events {
		if err := b.Append(e); err != nil {
			fmt.Println("refused:", err)
		}
	}
	fmt.Print(b.Table())
	// Output:
	// refused: event 3: key "hillas.length": type drift: column is float64, event has str (only int64 widens, to float64)
	// event_id hillas.length hillas.width
	//    int64       float64      float64
	// -------- ------------- ------------
	//        0           1.0           --
	//        1           0.5          0.2
	//        3            --           --
	// [3 rows x 3 columns]
}

// Files reach the table from the page as JSON text or JSON Lines.
func ExampleDecodeJSON() {
	recs, err := flatten.DecodeJSON([]byte(`{"id": 1, "pos": {"x": 0.5, "y": 2}}
{"id": 2, "pos": {"y": 3, "x": 1.5}}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	t, err := flatten.FromEvents(recs, flatten.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Names())
	fmt.Println(t.Row(1))
	// Output:
	// [id pos.x pos.y]
	// {'id': 2, 'pos.x': 1.5, 'pos.y': 3}
}
