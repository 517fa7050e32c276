"""Logs are read in bounded ranges that shrink when the node refuses, and incrementally with a saved cursor."""

from dfa.chain.events import Cursor, iter_logs


def test_ranges_shrink_when_the_node_refuses(world, monkeypatch):
    for n in range(3):
        world.registry.register(world.new_investor(n), world.registrar)
    event = world.registry.contract.events.InvestorRegistered
    real = world.client.w3.eth.get_logs
    spans = []

    def picky(params):
        span = params["toBlock"] - params["fromBlock"] + 1
        spans.append(span)
        if span > 2:
            raise ValueError("query returned more than 10000 results")  # what nodes answer to a large range
        return real(params)

    monkeypatch.setattr(world.client.w3.eth, "get_logs", picky)
    logs = list(iter_logs(world.client, event, 0, None, None, block_range=64))
    assert len(logs) == 3 and max(spans) > 2 and min(spans) <= 2  # it asked big, then smaller


def test_a_cursor_reads_only_what_is_new(world, tmp_path):
    cursor = Cursor(tmp_path / "cursor.json")
    event = world.registry.contract.events.InvestorRegistered
    world.registry.register(world.new_investor(0), world.registrar)
    assert len(list(cursor.read(world.client, event))) == 1
    assert list(cursor.read(world.client, event)) == []
    world.registry.register(world.new_investor(1), world.registrar)
    [log] = cursor.read(world.client, event)
    assert log["args"]["wallet"] == world.wallets[1]


def test_a_cursor_does_not_move_when_reading_stops_half_way(world, tmp_path):
    cursor = Cursor(tmp_path / "cursor.json")
    event = world.registry.contract.events.InvestorRegistered
    for n in range(2):
        world.registry.register(world.new_investor(n), world.registrar)
    reader = cursor.read(world.client, event)
    next(reader)  # stop after the first log
    reader.close()
    assert len(list(cursor.read(world.client, event))) == 2
