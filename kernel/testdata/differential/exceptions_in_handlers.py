# An exception raised in an except clause or in finally replaces the one
# being handled; the same try's other clauses do not catch it.
def error_in_handler():
    try:
        raise ValueError("first")
    except ValueError:
        print("handling first")
        raise KeyError("second")
    except KeyError:
        print("wrong: a sibling clause caught it")


try:
    error_in_handler()
except KeyError as e:
    print("outer caught", repr(e))


def error_in_finally():
    try:
        raise ValueError("lost")
    finally:
        raise IndexError("from finally")


try:
    error_in_finally()
except IndexError as e:
    print("finally's error wins:", str(e))
except ValueError:
    print("wrong")


def handler_then_finally():
    try:
        try:
            1 // 0
        except ZeroDivisionError:
            print("handler runs")
            raise RuntimeError("handler failed")
        finally:
            print("finally runs after the failing handler")
    except RuntimeError as e:
        print("caught", type(e).__name__, str(e))


handler_then_finally()


def caught_in_handler():
    try:
        raise ValueError("a")
    except ValueError as e:
        try:
            {}["b"]
        except KeyError as e2:
            print("nested handler", repr(e2))
        print("still handling", repr(e))


caught_in_handler()


def typo_in_handler():
    try:
        raise ValueError("v")
    except ValueError:
        return [1][3]


try:
    typo_in_handler()
except IndexError:
    print("an error in the handler comes out as itself")
