"""The scan's --max-* flags, built from the caps in `Limits` so that a cap and its flag are declared once.

Typer reads a command's options from `inspect.signature`; `with_limit_flags` gives the command a
signature in which its `limits` parameter is replaced by one option per flagged cap, and hands the
command the values given as one mapping from cap name to value.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import typer

from exposure_audit.errors import UsageError
from exposure_audit.limits import DEFAULT_LIMITS, Limits, cap_flags, parse_size, with_overrides

LIMITS_PANEL = "Limits on hostile input"

# What the --max-* flags were given, by cap name: sizes as text such as "2G", the rest as numbers.
LimitValues = Mapping[str, str | float | None]

# Cap name -> its flag, for messages and tests.
LIMIT_FLAGS = {name: cap.flag for name, _, cap in cap_flags()}


def _parameter_name(flag: str) -> str:
    return flag.removeprefix("--").replace("-", "_")


def limit_parameters() -> list[inspect.Parameter]:
    """One keyword option per flagged cap, in the order `Limits` declares them."""
    parameters = []
    for _, kind, cap in cap_flags():
        value: Any = str if cap.size else kind
        option = typer.Option(
            cap.flag, metavar="SIZE" if cap.size else "N", help=cap.help, rich_help_panel=LIMITS_PANEL
        )
        parameters.append(
            inspect.Parameter(
                _parameter_name(cap.flag),
                inspect.Parameter.KEYWORD_ONLY,
                default=None,
                annotation=Annotated[value | None, option],
            )
        )
    return parameters


def with_limit_flags(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with its `limits` parameter shown to typer as the --max-* options (see the module)."""
    signature = inspect.signature(command, eval_str=True)
    parameters = list(signature.parameters.values())
    at = [p.name for p in parameters].index("limits")
    flags = limit_parameters()
    by_parameter = {_parameter_name(cap.flag): name for name, _, cap in cap_flags()}

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> None:
        values = {by_parameter[p.name]: kwargs.pop(p.name, None) for p in flags}
        command(**kwargs, limits=values)

    # Typer passes every parameter by name, so all of them can be keyword-only, in the order shown.
    shown = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in parameters[:at] + parameters[at + 1 :]]
    wrapper.__signature__ = signature.replace(parameters=[*shown[:at], *flags, *shown[at:]])  # type: ignore[attr-defined]
    return wrapper


def limits_from(values: LimitValues) -> Limits:
    """The --max-* flags given as Limits; a value that is not a positive number or size is a usage error."""
    limits = DEFAULT_LIMITS
    for name, value in values.items():
        try:
            number = parse_size(value) if isinstance(value, str) else value
            limits = with_overrides({name: number}, limits)
        except ValueError as exc:
            raise UsageError(LIMIT_FLAGS[name], str(exc), "Give a positive value; sizes as 512M or 2G") from None
    return limits
