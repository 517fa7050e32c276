"""One atomic writer for every file dfa keeps: the old content or the new, never a part, never a stray file."""

import os

import pytest

from dfa._atomic_file import write_atomically


def test_a_file_is_replaced_whole_and_no_temporary_file_stays(tmp_path):
    target = tmp_path / "deeper" / "record.json"
    write_atomically(target, '{"a": 1}')
    write_atomically(target, '{"a": 2}')
    assert target.read_text() == '{"a": 2}'
    assert os.listdir(target.parent) == ["record.json"]


def test_a_write_that_fails_leaves_the_old_content_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "record.json"
    write_atomically(target, "old")

    def disk_full(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, "new")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["record.json"]
