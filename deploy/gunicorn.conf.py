"""gunicorn settings for Glossary CMS (`gunicorn -c deploy/gunicorn.conf.py`, as `make serve` runs it).

Environment variables change what a deployment usually changes:
  GUNICORN_BIND      where to listen (default 127.0.0.1:$PORT, PORT 8000: behind a reverse proxy or CDN)
  WEB_CONCURRENCY    worker processes (default: 2 per CPU this process may use, plus 1)
  GUNICORN_TIMEOUT   seconds a request may take before its worker is restarted (default 30)

The access log leaves query strings out: preview tokens travel in `?preview_token=`.
"""

import os

wsgi_app = "glossary_cms.wsgi:application"
bind = [os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"]


def _usable_cpus() -> int:
    """CPUs this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Sync workers: each answers one request at a time, and a request spends its time waiting on
# the database, so two per CPU keep the CPUs busy.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _usable_cpus() + 1)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# A worker asked to stop (HUP, a deploy) finishes the request in hand within this.
graceful_timeout = 30
# Behind a proxy that keeps connections open to us.
keepalive = 5
# Restart each worker after this many requests (with jitter, so not all at once): bounds
# the growth of anything a long-lived process accumulates.
max_requests = 10000
max_requests_jitter = 1000

accesslog = "-"
errorlog = "-"
# %(U)s is the path without its query string; %(r)s (the request line) and %(q)s would log tokens.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
