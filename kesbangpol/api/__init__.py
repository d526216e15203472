"""The read-only JSON API under ``/api/v1/`` (Django REST framework; the schema from drf-spectacular).

The API adds no rule of its own about who sees what: every endpoint reads through its model's
``for_user`` (and ``terlihat`` for the *rahasia* of nested items), exactly as the pages do. What it adds:

- **Personal access tokens** (``TokenAkses``), sent as ``Authorization: Bearer kbp_…``; an unknown,
  expired or revoked token, or one of a deactivated user, gets 401. A signed-in browser session works
  too (the documentation page's *Try it out*).
- **Read only**: any method but GET/HEAD/OPTIONS is refused with 403, whatever the user's role; a token
  reads only the parts of the data it was given (``cakupan``).
- **A rate limit per token** (``API_BATAS``, 429 beyond it), **cursor pagination** (stable under
  inserts, no COUNT), and **every call in the audit trail** (``api_baca``, with the token's prefix).

Apps add their endpoints with :func:`dasar.daftar` from their ``AppConfig.ready`` (the core imports no app).
"""
