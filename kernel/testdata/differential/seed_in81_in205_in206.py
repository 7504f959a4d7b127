# The seed notebook's cells In [81], [205] and [206], verbatim but for comments:
# a primed push pipeline driven by pushdata, then closed from its head.

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

# In [206]
pipeline = co_process( 
                co_filter( 
                        co_split( co_sink("first"), co_sink("display")), 
                        co_sink("second") ))
pushdata(pipeline,10)
pipeline.close()
