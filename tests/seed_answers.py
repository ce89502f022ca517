"""What the seed page must answer to "who met Wisner about Kosovo", shared by every test of it.

The counterparts are named in 07MOSCOW627 and 07MOSCOW628; William J. Burns may appear too
(he hosted a lunch). The others are only talked about, never met.
"""

from __future__ import annotations

WISNER_MET = frozenset(
    {
        "Konstantin Kosachev",
        "Mikhail Margelov",
        "Yevgeniy Primakov",
        "Aleksey Arbatov",
        "Andrey Kortunov",
        "Vyacheslav Nikonov",
        "Nadia Arbatova",
        "Sergey Oznobishev",
        "Vladimir Titov",
        "Aleksandr Botsan-Karchenko",
    }
)
TALKED_ABOUT = ("Ahtisaari", "Milosevic", "Ceku", "Tadic", "Putin", "Merkel", "Churkin", "Lavrov")
