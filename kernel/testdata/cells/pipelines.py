# Pipelines of generators: the seed's push pipelines (In [205]-[207]) with
# their clean-up prints, a stop below reaching the source as StopIteration,
# closing flowing down with fan-in counted, a generator's facts as a stage
# (name, kind, state, received, outputs, graph), pull chains, and generators
# mixed with built-in stages. This is pushbook, not CPython: generators are
# pipeline stages (see the README's "Where a cell differs from Python").
# cells_test.go runs this file as one cell in a fresh session; check() fails
# the cell, and the "# Output:" block at the end is what it must print.

def check(got, want, what):
    if got != want:
        raise AssertionError("%s: got %r, want %r" % (what, got, want))

def states(*gens):
    return [g.state for g in gens]

from seed import coroutine, pushdata, co_process, co_filter, co_split, co_sink, co_stopif

# --- In [206]: push 4 values, then close the head --------------------------

print("--- In [206]")
first, display, second = co_sink("first"), co_sink("display"), co_sink("second")
split = co_split(first, display)
filt = co_filter(split, second)
pipeline = co_process(filt)
pushdata(pipeline, 4)

check(pipeline.name, "co_process", "a generator's name is its function's")
check(first.name, "co_sink('first')", "with its arguments that are not stages")
check(pipeline.kind, "generator", "kind")
check(type(pipeline), "generator", "type")
check(str(first), "<generator co_sink('first') open>", "str(g)")
check(pipeline.outputs, [filt], "the stages passed as arguments are its outputs")
check(filt.outputs, [split, second], "in argument order")
check(first.outputs, [], "a sink has no outputs")
check([g.received for g in [pipeline, filt, split, first, display, second]], [4, 4, 3, 3, 2, 1],
      "values each stage received")
check(states(pipeline, filt, split, first, display, second), ["open"] * 6, "all open")
check(str(graph(pipeline)), """co_process [open] 4 in
└─ output (4) -> co_filter [open] 4 in
   ├─ output (3) -> co_split [open] 3 in
   │  ├─ output (3) -> co_sink('first') [open] 3 in
   │  └─ otheroutput (2) -> co_sink('display') [open] 2 in
   └─ otheroutput (1) -> co_sink('second') [open] 1 in
""", "graph(pipeline) as text: edges named after the parameters, with counts")

pipeline.close()
check(states(pipeline, filt, split, first, display, second), ["closed"] * 6,
      "closing the head closes every stage below it")
pipeline.close()  # closing again does nothing
check(pipeline.stopped, False, "a closed stage has not stopped")

# --- In [207]: a stage below stops, and the source is told ------------------

print("--- In [207]")
first, display, second = co_sink("first"), co_sink("display"), co_sink("second")
stopper = co_stopif(lambda x: x > 104, co_filter(co_split(first, display), second))
pipeline = co_process(stopper)
pushdata(pipeline, 10)
check(states(pipeline, stopper), ["stopped", "stopped"], "the stage that stopped and the one above it")
check([pipeline.stopped, stopper.stopped], [True, True], ".stopped")
check(states(first, display, second), ["closed"] * 3, "co_stopif closed its target")
check([pipeline.received, stopper.received, first.received], [6, 6, 4], "counts when it stopped")

stop = None
try:
    pipeline.send(1)
except StopIteration as e:
    stop = e
check(type(stop).__name__, "StopIteration", "a send to a stopped pipeline")

# --- a coroutine that returns: StopIteration, with its value, at the source ---

@coroutine
def upto(n, out):
    seen = 0
    while seen < n:
        out.send((yield))
        seen += 1
    return "saw %d" % seen

@coroutine
def relay(out):
    while True:
        out.send((yield))

kept = collect()
counter_stage = upto(2, kept)
head = relay(counter_stage)
sent = []
try:
    for i in range(5):
        head.send(i)
        sent.append(i)
except StopIteration as e:
    stop = e
check(sent, [0], "the send that reached the stop raised")
check(kept.values, [0, 1], "values that reached the end")
check(stop.value, "saw 2", "the StopIteration that reaches the source carries the return value")
check(states(head, counter_stage, kept), ["stopped", "stopped", "closed"], "a stop goes up, a close goes down")
check(counter_stage.name, "upto(2)", "a non-stage argument in the name")

# push() is a source that stops quietly, counting the value that stopped it
check(push(range(10), relay(upto(3, collect()))), 3, "push counts the values sent")

# --- close flows down, counting fan-in ------------------------------------------

@coroutine
def report(name):
    try:
        while True:
            (yield)
    except GeneratorExit:
        print(name, "closed")

shared = report("shared")
a, b = relay(shared), relay(shared)
a.send("x")
b.send("y")
check(shared.received, 2, "a stage with two upstreams receives from both")
a.close()
check(shared.state, "open", "one upstream of two closed: still open")
b.close()
check(shared.state, "closed", "both closed: closed")

# a stage closes its outputs after its own clean-up
@coroutine
def noisy(name, out):
    try:
        while True:
            out.send((yield))
    except GeneratorExit:
        print(name, "clean-up first")

n = noisy("outer", report("below"))
n.close()

# --- generators and built-in stages mix ---------------------------------------

c = collect()
head = co_process(process(lambda x: x * 2, c))
for i in range(3):
    head.send(i)
check(c.values, [200, 202, 204], "a generator sending into built-in stages")
head.close()
check(c.state, "closed", "and closing them")

seen = []
@coroutine
def remember():
    while True:
        seen.append((yield))

check(push(range(3), filter(lambda x: x != 1, remember())), 3, "push into a built-in stage")
check(seen, [0, 2], "a built-in stage sending into a generator")

# --- pull chains: generators that take generators ------------------------------

def numbers(n):
    for i in range(n):
        yield i

def squares(src):
    for x in src:
        yield x * x

def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x

check(list(evens(squares(numbers(7)))), [0, 4, 16, 36], "a pull chain")
check(next(squares(numbers(3))), 0, "next pulls one value through")

def gen_source():
    for i in range(4):
        yield i * i

c = collect()
check(push(gen_source(), process(lambda x: x + 1, c)), 4, "push takes a generator as its source")
check(c.values, [1, 2, 5, 10], "its values")

# the seed's In [224]-[226]: a generator driving a coroutine
from seed import running_avg, sender
check(list(sender(running_avg())), [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5], "sender(running_avg())")

# Output:
# --- In [206]
# Init sink first
# Init sink display
# Init sink second
# Init process
# Init gen
#   SEND 0
#    display RECEIVED: 100
#      first RECEIVED: 100
#   SEND 1
#      first RECEIVED: 101
#   SEND 2
#     second RECEIVED: 102
#   SEND 3
#    display RECEIVED: 103
#      first RECEIVED: 103
# PROCESS exited
# CLOSING SINK first
# CLOSING SINK display
# CLOSING SINK second
# --- In [207]
# Init sink first
# Init sink display
# Init sink second
# Init process
# Init gen
#   SEND 0
#    display RECEIVED: 100
#      first RECEIVED: 100
#   SEND 1
#      first RECEIVED: 101
#   SEND 2
#     second RECEIVED: 102
#   SEND 3
#    display RECEIVED: 103
#      first RECEIVED: 103
#   SEND 4
#      first RECEIVED: 104
#   SEND 5
# STOP condition met, stopping
# CLOSING SINK first
# CLOSING SINK display
# CLOSING SINK second
# pushdata: Something asked me to stop!
# shared closed
# outer clean-up first
# below closed
# Init process
# PROCESS exited
