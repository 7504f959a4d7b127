# The seed notebook's cells In [224] and [226], verbatim but for comments:
# a generator (sender) that drives a coroutine and yields its replies.

# In [224]
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

# In [226]
r= running_avg()
for x in sender(running_avg()):
    print( x )
