"""The terminal watch notices a hang-up on a real pseudo-terminal, and SIGHUP, without reading."""

from __future__ import annotations

import os
import pty
import signal
import threading

from tui.core.hangup import TerminalWatch, terminal_gone


def test_a_live_terminal_is_not_gone_and_a_closed_one_is() -> None:
    master, slave = pty.openpty()
    try:
        assert terminal_gone(slave) is None
        os.write(master, b"x")  # pending input is not a hang-up, and is not consumed
        assert terminal_gone(slave) is None
        os.close(master)
        assert terminal_gone(slave) == "hang-up"
    finally:
        os.close(slave)


def test_the_watch_calls_back_once_when_the_other_end_closes() -> None:
    master, slave = pty.openpty()
    calls: list[str] = []
    called = threading.Event()

    def lost(reason: str) -> None:
        calls.append(reason)
        called.set()

    watch = TerminalWatch(lost, fds=(slave,), interval=0.02).start()
    try:
        assert not called.wait(0.2)
        os.close(master)
        assert called.wait(5)
        assert calls == ["hang-up"]
    finally:
        watch.stop()
        os.close(slave)


def test_sighup_is_noticed_and_the_old_handler_comes_back() -> None:
    before = signal.getsignal(signal.SIGHUP)
    called = threading.Event()
    reasons: list[str] = []

    def lost(reason: str) -> None:
        reasons.append(reason)
        called.set()

    watch = TerminalWatch(lost, fds=(), interval=5).start()
    try:
        os.kill(os.getpid(), signal.SIGHUP)
        assert called.wait(5)
        assert reasons == ["SIGHUP"]
    finally:
        watch.stop()
    assert signal.getsignal(signal.SIGHUP) == before


def test_nothing_to_watch_without_a_terminal() -> None:
    read, write = os.pipe()
    try:
        watch = TerminalWatch(lambda reason: None, fds=(read, write))
        assert watch.fds == []
    finally:
        os.close(read)
        os.close(write)
