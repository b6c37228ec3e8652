"""The address policy: sample mode maps *.test to the sample web; live mode refuses
non-public addresses, decided on the resolved address."""

import asyncio

import pytest

from scrapers.address import AddressBook, RefusedAddress, forbidden_reason


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254",
                                "224.0.0.1", "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "::ffff:10.0.0.1", "240.0.0.1"])
def test_non_public_addresses_are_forbidden(ip):
    assert forbidden_reason(ip) is not None


@pytest.mark.parametrize("ip", ["93.184.216.34", "8.8.8.8", "2606:4700::1111"])
def test_public_addresses_are_allowed(ip):
    assert forbidden_reason(ip) is None


def test_sample_mode_connects_test_hosts_to_the_sample_port_and_refuses_others():
    book = AddressBook.for_sample_web("http://127.0.0.1:8765")

    async def scenario():
        assert await book.approve("prog-1.test", 80) == [("127.0.0.1", 8765)]
        assert await book.approve("127.0.0.1", 8765) == [("127.0.0.1", 8765)]
        with pytest.raises(RefusedAddress):
            await book.approve("example.com", 80)
        with pytest.raises(RefusedAddress):
            await book.approve("127.0.0.1", 22)

    asyncio.run(scenario())


class FakeResolver:
    def __init__(self, zone):
        self.zone, self.asked = zone, []

    async def resolve(self, host):
        self.asked.append(host)
        await asyncio.sleep(0)
        return self.zone[host]


def test_live_mode_decides_on_the_resolved_address_once_per_host():
    resolver = FakeResolver({"ok.example": ["93.184.216.34"], "inside.example": ["10.0.0.7"],
                             "mixed.example": ["93.184.216.34", "192.168.1.1"]})
    book = AddressBook(mode="live", resolver=resolver)

    async def scenario():
        results = await asyncio.gather(*[book.approve("ok.example", 80) for _ in range(5)])
        assert results[0] == [("93.184.216.34", 80)]
        for host in ("inside.example", "mixed.example"):
            with pytest.raises(RefusedAddress, match="private"):
                await book.approve(host, 80)
        with pytest.raises(RefusedAddress):
            await book.approve("127.0.0.1", 80)  # literal addresses are checked too

    asyncio.run(scenario())
    assert resolver.asked.count("ok.example") == 1
    assert "127.0.0.1" not in resolver.asked


def test_the_sample_web_rule_alone_does_not_import_scrapy():
    # gme refresh checks --sample-web with this rule before any step runs; importing Scrapy for it
    # cost every refresh 0.3 s (issue 12)
    import subprocess
    import sys

    code = ("import sys; from scrapers.address import AddressBook; "
            "AddressBook.for_sample_web('http://127.0.0.1:8800'); print('scrapy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
