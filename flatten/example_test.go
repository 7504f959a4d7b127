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
