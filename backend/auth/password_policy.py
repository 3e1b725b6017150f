"""How strong a new password must be, judged by zxcvbn (Dropbox's estimator) rather than by length rules."""

from __future__ import annotations

from collections.abc import Sequence

from zxcvbn import zxcvbn

from backend.errors import InvalidInputError

# zxcvbn scores 0-4; 3 means "safely unguessable: moderate protection from offline slow-hash scenario"
# (about 10^8 guesses or more), the level its authors suggest for accounts like these.
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching is quadratic); the first 72 characters bound the strength from below.
CHECKED_LENGTH = 72


def password_problem(password: str, user_inputs: Sequence[str] = ()) -> str | None:
    """Why the password is too weak, in plain words with zxcvbn's advice; None when it is strong enough."""
    result = zxcvbn(password[:CHECKED_LENGTH], user_inputs=list(user_inputs))
    score = int(result["score"])
    if score >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    advice = " ".join(text for text in [feedback["warning"], *feedback["suggestions"]] if text)
    problem = f"is too weak (strength {score} of 4, at least {MIN_SCORE} needed)"
    return f"{problem}: {advice}" if advice else f"{problem}: add more unusual words or characters"


def check_password_strength(password: str, user_inputs: Sequence[str] = ()) -> None:
    """Raise a 400 naming the ``password`` field when the password is too weak."""
    if problem := password_problem(password, user_inputs):
        raise InvalidInputError.field("password", problem, "weakPassword")
