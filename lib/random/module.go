package random

import (
	"go.starlark.net/starlark"

	"pushbook/kernel"
)

// Module is "import random". Its functions draw from the session's own
// generator, seeded 0 when the session starts (Python seeds from the
// system; pushbook's numbers are the same on every run) and reseeded by
// random.seed(n).
var Module = kernel.Module{
	Name: "random",
	Doc:  "repeatable random numbers: random.seed(1); random.random(); rng = random.Random(42)",
	Load: func(*starlark.Thread) (starlark.StringDict, error) { return members, nil },
}

var members = starlark.StringDict{
	"Random":  kernel.NewBuiltin("Random", `Random(seed=0): a generator of one's own, whose numbers depend on the seed alone`, randomBuiltin),
	"seed":    kernel.NewBuiltin("seed", `seed(n=0): restarts the session's generator from seed n`, seedBuiltin),
	"random":  sessionMethod("random", `random(): a float in [0, 1)`),
	"uniform": sessionMethod("uniform", `uniform(a, b): a float in [a, b)`),
	"randint": sessionMethod("randint", `randint(a, b): an int in [a, b], both ends included`),
	"choice":  sessionMethod("choice", `choice(seq): one element of seq`),
	"sample":  sessionMethod("sample", `sample(population, k): k distinct elements of population`),
	"shuffle": sessionMethod("shuffle", `shuffle(x): shuffles the list x in place`),
	"normal":  sessionMethod("normal", `normal(mu=0.0, sigma=1.0, size=None): a draw from N(mu, sigma), or a list of size draws`),
}

// sessionGenerator is the session's generator, behind random.seed.
type sessionGenerator struct{ r *Random }

type generatorKey struct{}

func sessionRandom(thread *starlark.Thread) *sessionGenerator {
	g, _ := kernel.SessionValue(thread, generatorKey{}, func() any { return &sessionGenerator{NewRandom(0)} }).(*sessionGenerator)
	return g
}

// sessionMethod is a module function that calls the method of the same
// name on the session's generator.
func sessionMethod(name, doc string) *starlark.Builtin {
	return kernel.NewBuiltin(name, doc, func(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		g := sessionRandom(thread)
		if g == nil {
			return nil, kernel.NotInCell(b.Name())
		}
		return randomMethods[name](g.r, b.Name(), args, kwargs)
	})
}

// seed(n=0) restarts the session's generator.
func seedBuiltin(thread *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var seed int64
	if err := starlark.UnpackArgs(b.Name(), args, kwargs, "n?", &seed); err != nil {
		return nil, err
	}
	g := sessionRandom(thread)
	if g == nil {
		return nil, kernel.NotInCell(b.Name())
	}
	g.r = NewRandom(seed)
	return starlark.None, nil
}
