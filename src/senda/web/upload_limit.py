"""The first of Django's upload handlers (``FILE_UPLOAD_HANDLERS``): stops reading a file
that passes ``SENDA_UPLOAD_MAX_MB``, and notes on the request why a file did not arrive, so
the page can say so instead of "Select a file".

- A body far above the limit (more than the limit and a megabyte for the form's other
  fields) is refused as soon as its file begins: the file's bytes are not read, and the
  connection is closed after the answer (a browser still sending may show that instead).
- A file that grows past the limit is dropped where it passes it (the little that is left
  of the body is read, so the browser gets the page).
- A file whose body ends before it does (the browser closed, the connection dropped) is
  noted as interrupted; Django's handlers delete what they held.

The fields before the file (the CSRF token, the purpose) are kept either way.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError

#: Room for the form's other fields and the multipart framing around the file.
SLACK = 1024 * 1024

#: What reading a request's body may raise when it cannot be read whole.
UNREADABLE = (
    MultiPartParserError,
    UnreadablePostError,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    UnicodeDecodeError,
    ValueError,
)

TOO_LARGE = "senda_upload_too_large"
INTERRUPTED = "senda_upload_interrupted"


def max_bytes() -> int:
    return int(getattr(settings, "SENDA_UPLOAD_MAX_MB", 20)) * 1024 * 1024


class UploadLimitHandler(FileUploadHandler):
    def handle_raw_input(
        self, input_data: Any, meta: Any, content_length: int, *args: Any, **kw: Any
    ) -> None:
        self.body_length = content_length
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        if self.body_length > max_bytes() + SLACK:
            self._refuse(reset=True)  # the rest is not read: the connection is closed

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_bytes():
            self._refuse(reset=False)  # what is left of the body is under SLACK: read it
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def upload_interrupted(self) -> None:
        if self.request is not None:
            setattr(self.request, INTERRUPTED, True)

    def _refuse(self, *, reset: bool) -> None:
        if self.request is not None:
            setattr(self.request, TOO_LARGE, True)
        raise StopUpload(connection_reset=reset)
