# The seed notebook's cells In [224] and [225], verbatim but for comments:
# a coroutine that replies to each send with the running average.

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

# In [225]
r = running_avg()
r.send(None)
print(r.send(10))
print(r.send(100))
print(r.send(100))

for x in range(10):
    print( r.send(x*10) )    

10.0
55.0
70.0
52.5
44.0
40.0
38.57142857142857
38.75
40.0
42.0
44.54545454545455
47.5
50.76923076923077
