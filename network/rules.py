"""Who may do what with the network of portals: the one place that says it.

Registering, editing and removing peer portals is a power of the Partnership administration
role (granted by network 0002); anyone reads the /network/ page."""

import rules

from core.rules import staff_granted

rules.add_perm("network.register_peer", staff_granted("network.add_peer"))
rules.add_perm("network.edit_peer", staff_granted("network.change_peer"))
rules.add_perm("network.remove_peer", staff_granted("network.delete_peer"))
