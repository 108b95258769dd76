"""Run one function in a forked child process while this one goes on.

The child starts as a copy of this process (``os.fork``): it reads the caller's frames
where they are, with nothing pickled on the way in and no module imported again, and
sends its result back pickled through a pipe. Forking a process that runs other threads
may leave the child waiting forever on a lock one of them held, so :func:`can_fork` is
true only where no other thread runs (a command, a job worker) but those declared
harmless with :func:`tolerate`: a thread that takes no lock a child could need (a
command's progress display, which only redraws the terminal; SQLite's background
checkpoint, in SQLite's C code on a connection of its own). Elsewhere (a web server's
threads) callers do the work themselves. The child writes nothing to the terminal and
never returns into the caller's code: it ends with ``os._exit``, running no exit handler
and closing none of the parent's connections.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import traceback
import warnings
import weakref
from collections.abc import Callable
from typing import Any


class ChildFailed(RuntimeError):
    """The child raised (its traceback is the message) or ended without an answer."""


#: Threads that do not keep :func:`can_fork` false (:func:`tolerate`).
_tolerated: weakref.WeakSet[threading.Thread] = weakref.WeakSet()


def tolerate(thread: threading.Thread) -> None:
    """``thread`` takes no lock a forked child could need: it does not stop a fork."""
    _tolerated.add(thread)


def can_fork() -> bool:
    """Whether :class:`Forked` may run here: a POSIX ``fork`` and no other thread than
    tolerated ones."""
    if not hasattr(os, "fork") or sys.platform != "linux":
        return False
    this = threading.current_thread()
    return all(t is this or t in _tolerated for t in threading.enumerate())


class Forked:
    """``function()`` running in a forked child. :meth:`result` waits for its value (and
    raises :class:`ChildFailed` for its error); :meth:`close` stops a child whose result
    is not wanted. Either reaps the child: call one of them. Creating one raises
    ``OSError`` when the system cannot fork (no memory, too many processes)."""

    def __init__(self, function: Callable[[], Any]) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child
            os.close(read)
            _serve(function, write)  # never returns
        os.close(write)
        self.pid = pid
        self._answers = os.fdopen(read, "rb")
        self._done = False

    def result(self) -> Any:
        """The child's value (it runs on until it has sent it)."""
        try:
            outcome, found = pickle.load(self._answers)
        except (EOFError, pickle.UnpicklingError) as error:
            self.close()
            raise ChildFailed("the child process ended without an answer") from error
        self._reap()
        if outcome != "ok":
            raise ChildFailed(found)
        return found

    def close(self) -> None:
        """Stop the child if it still runs, and reap it."""
        if self._done:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self._reap()

    def _reap(self) -> None:
        self._answers.close()
        os.waitpid(self.pid, 0)
        self._done = True


def _serve(function: Callable[[], Any], write: int) -> None:
    """The child: run, send, leave (nothing of the parent's is closed or flushed)."""
    code = 0
    try:
        # The parent's signal handlers (a job worker's, a command's Ctrl-C) are not the
        # child's: it simply ends, and the parent sees no answer.
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(number, signal.SIG_DFL)
        # A warning would write to stderr, whose lock is the parent's too.
        warnings.simplefilter("ignore")
        try:
            answer: tuple[str, Any] = ("ok", function())
        except BaseException:
            answer = ("error", traceback.format_exc())
        with os.fdopen(write, "wb", closefd=False) as out:
            pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        code = 1
    finally:
        os._exit(code)
