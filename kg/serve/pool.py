"""A few SPARQL worker processes; a query that outlives its time limit is stopped by killing its worker.

Oxigraph has no query timeout and a thread cannot be stopped, so the only way to really end a runaway
query is to end the process running it. Each worker serves one query at a time; a killed or crashed
worker is replaced in the background while the others keep answering.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from kg.serve import worker
from kg.serve.worker import QueryReply, QueryRequest

log = logging.getLogger(__name__)


class QueryStopped(Exception):
    """A query got no answer: the subclass says why."""


class QueryTimedOut(QueryStopped):
    """The query ran longer than the time limit and its worker was killed."""


class WorkerCrashed(QueryStopped):
    """The worker died while running the query (most likely it hit its memory limit)."""


class NoWorkerAvailable(QueryStopped):
    """Every worker stayed busy (or none could start) for longer than a request may wait."""


class _Worker:
    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.connection.close()


class QueryPool:
    """Worker processes over one output folder, started on first use and replaced when killed."""

    def __init__(self, dist_dir: Path, size: int = 2, start_wait: float = 30.0) -> None:
        self.dist_dir = Path(dist_dir)
        self.size = size
        self.start_wait = start_wait
        # spawn, not fork: the web process has threads, and a forked child could inherit a held lock
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False

    def start(self) -> None:
        """Start workers up to the pool's size (they load in the background)."""
        with self._lock:
            if self._closed:
                return
            missing = self.size - len(self._workers) - self._starting
            self._starting += max(missing, 0)
        for _ in range(missing):
            threading.Thread(target=self._spawn, name="sparql-worker-start", daemon=True).start()

    def run(self, request: QueryRequest, timeout: float) -> QueryReply:
        """Run a query on an idle worker; kill the worker if it has not answered within `timeout` seconds."""
        current = self._take(timeout + self.start_wait)
        try:
            current.connection.send(request)
            if not current.connection.poll(timeout):
                self._replace(current)
                raise QueryTimedOut(f"the query ran longer than {timeout:g} s")
            reply = current.connection.recv()
        except (EOFError, OSError):
            self._replace(current)
            raise WorkerCrashed("the query stopped its worker") from None
        self._idle.put(current)
        return reply

    def close(self) -> None:
        """Stop every worker; the pool starts no more."""
        with self._lock:
            self._closed = True
            workers, self._workers = list(self._workers), set()
        for each in workers:
            each.stop()

    def _take(self, wait: float) -> _Worker:
        """An idle, live worker, waiting at most `wait` seconds for one."""
        while True:
            self.start()
            try:
                candidate = self._idle.get(timeout=wait)
            except queue.Empty:
                raise NoWorkerAvailable(f"no SPARQL worker became free within {wait:g} s") from None
            if candidate.process.is_alive():
                return candidate
            self._replace(candidate)

    def _replace(self, dead: _Worker) -> None:
        with self._lock:
            self._workers.discard(dead)
        dead.stop()
        self.start()

    def _spawn(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=worker.main, args=(child, str(self.dist_dir)), name="vnpost-kg-sparql", daemon=True
        )
        with self._lock:
            self._starting -= 1
            if self._closed:
                parent.close()
                child.close()
                return
            process.start()
            started = _Worker(process, parent)
            self._workers.add(started)
        child.close()
        try:
            message = parent.recv() if parent.poll(self.start_wait) else "it did not start in time"
        except (EOFError, OSError):
            message = "it exited while loading"
        if message == worker.READY and not self._closed:
            self._idle.put(started)
            return
        if not self._closed:
            log.error("a SPARQL worker could not start: %s", message)
        with self._lock:
            self._workers.discard(started)
        started.stop()
