// Package notebook reads and writes Jupyter notebooks (nbformat 4, ".ipynb").
//
// A [Notebook] is a list of [Cell] values plus free-form metadata. Code cells
// carry the [Output] values their last execution produced; markdown and raw
// cells carry only text. The types mirror nbformat's JSON closely, so the
// package round-trips the notebooks Jupyter, GitHub and nbviewer understand:
//
//   - [Read] and [Decode] accept every nbformat 4 minor version. A source or
//     output text may be one string or a list of strings, as nbformat allows.
//     Unknown metadata keys are kept as read. A value the schema forbids
//     for a key it defines (a kernelspec that is a string, tags that are
//     not a list of strings) is repaired or dropped, and a [Warning] in
//     [Notebook].Warnings says so. A malformed notebook gives one error that
//     names the problem and its place in words and, for [Read], the file:
//     bad JSON (with line and column), text that is not UTF-8 (with its
//     byte offset and cell), a value of the wrong type (with its cell,
//     output and field), an nbformat other than 4, an unknown cell type or
//     output type.
//   - [Encode] and [Write] produce nbformat 4.5 as Jupyter itself writes it:
//     keys sorted, one-space indentation, multi-line text as a list of lines,
//     and an id on every cell (a fresh one is made when a cell has none).
//     They repair metadata as [Decode] does, so what they write is valid
//     against the nbformat 4.5 schema.
//
// A code cell may be an [Exercise]: its metadata.pushbook.exercise holds a
// title, a hidden check, up to three hints, the reference solution and
// whether the learner solved it. [Cell.Exercise] reads and validates one,
// [Cell.SetExercise] writes one, and [Notebook.Exercises] reads them all
// with errors that name each malformed cell.
//
// Output text is kept as one Go string; the split into lines happens only on
// disk. [Output] also marshals on its own (json.Marshal) to nbformat's shape
// with plain strings, the form Jupyter's messaging protocol uses, which is how
// the kernel hands outputs to the browser.
//
// The package knows nothing of Starlark or of the kernel; it is plain Go.
package notebook
