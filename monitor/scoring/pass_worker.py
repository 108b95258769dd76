"""The worker process of a whole rebuild (:class:`monitor.scoring.passes.Ahead`):
``python -m monitor.scoring.pass_worker`` reads the store's URL and division, then
scores each pass it is sent, through its own connection, and sends it back scored.

Its stdin carries pickled requests, its stdout pickled ``("ok", ScoredPass)`` or
``("error", traceback)``; whatever else would write to stdout goes to stderr.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback


def serve() -> None:
    requests = sys.stdin.buffer
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not break the stream of answers
    from monitor.scoring.passes import score_pass
    from monitor.store import Store

    url, division_id = pickle.load(requests)
    store = Store(url)
    while True:
        try:
            ids, read, chosen = pickle.load(requests)
        except EOFError:  # no more passes
            break
        try:
            answer = ("ok", score_pass(store, division_id, ids, read, chosen))
        except Exception:
            answer = ("error", traceback.format_exc())
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()
    store.engine.dispose()


if __name__ == "__main__":
    serve()
