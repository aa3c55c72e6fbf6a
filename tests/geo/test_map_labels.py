"""Label placement: labels keep clear of each other and of obstacles, prefer the spot to the right,
stand apart with a leader line only when they must, and are dropped when nothing is free."""

from __future__ import annotations

from exposure_audit.geo.map_labels import Box, LabelRequest, Placer, text_width


def request(text: str, x: float, y: float, far: bool = True) -> LabelRequest:
    return LabelRequest(text=text, x=x, y=y, radius=5.0, size=13.0, far=far)


def test_text_width_follows_the_letters() -> None:
    assert text_width("WWW", 13) > text_width("iii", 13) * 3
    assert text_width("Keiraville", 13, bold=True) > text_width("Keiraville", 13)
    assert text_width("東京", 10) == 20.0
    assert text_width("Rene\u0301e", 10) == text_width("Renee", 10)  # a combining accent takes no room


def test_first_choice_is_right_of_the_anchor() -> None:
    placed = Placer(400, 300).place(request("likely home", 100, 100))
    assert placed is not None and placed.box.x0 > 105 and placed.leader is None
    assert placed.box.y0 < 100 < placed.box.y1


def test_an_obstacle_moves_the_label_and_a_crowd_drops_it() -> None:
    right = Box(104, 80, 300, 120)
    placer = Placer(400, 300, [right])
    placed = placer.place(request("likely home", 100, 100))
    assert placed is not None and not placed.box.overlaps(right)
    walls = [Box(0, 0, 400, 300)]
    assert Placer(400, 300, walls).place(request("x", 200, 150)) is None


def test_labels_placed_one_after_another_never_overlap() -> None:
    placer = Placer(300, 200)
    placed = [p for i in range(40) if (p := placer.place(request(f"Town {i}", 100 + i % 5, 100 + i % 3)))]
    assert 3 < len(placed) < 40
    for i, a in enumerate(placed):
        assert a.box.inside(300, 200)
        assert not any(a.box.overlaps(b.box) for b in placed[i + 1 :])
    assert any(p.leader is not None for p in placed)  # the later ones stand apart, joined by a line


def test_a_near_only_label_never_stands_apart() -> None:
    placer = Placer(300, 200)
    placed = [p for i in range(40) if (p := placer.place(request(f"Town {i}", 100, 100, far=False)))]
    assert placed and all(p.leader is None for p in placed) and len(placed) <= 8
