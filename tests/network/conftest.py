import pytest

from network.models import Peer

from .server import PeerServer, demo_files


@pytest.fixture
def peer_server():
    """A peer portal on loopback serving the demo Lakeside package under /data/."""
    server = PeerServer()
    server.answers.update(demo_files())
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _network_limits(settings):
    """Private addresses refused, 127.0.0.1 alone allowed (the peer on loopback); short limits."""
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    settings.NETWORK_ALLOWED_ADDRESSES = ["127.0.0.1"]
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 2
    settings.NETWORK_MAX_RESPONSE_BYTES = 1_000_000
    settings.NETWORK_MAX_REDIRECTS = 3


@pytest.fixture
def make_peer(db):
    def make(url: str, name: str = "Lakeside") -> Peer:
        return Peer.objects.create(name=name, package_url=url)

    return make
