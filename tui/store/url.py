"""Where the notes live: a ``postgresql://`` URL (``--store`` or ``store = ...`` in config).

The password in a URL is a secret: :func:`mask` replaces it wherever a URL is shown or logged,
and errors from the driver are passed through :func:`scrub` before a user sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")
MASK = "***"


class StoreUrlError(ValueError):
    """A store setting that is not a PostgreSQL URL, as one line (password masked)."""


@dataclass(frozen=True, slots=True)
class StoreUrl:
    """A parsed team-store URL; ``str()`` and ``repr()`` never show the password."""

    url: str

    @property
    def masked(self) -> str:
        return mask(self.url)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"StoreUrl({self.masked!r})"


def is_server_url(value: str | None) -> bool:
    return bool(value) and str(value).split(":", 1)[0].lower() in SCHEMES


def parse_store_url(value: str) -> StoreUrl:
    """Check ``value`` is a PostgreSQL URL (``postgresql://user:pw@host:port/db``)."""
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        raise StoreUrlError("store URL is not a valid URL") from None
    if parts.scheme.lower() not in SCHEMES:
        raise StoreUrlError(
            f"store {mask(value)!r} is not supported: use postgresql://user@host:port/database"
        )
    if not parts.hostname and "host=" not in parts.query:
        raise StoreUrlError(f"store URL {mask(value)} names no host")
    return StoreUrl(value)


def mask(url: str) -> str:
    """``postgresql://anna:secret@db/x`` → ``postgresql://anna:***@db/x``; a password in the
    query (``?password=...``) is masked too."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^@/]*@", "//" + MASK + "@", url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}:{MASK}@{host}"
    query = re.sub(r"(?i)(password=)[^&]*", r"\1" + MASK, parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def scrub(message: str, url: str | None = None) -> str:
    """A driver's error text with any password taken out (it may echo the connection string)."""
    if url:
        try:
            password = urlsplit(url).password
        except ValueError:
            password = None
        if password:
            message = message.replace(password, MASK)
        message = message.replace(url, mask(url))
    message = re.sub(r"(?i)(password\s*=\s*)\S+", r"\1" + MASK, message)
    return re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1" + MASK + "@", message)
