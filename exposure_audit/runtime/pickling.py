"""Pickling of the records that workers send to the parent process: their slot values as one tuple.

A frozen slots dataclass pickles by default through `dataclasses`' state functions, which look up
the class's fields again for every object. A large download sends tens of thousands of findings,
items and observations from the workers, and that lookup made receiving them one of the largest
costs of a whole run that only the parent process can do. `pickled_by_slots` writes the slot values
as one tuple and restores them straight into the slots. Like the default, it does not call
`__init__`, so what arrives equals what was sent.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")

# class -> the setters of its slots, in the order of its __slots__ (the order of its fields)
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def _restore(cls: type[T], values: tuple[Any, ...]) -> T:
    restored = object.__new__(cls)
    for set_slot, value in zip(_SETTERS[cls], values, strict=True):
        set_slot(restored, value)
    return restored


def pickled_by_slots(cls: type[T]) -> type[T]:
    """Class decorator for a slots dataclass (apply it above @dataclass, so it sees the slots)."""
    names: tuple[str, ...] = tuple(cls.__dict__["__slots__"])
    if len(names) < 2:  # attrgetter of one name gives the bare value, not a tuple
        raise TypeError(f"{cls.__name__}: pickled_by_slots needs two slots or more")
    _SETTERS[cls] = tuple(cls.__dict__[name].__set__ for name in names)  # member descriptors
    values = attrgetter(*names)

    def __reduce__(self: T) -> tuple[Callable[[type[T], tuple[Any, ...]], T], tuple[type[T], tuple[Any, ...]]]:
        if type(self) is not cls:  # a subclass has slots of its own, which these values would lose
            raise TypeError(f"{type(self).__name__}: decorate it with pickled_by_slots as well")
        return _restore, (cls, values(self))

    setattr(cls, "__reduce__", __reduce__)  # noqa: B010 - a method set on the class the decorator returns
    return cls
