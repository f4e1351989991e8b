"""The fetcher's address guard, on its own."""

import pytest

from network import fetch


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "0.0.0.0",  # noqa: S104 (an address refused, not bound)
        "224.0.0.1",
        "240.0.0.1",
        "100.64.0.1",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
    ],
)
def test_private_loopback_and_reserved_addresses_are_refused(address, settings):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    settings.NETWORK_ALLOWED_ADDRESSES = []

    assert not fetch.address_allowed(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "142.250.72.14", "2607:f8b0:4004:c07::64"])
def test_public_addresses_are_allowed(address, settings):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False

    assert fetch.address_allowed(address)


def test_the_setting_allows_private_addresses(settings):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = True

    assert fetch.address_allowed("10.0.0.1")


def test_an_allow_list_allows_one_address_and_no_other(settings):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    settings.NETWORK_ALLOWED_ADDRESSES = ["127.0.0.1"]

    assert fetch.address_allowed("127.0.0.1")
    assert not fetch.address_allowed("127.0.0.2")
    assert not fetch.address_allowed("10.0.0.1")


def test_a_host_name_that_resolves_to_a_private_address_is_refused(settings, monkeypatch):
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    settings.NETWORK_ALLOWED_ADDRESSES = []
    monkeypatch.setattr(
        fetch.socket,
        "getaddrinfo",
        lambda *args, **kwargs: [
            (2, 1, 6, "", ("93.184.216.34", 80)),
            (2, 1, 6, "", ("10.1.2.3", 80)),
        ],
    )

    with pytest.raises(fetch.FetchError) as raised:
        fetch.fetch("http://peer.example/data/datapackage.json")

    assert raised.value.kind == fetch.REFUSED_ADDRESS


def test_the_connection_goes_to_the_address_that_was_checked(settings, monkeypatch):
    """No second lookup between the check and the connection (DNS rebinding)."""
    settings.NETWORK_ALLOW_PRIVATE_ADDRESSES = False
    settings.NETWORK_ALLOWED_ADDRESSES = []
    lookups = []

    def resolve(host, *args, **kwargs):
        lookups.append(host)
        return [(2, 1, 6, "", ("93.184.216.34", 80))]

    opened = []

    def urlopen(self, method, url, **kwargs):
        opened.append((self.host, kwargs["headers"]["Host"]))
        raise fetch.urllib3.exceptions.NewConnectionError(None, "stop here")  # type: ignore[arg-type]

    monkeypatch.setattr(fetch.socket, "getaddrinfo", resolve)
    monkeypatch.setattr(fetch.urllib3.HTTPConnectionPool, "urlopen", urlopen)

    with pytest.raises(fetch.FetchError):
        fetch.fetch("http://peer.example/data/datapackage.json")

    assert lookups == ["peer.example"]
    assert opened == [("93.184.216.34", "peer.example")]
