"""A per-address rate limit for the public pages (a fixed window counted in the cache: Redis when
configured, so every worker shares it)."""

import time

from django.core.cache import cache


def melebihi(request, nama: str, batas: int, detik: int) -> bool:
    """Whether this request is more than ``batas`` from its address within the current window of
    ``detik`` seconds for ``nama``."""
    jendela = int(time.time() // detik)
    kunci = f"batas:{nama}:{request.META.get('REMOTE_ADDR', '')}:{jendela}"
    cache.add(kunci, 0, detik + 5)
    try:
        return cache.incr(kunci) > batas
    except ValueError:  # evicted between add and incr
        cache.set(kunci, 1, detik + 5)
        return False
