// Package picture draws pushbook's pictures as SVG, in Go, so they look the
// same in the page, in a saved .ipynb rendered by GitHub and in the headless
// runner: pipeline graphs (PipelineSVG, with PipelineText as the text/plain
// companion) and plots of columns (Line, Histogram, Scatter).
//
// # Pipeline graphs
//
// A pipeline.Graph is laid out left to right in layers: each stage sits one
// layer after its deepest sender (longest path from the heads), an edge
// spanning several layers passes through a point in each, and each layer is
// ordered to avoid crossings, starting from the order Describe reached the
// stages in and improved by barycentre sweeps. Vertical positions pull each
// stage toward its neighbours without overlap, so a parent sits between
// its children. Boxes are sized from an estimate of their text's width:
// the pictures ask for a monospace font, whose characters advance 0.6em
// (7.2px at 12px), and every rune counts as one character.
//
// # Plots
//
// Plots pick axis ticks at 1, 2 or 5 times a power of ten, skip NaN and
// infinite values (saying how many under the plot) and refuse empty input
// with ErrNoData.
//
// # Light and dark pages
//
// Text, axes, box outlines and edges are drawn in currentColor, and the root
// <svg> sets the color presentation attribute to a dark grey. A standalone
// viewer (GitHub shows image/svg+xml through <img>) therefore draws dark on
// light. A page that inlines the picture makes it follow its own text
// colour with one rule, which beats a presentation attribute:
//
//	.pushbook-picture { color: inherit; }
//
// The picture itself carries no style attribute and no <style> element: an
// inline <style> would leak into the page, and sanitizers drop both. Data
// colours are mid-saturation (Tableau 10) and read on white and on dark
// backgrounds alike.
//
// # Why not a plotting library
//
// gonum.org/v1/plot is the well-kept Go plotting library. A GOOS=js
// GOARCH=wasm program drawing a line, a histogram and a scatter with it
// (vgsvg back end) is 12,281,335 bytes, 4,611,025 gzipped, against
// 2,634,428 and 758,691 for the same program writing SVG by hand: gonum/plot
// would add 3.85 MB gzipped to the page, mostly the fonts it embeds to
// measure text. The pictures here need lines, rectangles, circles and text
// and nothing else, so this package writes them itself in a few hundred
// lines; linked into a wasm program that already uses pipeline, it adds
// 297,378 bytes (78,714 gzipped), less in the kernel, which links most of
// the same standard library already.
//
// Output is deterministic: the same input gives byte-identical SVG
// (coordinates are printed with at most two decimals; nothing depends on
// map order), and every text is XML-escaped.
package picture
