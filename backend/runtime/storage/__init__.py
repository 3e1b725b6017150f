"""The runtime's storage boundary: the only runtime package that imports SQLAlchemy, sqlmodel or ``backend.db``.

One module per store, every statement named there (procrastinate's ``queries`` idea): ``instances`` (claims and
step writes of workers), ``events`` (ingestion's writes and its group commit), ``profiles``, ``journeys``
(live and running versions, entry histories), ``actions``, ``event_types``, ``node_counts``, ``rate_limits``,
``backlog``, ``monitoring`` and ``housekeeping``. Hot-path functions take ``Tx``, an open transaction that
callers pass along without looking inside, so a whole group commit stays one transaction.
"""
