"""Core table handles of the SQLModel tables, typed, in one place (SQLModel does not type ``Model.__table__``)."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy import inspect as inspect_model
from sqlmodel import SQLModel

from backend.db.journey_tables import JourneyRow, JourneyVersionRow
from backend.db.runtime_tables import EventRow, InstanceRow, NodeCountRow, ProfileRow, RateLimitRow, StepLogRow
from backend.db.tables import ApiToken, CustomActionRow, EventTypeRow, LoginFailure, User, UserSession


def table_of(model: type[SQLModel]) -> Table:
    """The Core table a SQLModel table class maps."""
    table = inspect_model(model).local_table
    assert isinstance(table, Table)
    return table


ACTIONS = table_of(CustomActionRow)
EVENT_TYPES = table_of(EventTypeRow)
EVENTS = table_of(EventRow)
INSTANCES = table_of(InstanceRow)
JOURNEYS = table_of(JourneyRow)
LOGIN_FAILURES = table_of(LoginFailure)
NODE_COUNTS = table_of(NodeCountRow)
PROFILES = table_of(ProfileRow)
RATE_LIMITS = table_of(RateLimitRow)
SESSIONS = table_of(UserSession)
STEP_LOGS = table_of(StepLogRow)
TOKENS = table_of(ApiToken)
USERS = table_of(User)
VERSIONS = table_of(JourneyVersionRow)
