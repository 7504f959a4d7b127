package pipeline

import "fmt"

// ExchangeTo is SendTo that also returns the output's reply, as Exchange
// does: a body that drives a replying coroutine it was given as an output
// (the seed's sender) gets its replies while the edge is counted.
func (c *Co[T]) ExchangeTo(to *Stage[T], v T) (T, error) {
	for _, o := range c.outs {
		if o.to == to {
			o.edge.count++
			return o.to.Exchange(v)
		}
	}
	var zero T
	name := "<nil>"
	if to != nil {
		name = fmt.Sprintf("%q", to.node.name)
	}
	return zero, fmt.Errorf("exchange with stage %s: not an output", name)
}
