# The seed notebook's cells In [81], [205] and [207], verbatim but for comments
# and for In [207]'s pipeline, whose head here is co_stopif (stopping above 4)
# instead of co_process: the seed's StopIteration raised by co_stopif crosses
# co_process's body on its way to pushdata, and there CPython 3.7+ (PEP 479)
# raises "RuntimeError: generator raised StopIteration" while pushbook passes
# the StopIteration on, as Python 3.4-3.6 and the seed do (README, "Where a
# cell differs from Python"). The verbatim In [207] is checked against the
# seed's transcript by TestSeedIn207StopsTheSourceAndClosesTheSinks. Here
# StopIteration reaches pushdata from co_stopif directly, in both.

# In [81]
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

# In [205]
def pushdata( pipeline, num=10 ):
    """ 
    drive data through the output pipeline
    this is not a coroutine!
    """
    print("Init gen")
    try:
        for ii in range(num):
            print("  SEND",ii)
            pipeline.send(ii)
    except StopIteration:
        print("pushdata: Something asked me to stop!")
        
@coroutine
def co_process( output ):
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
def co_filter( output, otheroutput, every=3 ):
    while True:
        data = (yield)
        if int(data) % every != 0:
            output.send(data)
        else:
            otheroutput.send(data)

@coroutine
def co_split( output, otheroutput, every=2 ):
    count = 0
    while True:
        data = (yield)
        if count % every == 0:
            otheroutput.send(data)
        output.send(data)
        count += 1

@coroutine    
def co_sink(name):
    print("Init sink",name)
    try:
        while True:
            data = (yield)
            print( "{0:>10s} RECEIVED: {1}".format(name,data ))
    except GeneratorExit:
        print("CLOSING SINK",name)

# In [207]
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
   
            

pipeline = co_stopif( lambda x: x>4, 
                    co_filter( 
                        co_split( co_sink("first"), co_sink("display")), 
                        co_sink("second") )
                    )

pushdata(pipeline, 10 )
