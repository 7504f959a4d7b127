# finally runs on the way out of return, break and continue; a return in
# finally overrides the try's return and swallows its exception.
def returns_in_try():
    try:
        print("try")
        return "from try"
    finally:
        print("finally after return")


print(returns_in_try())


def finally_overrides():
    try:
        return "from try"
    finally:
        return "from finally"


print(finally_overrides())


def finally_swallows():
    try:
        raise ValueError("swallowed")
    finally:
        return "finally swallowed the exception"


print(finally_swallows())


def return_value_evaluated_before_finally():
    x = ["before"]
    try:
        return x[0]
    finally:
        x[0] = "changed"
        print("finally changed x to", x)


print(return_value_evaluated_before_finally())


def loop_control():
    for i in range(5):
        try:
            if i == 1:
                print("continue at", i)
                continue
            if i == 3:
                print("break at", i)
                break
            print("body", i)
        finally:
            print("finally", i)
    print("after loop")


loop_control()


def while_loop_control():
    i = 0
    while True:
        i += 1
        try:
            if i < 3:
                continue
            return i
        finally:
            print("while finally", i)


print("while returned", while_loop_control())


def except_then_return():
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
        except ValueError as e:
            print("except", e.args)
            return "returned from except"
        finally:
            print("finally", i)


print(except_then_return())




def nested_finally_order():
    try:
        try:
            try:
                return "deep"
            finally:
                print("finally 1")
        finally:
            print("finally 2")
    finally:
        print("finally 3")


print(nested_finally_order())
