package notebook

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// MaxHints is how many hints an exercise may have.
const MaxHints = 3

// Exercise is a code cell that checks itself: the learner's cell (its
// source is the starting code, which may be incomplete or wrong) plus a
// hidden check that runs after it, in the same session. It is stored in
// the cell's metadata, so it travels in the .ipynb:
//
//	"metadata": {"pushbook": {"exercise": {
//	  "title": "Write a filter stage",
//	  "check": "if len(received) != 10:\n    raise AssertionError(\"the sink received ...\")\n",
//	  "hints": ["first hint", "second", "third"],
//	  "solution": "<the reference solution's whole cell source>",
//	  "solved": true
//	}}}
//
// The check raises AssertionError("plain-words message") when something
// is wrong; what it prints is shown too; finishing without an error means
// solved. Hints (0 to 3) are revealed one at a time. The page sets solved
// when the learner's check passed; it is absent otherwise. Headless,
// `go run . check` runs the solution in place of the starting code, then
// the check, so a broken exercise fails CI.
type Exercise struct {
	Title    string   // short, shown in the exercise's header; required
	Check    string   // Python run after the cell; required
	Hints    []string // 0 to MaxHints, none empty
	Solution string   // the reference solution's whole cell source; required
	Solved   bool     // the learner's check passed (set by the page)
}

// exerciseKeys are the keys of metadata.pushbook.exercise, in the order
// errors list them.
var exerciseKeys = []string{"title", "check", "hints", "solution", "solved"}

// Exercise returns the cell's exercise (metadata.pushbook.exercise), nil
// when it has none. The error says what is wrong with one that is
// malformed: not an object, an unknown key, a value of the wrong type, an
// empty title, check or solution, an empty hint, more than MaxHints hints,
// or an exercise on a cell that is not code. It does not name the cell:
// [Notebook.Exercises] does.
func (c *Cell) Exercise() (*Exercise, error) {
	pb, ok := c.Metadata["pushbook"]
	if !ok {
		return nil, nil
	}
	pbm, ok := pb.(map[string]any)
	if !ok {
		return nil, nil // metadata.pushbook is not ours to judge unless it holds an exercise
	}
	raw, ok := pbm["exercise"]
	if !ok {
		return nil, nil
	}
	const where = "metadata.pushbook.exercise"
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: want an object, %s", where, got(raw))
	}
	if c.CellType != CodeCell {
		return nil, fmt.Errorf("%s: only a code cell can be an exercise, this is a %s cell", where, c.CellType)
	}
	var errs []error
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if !slices.Contains(exerciseKeys, k) {
			errs = append(errs, fmt.Errorf("%s: unknown key %q (the keys are %s)", where, k, strings.Join(exerciseKeys, ", ")))
		}
	}
	e := &Exercise{}
	text := func(key string, dst *string) {
		v, ok := m[key]
		if !ok {
			errs = append(errs, fmt.Errorf("%s.%s is missing", where, key))
			return
		}
		s, ok := v.(string)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s.%s: want a string, %s", where, key, got(v)))
		case strings.TrimSpace(s) == "":
			errs = append(errs, fmt.Errorf("%s.%s is empty", where, key))
		default:
			*dst = s
		}
	}
	text("title", &e.Title)
	text("check", &e.Check)
	text("solution", &e.Solution)
	if v, ok := m["hints"]; ok {
		list, ok := v.([]any)
		if !ok {
			errs = append(errs, fmt.Errorf("%s.hints: want a list of strings, %s", where, got(v)))
		} else if len(list) > MaxHints {
			errs = append(errs, fmt.Errorf("%s.hints: %d hints; at most %d", where, len(list), MaxHints))
		} else {
			for i, h := range list {
				s, ok := h.(string)
				switch {
				case !ok:
					errs = append(errs, fmt.Errorf("%s.hints[%d]: want a string, %s", where, i, got(h)))
				case strings.TrimSpace(s) == "":
					errs = append(errs, fmt.Errorf("%s.hints[%d] is empty", where, i))
				default:
					e.Hints = append(e.Hints, s)
				}
			}
		}
	}
	if v, ok := m["solved"]; ok {
		b, ok := v.(bool)
		if !ok {
			errs = append(errs, fmt.Errorf("%s.solved: want true or false, %s", where, got(v)))
		}
		e.Solved = b
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return e, nil
}

// SetExercise stores e as the cell's metadata.pushbook.exercise (nil
// removes it), keeping the cell's other metadata. Solved is written only
// when true, and hints only when there are some.
func (c *Cell) SetExercise(e *Exercise) {
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	pb, _ := c.Metadata["pushbook"].(map[string]any)
	if e == nil {
		if pb != nil {
			delete(pb, "exercise")
			if len(pb) == 0 {
				delete(c.Metadata, "pushbook")
			}
		}
		return
	}
	if pb == nil {
		pb = map[string]any{}
		c.Metadata["pushbook"] = pb
	}
	m := map[string]any{"title": e.Title, "check": e.Check, "solution": e.Solution}
	if len(e.Hints) > 0 {
		hints := make([]any, len(e.Hints))
		for i, h := range e.Hints {
			hints[i] = h
		}
		m["hints"] = hints
	}
	if e.Solved {
		m["solved"] = true
	}
	pb["exercise"] = m
}

// Exercises returns the exercise of each cell, by index (nil for a cell
// that is not one), and an error naming every cell whose exercise is
// malformed, as "cell 3 (id f00d): metadata.pushbook.exercise.check is
// empty".
func (nb *Notebook) Exercises() ([]*Exercise, error) {
	list := make([]*Exercise, len(nb.Cells))
	var errs []error
	for i, c := range nb.Cells {
		e, err := c.Exercise()
		if err != nil {
			for _, one := range unjoin(err) {
				errs = append(errs, fmt.Errorf("%s: %w", cellName(i, c), one))
			}
			continue
		}
		list[i] = e
	}
	return list, errors.Join(errs...)
}

// cellName names cell i (0-based) of a notebook for a reader: its number
// from 1 and its id.
func cellName(i int, c *Cell) string {
	if c.ID == "" {
		return fmt.Sprintf("cell %d", i+1)
	}
	return fmt.Sprintf("cell %d (id %s)", i+1, c.ID)
}

// unjoin returns the errors err joins, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
