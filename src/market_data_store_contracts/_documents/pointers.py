"""JSON pointers (RFC 6901): extending one by reference tokens, unescaping a token, and
writing one as a URI fragment."""

from __future__ import annotations

import re
from urllib.parse import quote

#: characters a fragment keeps as they are (RFC 3986 ``pchar`` without ``%``, and ``/``)
_FRAGMENT_SAFE = "/~!$&'()*+,;=:@"
_LONE_SURROGATES = re.compile("([\ud800-\udfff]+)")


def pointer_join(pointer: str, *parts: str | int) -> str:
    """Extend a JSON pointer by escaped reference tokens (RFC 6901)."""
    for part in parts:
        token = str(part).replace("~", "~0").replace("/", "~1")
        pointer = f"{pointer}/{token}"
    return pointer


def pointer_token(escaped: str) -> str:
    """One reference token of a JSON pointer, unescaped (RFC 6901): ``a~1b`` is ``a/b``."""
    return escaped.replace("~1", "/").replace("~0", "~")


def pointer_fragment(pointer: str) -> str:
    """``pointer`` as a URI fragment (RFC 3986), which ``referencing`` reads back with
    ``unquote``: every character outside ``pchar`` percent-encoded as UTF-8 (``%`` as ``%25``,
    a space as ``%20``). A lone surrogate, which JSON allows in a name but which has no UTF-8
    form, stays as it is: ``unquote`` leaves characters beyond ASCII alone."""
    parts = _LONE_SURROGATES.split(pointer)
    return "".join(
        part if index % 2 else quote(part, safe=_FRAGMENT_SAFE) for index, part in enumerate(parts)
    )
