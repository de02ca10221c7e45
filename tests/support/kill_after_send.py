"""Test harness: run one dispatch and SIGKILL this process right after apprise returns.

    python -m tests.support.kill_after_send DB_URL CHANNEL_JSON NOW_ISO OWNER

The kill sits in a wrapper around `send_message` given to `dispatch_due`: production code
knows nothing about it. The process dies after the first send, before its outcome is
recorded: the worst moment for a delivery guarantee.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

from pactwatch.config import ChannelConfig
from pactwatch.notify.outbox import dispatch_due
from pactwatch.notify.render import Message
from pactwatch.notify.send import SendResult, send_message
from pactwatch.store import open_database


def main(argv: list[str]) -> int:
    db_url, channel_json, now_iso, owner = argv
    channel = ChannelConfig.model_validate_json(channel_json)

    def send_then_die(target: ChannelConfig, message: Message) -> SendResult:
        result = send_message(target, message)
        print(f"sent ok={result.ok}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        return result

    db = open_database(db_url)
    dispatch_due(
        db.sessions, [channel], datetime.fromisoformat(now_iso), owner=owner, send=send_then_die
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
