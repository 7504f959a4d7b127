# The seed notebook's coroutines and generators, as the seed wrote them in
# Python: @coroutine primes a generator, (yield) receives, close() raises
# GeneratorExit at the paused yield, and a stop below reaches pushdata as
# StopIteration.
#
# Import them in a cell with:  from seed import co_sink, co_process, pushdata
# See what it holds with:       help(seed) after import seed

def coroutine(func):
    """
    decorator to automatically "prime" the coroutine (e.g. to
    send None the first time, to get the init parts of the coroutine to execute)
    """
    def start(*args, **kwargs):
        cr = func(*args, **kwargs)
        cr.send(None)
        return cr
    return start

def pushdata(pipeline, num=10):
    """
    drive data through the output pipeline
    this is not a coroutine!
    """
    print("Init gen")
    try:
        for ii in range(num):
            print("  SEND", ii)
            pipeline.send(ii)
    except StopIteration:
        print("pushdata: Something asked me to stop!")

@coroutine
def co_process(output):
    print("Init process")
    try:
        while True:
            data = (yield)
            data += 100
            output.send(data)
    except GeneratorExit:
        print("PROCESS exited")
        output.close()

@coroutine
def co_filter(output, otheroutput, every=3):
    while True:
        data = (yield)
        if int(data) % every != 0:
            output.send(data)
        else:
            otheroutput.send(data)

@coroutine
def co_split(output, otheroutput, every=2):
    count = 0
    while True:
        data = (yield)
        if count % every == 0:
            otheroutput.send(data)
        output.send(data)  # send through
        count += 1

@coroutine
def co_sink(name):
    print("Init sink", name)
    try:
        while True:
            data = (yield)
            print("{0:>10s} RECEIVED: {1}".format(name, data))
    except GeneratorExit:
        print("CLOSING SINK", name)

@coroutine
def co_stopif(condition, target):
    while True:
        data = (yield)
        if condition(data):
            break
        else:
            target.send(data)
    print("STOP condition met, stopping")
    target.close()

def running_avg():
    "coroutine that accepts numbers and yields their running average"
    total = float((yield))
    count = 1
    while True:
        i = yield total / count
        count += 1
        total += i

def sender(target):
    target.send(None)
    for ii in range(10):
        yield target.send(ii)

def flatten_dict(d, parent_key="", sep="."):
    items = []
    for k, v in d.items():
        new_key = parent_key + sep + k if parent_key else k
        if isinstance(v, dict):
            items.extend(flatten_dict(v, new_key, sep=sep).items())
        else:
            items.append((new_key, v))
    return dict(items)
