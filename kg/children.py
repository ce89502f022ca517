"""Worker processes that end with the process that started them.

A parent killed outright (``kill -9``, the OOM killer) runs no clean-up, so its workers
would live on as orphans: extraction workers waiting for work that never comes, a query
process still counting. So each worker runs a thread that watches the process that asked
for it (the ``owner``) and ends the worker when that process is gone.

The owner is watched by pid rather than through the parent: with the ``forkserver`` start
method a worker's parent is the fork server, which itself lives as long as any worker holds
its pipe. (Linux's ``PR_SET_PDEATHSIG`` is not used: it fires when the *thread* that
started the child ends, and the server starts query processes from short-lived threads.)
"""

from __future__ import annotations

import os
import signal
import threading
import time


def end_with_parent(owner: int | None = None, *, ignore_sigint: bool = True) -> None:
    """Call first thing in a worker: it ends when ``owner`` (default: its parent) does.
    Ctrl-C reaches the whole process group; the owner alone decides how to stop."""
    if ignore_sigint:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    owner = os.getppid() if owner is None else owner
    if not _alive(owner):  # gone before the worker started
        os._exit(1)
    threading.Thread(target=_watch, args=(owner,), name="watch-owner", daemon=True).start()


def _alive(pid: int) -> bool:
    if pid <= 1:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(owner: int) -> None:
    while _alive(owner):
        time.sleep(0.5)
    os._exit(1)
