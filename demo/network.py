"""Two neighbouring demo partnerships in the network of portals (invented): their packages ship
in demo/network/<id>/ and are read through the same validation as a fetched package."""

from pathlib import Path

from network import services

FOLDER = Path(__file__).resolve().parent / "network"

DEMO_PEERS = [
    (
        "Lakeside LIP (demo)",
        "https://lakeside-lip.example/data/datapackage.json",
        "ca-on-lakeside-lip",
    ),
    (
        "Northbridge LIP (demo)",
        "https://northbridge-lip.example/data/datapackage.json",
        "ca-on-northbridge-lip",
    ),
]


def seed_network() -> None:
    for name, package_url, folder in DEMO_PEERS:
        services.demo_peer_import(name=name, package_url=package_url, directory=FOLDER / folder)
