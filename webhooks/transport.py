"""The HTTP transport for webhooks: connect-time address pinning and a total deadline.

Pinning: the host name is resolved once, every answer is checked by webhooks.safety, and
the socket connects to those checked addresses only; TLS still uses the host name for
SNI and certificate checks, and the Host header is the URL's. A resolver that answers
differently the second time (DNS rebinding) therefore cannot reach an internal address.
This is what requests-hardened does; we keep our own ~50 lines because its filter is a
deny-list (`is_private` plus extra ranges) while ours allows only `is_global` addresses.

Deadline: requests' timeouts apply per socket operation, so a receiver that trickles a
byte at a time can hold a request for ever. Each attempt gets a timer that shuts its
sockets down when the total deadline passes, which ends any blocked read or write.
Proxies from the environment are ignored: a proxy would make the pinning meaningless.
"""

import contextlib
import socket
import threading
import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from webhooks.safety import checked_addresses


class DeadlineExceeded(requests.Timeout):
    """The whole attempt (connect, send, read the status) took longer than its deadline."""


class Deadline:
    """A total time limit for one attempt: shuts down the attempt's sockets when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expires_at = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.0, self.expires_at - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        # A duplicate descriptor: TLS wrapping detaches the original socket object, and a
        # shutdown on any descriptor of a connection ends it for all of them.
        duplicate = sock.dup()
        with self._lock:
            self._sockets.append(duplicate)
            if self.expired:
                self._shutdown(duplicate)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shutdown(sock)

    def close(self) -> None:
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed by the client: nothing left to interrupt
            sock.shutdown(socket.SHUT_RDWR)


class _PinnedConnectionMixin:
    """Connect only to addresses webhooks.safety allowed, resolved once per connection."""

    deadline: Deadline  # set on the per-attempt subclass

    def _new_conn(self) -> socket.socket:
        last_error: OSError | None = None
        for address in checked_addresses(self.host, self.port):
            timeout = min(self.timeout, self.deadline.remaining()) if self.timeout else self.deadline.remaining()
            try:
                sock = socket.create_connection((str(address), self.port), timeout=timeout)
            except TimeoutError as error:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from error
            except OSError as error:
                last_error = error
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.deadline.watch(sock)
            return sock
        raise NewConnectionError(self, f"Failed to establish a new connection: {last_error}")


class _PinnedAdapter(HTTPAdapter):
    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        attrs = {"deadline": self.deadline}
        http = type("PinnedHTTPConnection", (_PinnedConnectionMixin, HTTPConnection), attrs)
        https = type("PinnedHTTPSConnection", (_PinnedConnectionMixin, HTTPSConnection), attrs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
            "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
        }


def post(url: str, *, data: bytes, headers: dict[str, str], deadline_seconds: float) -> int:
    """POST once, without redirects, and return the status code (the body is not read).

    Raises UnsafeDestination for an address webhooks may not reach, DeadlineExceeded (a
    requests.Timeout) past the deadline, and other requests exceptions as requests does.
    """
    deadline = Deadline(deadline_seconds)
    timer = threading.Timer(deadline_seconds, deadline.expire)
    timer.daemon = True
    session = requests.Session()
    session.trust_env = False  # no proxies or .netrc from the environment
    adapter = _PinnedAdapter(deadline)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    timer.start()
    try:
        with session.post(
            url,
            data=data,
            headers=headers,
            timeout=(min(5.0, deadline_seconds), deadline_seconds),
            allow_redirects=False,
            stream=True,  # only the status matters; a huge or endless body is never read
        ) as response:
            status_code = response.status_code
    except requests.RequestException as error:
        if deadline.expired:
            raise DeadlineExceeded(f"No answer within {deadline_seconds} s.") from error
        raise
    else:
        # A status line cut short by the shutdown can still parse ("HTTP/1.1 200 O" and
        # end of stream): an answer that needed the deadline to end is no answer.
        if deadline.expired:
            raise DeadlineExceeded(f"No answer within {deadline_seconds} s.")
        return status_code
    finally:
        timer.cancel()
        session.close()
        deadline.close()
