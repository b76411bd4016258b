"""Keep preview tokens out of logs: a token in a log line would let anyone who reads logs see drafts."""

import logging
import re

TOKEN_IN_TEXT = re.compile(r"(preview_token=)[^&\s\"']+", re.IGNORECASE)


class RedactPreviewTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "preview_token=" in message.lower():
            record.msg = TOKEN_IN_TEXT.sub(r"\1[redacted]", message)
            record.args = ()
        return True
