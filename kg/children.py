"""Worker processes that end with the process that started them.

A parent killed outright (``kill -9``, the OOM killer) runs no clean-up, so its workers
would live on as orphans: extraction workers waiting for work that never comes, a query
process still counting. On Linux each worker asks the kernel to kill it when its parent
dies (``PR_SET_PDEATHSIG``), and a thread watches for the end of the process that asked
for the worker: with the ``forkserver`` start method the worker's parent is the fork
server, which itself lives as long as any worker holds its pipe, so only watching the
asking process breaks that circle.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1


def end_with_parent(owner: int | None = None, *, ignore_sigint: bool = True) -> None:
    """Call first thing in a worker: it ends when its parent, or ``owner`` (the pid of the
    process that started the pool), does. Ctrl-C is the parent's to handle."""
    if ignore_sigint:
        # Ctrl-C reaches the whole process group; the parent alone decides how to stop.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent or not _alive(owner):  # gone before the request was made
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, owner), name="watch-parent", daemon=True).start()


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(parent: int, owner: int | None) -> None:
    while os.getppid() == parent and _alive(owner):
        time.sleep(0.5)
    os._exit(1)
