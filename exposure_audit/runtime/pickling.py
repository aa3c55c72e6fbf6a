"""Pickling of the records that workers send to the parent process: their slot values as one tuple.

A frozen slots dataclass pickles by default through `dataclasses`' state functions, which look up
the class's fields again for every object. A large download sends tens of thousands of findings,
items and observations from the workers, and that lookup made receiving them one of the largest
costs of a whole run that only the parent process can do. `pickled_by_slots` writes the slot values
as one tuple and restores them straight into the slots. Like the default, it does not call
`__init__`, so what arrives equals what was sent.

The same slot setters copy a record with a few slots changed (`replaced`), for the photo stage,
which adds a photo's facts to every photo item: `dataclasses.replace` calls `__init__`, which sets a
frozen class's slots one `object.__setattr__` call at a time, three times the cost.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from operator import attrgetter, call
from typing import Any, TypeVar

T = TypeVar("T")

# class -> the setters of its slots, in the order of its __slots__ (the order of its fields)
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}
# class -> slot name -> its position in that order
_POSITIONS: dict[type, dict[str, int]] = {}
_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _restore(cls: type[T], values: tuple[Any, ...]) -> T:
    setters = _SETTERS[cls]
    if len(values) != len(setters):  # map stops at the shorter: a mismatch must not pass unseen
        raise TypeError(f"{cls.__name__}: {len(values)} values for {len(setters)} slots")
    restored = object.__new__(cls)
    # Each setter called on the object with its value, in C (`any` only drives the map: setters give
    # None).
    any(map(call, setters, repeat(restored), values))
    return restored


def replaced(record: T, **changes: Any) -> T:
    """A copy of a `pickled_by_slots` record with the named slots set to new values, as
    `dataclasses.replace` makes it but without `__init__` (which a frozen class runs slot by slot)."""
    cls = type(record)
    values = list(_VALUES[cls](record))
    positions = _POSITIONS[cls]
    for name, value in changes.items():
        values[positions[name]] = value  # KeyError for a name that is not a slot, as replace raises
    return _restore(cls, tuple(values))


def pickled_by_slots(cls: type[T]) -> type[T]:
    """Class decorator for a slots dataclass (apply it above @dataclass, so it sees the slots)."""
    names: tuple[str, ...] = tuple(cls.__dict__["__slots__"])
    if len(names) < 2:  # attrgetter of one name gives the bare value, not a tuple
        raise TypeError(f"{cls.__name__}: pickled_by_slots needs two slots or more")
    _SETTERS[cls] = tuple(cls.__dict__[name].__set__ for name in names)  # member descriptors
    _POSITIONS[cls] = {name: position for position, name in enumerate(names)}
    values = _VALUES[cls] = attrgetter(*names)

    def __reduce__(self: T) -> tuple[Callable[[type[T], tuple[Any, ...]], T], tuple[type[T], tuple[Any, ...]]]:
        if type(self) is not cls:  # a subclass has slots of its own, which these values would lose
            raise TypeError(f"{type(self).__name__}: decorate it with pickled_by_slots as well")
        return _restore, (cls, values(self))

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - a method set on the class the decorator returns
    return cls
