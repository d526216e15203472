"""What a count's link opens: the list the count was taken from, narrowed to the rows it counts."""

from collections.abc import Callable


def saring(items: list, params, **kunci: Callable) -> tuple[list, list[str]]:
    """``items`` narrowed by each ``?nama=`` given as a keyword, and the labels of the filters that
    applied. ``kunci[nama](item)`` is the item's group for that filter, ``(value, label)``, or None
    for an item in no group (an event without both actors coded). A value that names no group of
    ``items`` is ignored, as in the other lists; filters that each name a group but no item together
    leave an empty list that says so."""
    semua, kata = items, []
    for nama, fungsi in kunci.items():
        nilai = params.get(nama, "")
        label = (
            next((k[1] for item in semua if (k := fungsi(item)) and k[0] == nilai), None) if nilai else None
        )
        if label is not None:
            items = [item for item in items if (k := fungsi(item)) and k[0] == nilai]
            kata.append(label)
    return items, kata
