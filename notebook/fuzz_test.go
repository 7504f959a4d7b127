package notebook_test

import (
	"bytes"
	"testing"

	"pushbook/notebook"
)

// Whatever bytes a .ipynb holds, Decode returns; a notebook it accepts
// writes back, reads again, and writes back the same bytes a second time.
func FuzzReadNotebook(f *testing.F) {
	var sample bytes.Buffer
	if err := notebook.Encode(&sample, sampleNotebook()); err != nil {
		f.Fatal(err)
	}
	f.Add(sample.Bytes())
	for _, s := range []string{
		``,
		`{}`,
		`{"nbformat": 4, "cells": []}`,
		`{"nbformat": 3, "cells": []}`,
		`{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "code", "source": "x", "metadata": {}, "outputs": [], "execution_count": null}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": ["# a\n", "b"], "id": "dup"}, {"cell_type": "raw", "source": "", "id": "dup"}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "name": "stdout", "text": ["a\n"]}, {"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}]}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data", "data": {"application/json": {"a": 1}, "text/plain": ["1"]}, "metadata": {}}]}]}`,
		`{"nbformat": 4, "cells": [{"cell_type": 7}]}`,
		`{"nbformat": 4, "cells": [`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		nb, err := notebook.Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		var first bytes.Buffer
		if err := notebook.Encode(&first, nb); err != nil {
			t.Fatalf("a notebook that reads does not write: %v\ninput: %q", err, b)
		}
		again, err := notebook.Decode(bytes.NewReader(first.Bytes()))
		if err != nil {
			t.Fatalf("a notebook written back does not read again: %v\ninput: %q\nwritten: %s", err, b, first.Bytes())
		}
		var second bytes.Buffer
		if err := notebook.Encode(&second, again); err != nil {
			t.Fatalf("a notebook read again does not write: %v\ninput: %q", err, b)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("writing, reading and writing again changes the notebook\ninput: %q\nfirst:  %s\nsecond: %s", b, first.Bytes(), second.Bytes())
		}
	})
}
