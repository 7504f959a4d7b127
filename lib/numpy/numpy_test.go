package numpy_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.starlark.net/starlark"

	"pushbook/kernel"
	"pushbook/lib/numpy"
)

// session returns a session whose cells see np and recfunctions, as
// "import numpy as np" and "from numpy.lib import recfunctions" bind them,
// and may also import the modules.
func session(t *testing.T, opts kernel.Options) *kernel.Session {
	t.Helper()
	opts.Modules = []kernel.Module{numpy.Module, numpy.LibModule, numpy.RecfunctionsModule}
	s := kernel.NewSession(opts)
	t.Cleanup(s.Close)
	got := run(s, "import numpy as np\nfrom numpy.lib import recfunctions")
	require.Equal(t, kernel.StatusOK, got.status, "%+v", got)
	return s
}

// cell is what one cell showed: its printed text, its result's text/plain
// ("" when it has none) and its error's class and message.
type cell struct {
	stdout, result, ename, evalue string
	status                        string
}

func run(s *kernel.Session, code string) cell {
	var c cell
	res := s.Execute(code, func(o kernel.Output) {
		switch {
		case o.OutputType == "stream":
			c.stdout += o.Text
		case o.OutputType == "execute_result":
			c.result = o.Data["text/plain"]
		case o.EName != "":
			c.ename, c.evalue = o.EName, o.EValue
		}
	})
	c.status = res.Status
	return c
}

// The seed's cells In [288], In [289], In [314] and In [312], with the
// imports bound beforehand (the dialect's import statement is on its way).
const (
	seed288 = `a = np.array( [([1,2,3],2,3),([1,2,3],5,6)], dtype=[('x','3d'),('y',int),('z',float)] )`
	seed289 = "r = a.view(np.recarray)\nprint(r.x)\nprint(r.y)"
	seed314 = `rr =recfunctions.append_fields(r, names="B", data=100, asrecarray=True,usemask=False )`
	seed312 = "rr"
)

func TestSeedCellsPrintWhatTheSeedPrinted(t *testing.T) {
	s := session(t, kernel.Options{})
	steps := []struct {
		code string
		want cell
	}{
		{seed288, cell{}},
		{seed289, cell{stdout: "[[ 1.  2.  3.]\n [ 1.  2.  3.]]\n[2 5]\n"}},
		{seed314, cell{}},
		// numpy 1.11's layout: records wrap at 75 columns (these fit on one
		// line), the dtype on a line of its own after a trailing ", ".
		{seed312, cell{result: "rec.array([([1.0, 2.0, 3.0], 2, 3.0, 100), ([1.0, 2.0, 3.0], 5, 6.0, 100)], \n" +
			"      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8'), ('B', '<i8')])"}},
	}
	for _, step := range steps {
		got := run(s, step.code)
		step.want.status = kernel.StatusOK
		assert.Equal(t, step.want, got, "cell:\n%s", step.code)
	}
}

// The seed's In [312] showed an rr of an earlier run, with a "3d" field B
// holding uninitialised memory; the same values give the seed's text byte
// for byte, wrapping included.
func TestStructuredReprLaysOutRecordsAsTheSeedsNumpy(t *testing.T) {
	s := session(t, kernel.Options{})
	got := run(s, `rr = np.array([([1,2,3],2,3,[100.0, 2e-323, 2.5e-323]),([1,2,3],5,6,[1e+20, 1e+20, 1e+20])],
    dtype=[('x','3d'),('y',int),('z',float),('B','3d')]).view(np.recarray)
rr`)
	want := "rec.array([([1.0, 2.0, 3.0], 2, 3.0, [100.0, 2e-323, 2.5e-323]),\n" +
		"       ([1.0, 2.0, 3.0], 5, 6.0, [1e+20, 1e+20, 1e+20])], \n" +
		"      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8'), ('B', '<f8', (3,))])"
	assert.Equal(t, cell{result: want, status: kernel.StatusOK}, got)
}

func TestSeedCellsRunWithTheirImports(t *testing.T) {
	s := session(t, kernel.Options{})
	got := run(s, "import numpy as np\nfrom numpy.lib import recfunctions\n"+seed288)
	require.Equal(t, kernel.StatusOK, got.status, "%+v", got)
	assert.Equal(t, "[2 5]\n", run(s, "print(a['y'])").stdout)
	assert.Equal(t, "[100 100]\n", run(s, "print(np.lib.recfunctions.append_fields(a, 'B', 100)['B'])").stdout)
}

func TestArraysShowTheirFactsAsNumpy(t *testing.T) {
	s := session(t, kernel.Options{})
	run(s, seed288+"\n"+seed289+"\n"+seed314)
	cases := []struct{ code, stdout, result string }{
		// dtypes: print shows str(dtype), a cell repr(dtype)
		{"a.dtype", "", "dtype([('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8')])"},
		{"r.y.dtype", "", "dtype('int64')"},
		{"r.z.dtype", "", "dtype('float64')"},
		{"print(r.y.dtype, r.x.dtype)", "int64 float64\n", ""},
		{"print(a.dtype.names, r.y.dtype == np.int64, r.z.dtype == np.int64)", "('x', 'y', 'z') True False\n", ""},
		{"np.array(['a', 'bcd']).dtype", "", "dtype('<U3')"},
		{"np.float64", "", "<class 'numpy.float64'>"},
		{"print(np.float64(3), np.int64(2.7), np.bool_(0))", "3.0 2 False\n", ""},
		{"np.dtype([('p', np.float64), ('q', 'i8', 2)])", "", "dtype([('p', '<f8'), ('q', '<i8', (2,))])"},
		// shapes and lengths
		{"print(a.shape, r.x.shape, r.y.shape, len(a), len(r.x), r.x.ndim, r.x.size)", "(2,) (2, 3) (2,) 2 2 2 6\n", ""},
		// records and elements
		{"a[0]", "", "([1.0, 2.0, 3.0], 2, 3.0)"},
		{"print(a[-1]['y'], a[1][2], r[0].z, a[0]['x'])", "5 6.0 3.0 [ 1.  2.  3.]\n", ""},
		{"print([rec for rec in a])", "[([1.0, 2.0, 3.0], 2, 3.0), ([1.0, 2.0, 3.0], 5, 6.0)]\n", ""},
		{"print(r.x[1], r.x[1, 2], r.y[0], [y for y in r.y])", "[ 1.  2.  3.] 3.0 2 [2, 5]\n", ""},
		{"print(a)", "[([1.0, 2.0, 3.0], 2, 3.0) ([1.0, 2.0, 3.0], 5, 6.0)]\n", ""},
		{"a", "", "array([([1.0, 2.0, 3.0], 2, 3.0), ([1.0, 2.0, 3.0], 5, 6.0)], \n      dtype=[('x', '<f8', (3,)), ('y', '<i8'), ('z', '<f8')])"},
		{"a[['y', 'z']]", "", "array([(2, 3.0), (5, 6.0)], \n      dtype=[('y', '<i8'), ('z', '<f8')])"},
		{"print(a[1:].shape, a.tolist()[1], r.x.tolist())", "(1,) ([1.0, 2.0, 3.0], 5, 6.0) [[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]\n", ""},
		{"print(rr.B, rr.y, type(rr), type(a), type(r.x))", "[100 100] [2 5] numpy.recarray numpy.ndarray numpy.ndarray\n", ""},
		// plain arrays
		{"np.arange(3)", "", "array([0, 1, 2])"},
		{"print(np.arange(3))", "[0 1 2]\n", ""},
		{"np.arange(1, 2, 0.25)", "", "array([ 1.  ,  1.25,  1.5 ,  1.75])"},
		{"np.arange(5, 0, -2)", "", "array([5, 3, 1])"},
		{"np.arange(0)", "", "array([], dtype=int64)"},
		{"np.array([])", "", "array([], dtype=float64)"},
		{"r.x", "", "array([[ 1.,  2.,  3.],\n       [ 1.,  2.,  3.]])"},
		{"np.array([[1, 2], [3, 4]])", "", "array([[1, 2],\n       [3, 4]])"},
		{"np.array([1, 2.5])", "", "array([ 1. ,  2.5])"},
		{"np.array([True, False])", "", "array([ True, False], dtype=bool)"},
		{"np.array(['a', 'bcd'])", "", "array(['a', 'bcd'], \n      dtype='<U3')"},
		{"np.array([1, 2], dtype=float)", "", "array([ 1.,  2.])"},
		{"np.array(range(4))[1:3]", "", "array([1, 2])"},
		{"np.arange(2000)", "", "array([   0,    1,    2, ..., 1997, 1998, 1999])"},
		// reductions
		{"print(np.mean(r.y), r.y.mean(), np.sum(r.y), np.min(r.y), np.max(r.y), np.std(r.y))", "3.5 3.5 7 2 5 1.5\n", ""},
		{"print(np.mean(r.x), np.sum(r.x), np.max(r.z), np.std([1, 2, 3, 4], ddof=1))", "2.0 12.0 6.0 1.2909944487358056\n", ""},
		{"print(np.sum([0.1] * 10), np.mean(np.arange(10)))", "1.0 4.5\n", ""},
		{"print(np.sum([True, True, False]), np.mean([True, False]))", "2 0.5\n", ""},
		{"print(np.mean(np.array([], dtype=float)))", "nan\n", ""},
	}
	for _, c := range cases {
		got := run(s, c.code)
		assert.Equal(t, cell{stdout: c.stdout, result: c.result, status: kernel.StatusOK}, got, "cell:\n%s", c.code)
	}
}

func TestNumpyErrorsNameTheFunctionAndTheField(t *testing.T) {
	s := session(t, kernel.Options{})
	run(s, seed288)
	cases := []struct{ code, ename, evalue string }{
		{"a.x", "AttributeError", "'numpy.ndarray' object has no attribute 'x' (a field: use a['x'], or a.view(np.recarray) for attributes)"},
		{"a['nope']", "ValueError", "no field of name nope (fields: x, y, z)"},
		{"a[2]", "IndexError", "index 2 is out of bounds for axis 0 with size 2"},
		{"np.arange(3)['x']", "IndexError", "a plain array has no fields"},
		{"recfunctions.append_fields(a, 'B', [1, 2, 3])", "ValueError", `append_fields: field "B": data has 3 values, base has 2 rows`},
		{"recfunctions.append_fields(a, 'B', 'x', dtypes=int)", "ValueError", `append_fields: field "B": invalid literal for int() with base 10: 'x'`},
		{"recfunctions.append_fields(a, 'y', 1)", "ValueError", `append_fields: field "y": column already exists`},
		{"recfunctions.append_fields(a, ['B', 'C'], 1)", "ValueError", "the number of arrays does not match the number of names"},
		{"recfunctions.append_fields(np.arange(2), 'B', 1)", "TypeError", "append_fields: base must be a structured array"},
		{"recfunctions.append_fields(a, 'B', None)", "TypeError", `append_fields: field "B": None cannot be an array element`},
		{"np.array([(1, 2)], dtype=[('x', int)])", "ValueError", "array: row 0 has 2 values, the dtype has 1 fields"},
		{"np.array([([1, 2], 2, 3)], dtype=a.dtype)", "ValueError", `array: row 0, field "x": a sub-array of shape (3,) cannot hold 2 elements`},
		{"np.array([('a', 2, 3)], dtype=a.dtype)", "ValueError", `array: row 0, field "x": could not convert string to float: 'a'`},
		{"np.array([(1,)], dtype=[('x', 'f4')])", "TypeError", `array: field "x": unknown dtype: "f4" (want int/i8/int64`},
		{"np.array([[1, 2], [3]])", "ValueError", "array: row 1 has 1 elements, row 0 has 2"},
		{"np.array([[[1]]])", "ValueError", "at most two dimensions"},
		{"np.array([1, [2]])", "ValueError", "setting an array element with a sequence"},
		{"np.array([1180591620717411303424])", "OverflowError", "array: element 0: int 1180591620717411303424 does not fit in 64 bits"},
		{"np.mean(a)", "TypeError", "mean: cannot perform reduce with flexible type"},
		{"np.sum(np.array(['a']))", "TypeError", "sum: cannot perform reduce with flexible type (<U1 elements)"},
		{"np.min(np.arange(0))", "ValueError", "min: zero-size array to reduction operation minimum which has no identity"},
		{"np.mean(a['x'], axis=0)", "TypeError", "mean: axis=0 is not supported"},
		{"np.arange(0, 1, 0)", "ZeroDivisionError", "arange: step must not be zero"},
		{"np.arange(1000000000)", "MemoryError", "arange: 1000000000 elements is too many"},
		{"np.arange(2).view(np.recarray)", "TypeError", "view: only a structured array"},
		{"{a: 1}", "TypeError", "unhashable type: 'numpy.ndarray'"},
		{"a.dtype(1)", "TypeError", "'numpy.dtype' object is not callable"},
	}
	for _, c := range cases {
		got := run(s, c.code)
		assert.Equal(t, c.ename, got.ename, "cell %q: %s", c.code, got.evalue)
		assert.Contains(t, got.evalue, c.evalue, "cell %q", c.code)
	}
}

func TestAppendFieldsTakesListsArraysAndSeveralNames(t *testing.T) {
	s := session(t, kernel.Options{})
	run(s, seed288)
	cases := []struct{ code, stdout string }{
		{"print(recfunctions.append_fields(a, 'B', [7, 8])['B'])", "[7 8]\n"},
		{"print(recfunctions.append_fields(a, 'B', np.arange(2), dtypes=float)['B'])", "[ 0.  1.]\n"},
		{"print(recfunctions.append_fields(a, 'B', [7], usemask=False)['B'])", "[ 7 -1]\n"},
		{"print(recfunctions.append_fields(a, 'B', [7.5], fill_value=0)['B'])", "[ 7.5  0. ]\n"},
		{"b = recfunctions.append_fields(a, ['B', 'C'], [1, [0.5, 1.5]], asrecarray=True)\nprint(b.dtype.names, b.B, b.C)", "('x', 'y', 'z', 'B', 'C') [1 1] [ 0.5  1.5]\n"},
		{"print(recfunctions.append_fields(a, 'B', 'hi')['B'])", "['hi' 'hi']\n"},
		{"print(len(a.dtype.names), type(recfunctions.append_fields(a, 'B', 1)))", "3 numpy.ndarray\n"},
	}
	for _, c := range cases {
		got := run(s, c.code)
		assert.Equal(t, cell{stdout: c.stdout, status: kernel.StatusOK}, got, "cell:\n%s", c.code)
	}
}

func TestLongArrayWorkReachesTheCellsLimits(t *testing.T) {
	s := session(t, kernel.Options{MaxSteps: 100_000})
	cases := []struct{ code, status string }{
		{"x = np.arange(90000)", kernel.StatusOK},
		{"np.std(x)", kernel.StatusAborted}, // four passes over 90,000 elements
		{"np.arange(1000000)", kernel.StatusAborted},
		{"np.array(list(range(200000)))", kernel.StatusAborted},
		{"recfunctions.append_fields(np.array([(1,)] * 60000, dtype=[('a', int)]), 'b', 0)", kernel.StatusAborted},
	}
	for _, c := range cases {
		got := run(s, c.code)
		assert.Equal(t, c.status, got.status, "cell %q: %+v", c.code, got)
	}
}

func TestEveryBuiltinHasADoc(t *testing.T) {
	for _, m := range []kernel.Module{numpy.Module, numpy.RecfunctionsModule} {
		members, err := m.Load(nil)
		require.NoError(t, err)
		for name, v := range members {
			if _, ok := v.(*starlark.Builtin); ok {
				doc := kernel.DocOf(v)
				assert.True(t, strings.HasPrefix(doc, name+"("), "%s.%s: doc %q", m.Name, name, doc)
			}
		}
	}
}
