"""Property tests of the input path: any text, any JSON body, never an intent from typed text or an oversize
stored message."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.guard.inbound import PAYLOAD_MARK, is_payload, message_fields
from bot.guard.messages import stored_text
from bot.nlu.input_check import MAX_MESSAGE_CHARS, check_message

HIDDEN_PREFIXES = st.sampled_from(
    ["", " ", "\u200b", "\u2060", "<b>", "<i> ", "\t", "/ ", "<script></script>"]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


@given(prefix=HIDDEN_PREFIXES, command=st.text(), typed=st.text())
def test_typed_text_never_starts_with_a_command_slash(prefix: str, command: str, typed: str) -> None:
    """Whatever hides the slash, the text the NLU reads does not start with "/" (Rasa's intent syntax)."""
    for raw in (prefix + "/" + command, typed):
        assert not check_message(raw).text.strip().startswith("/")


@given(st.text(min_size=0, max_size=6000))
@settings(max_examples=200)
def test_a_stored_message_is_never_longer_than_the_limit(text: str) -> None:
    assert len(stored_text(text)) <= MAX_MESSAGE_CHARS


@given(JSON)
def test_any_json_body_gives_text_and_metadata_and_only_a_payload_field_is_a_payload(body: object) -> None:
    text, metadata = message_fields(body)
    assert isinstance(text, str) and isinstance(metadata, dict)
    has_payload = isinstance(body, dict) and isinstance(body.get("payload"), str) and body["payload"].strip()
    assert is_payload(metadata) == bool(has_payload)


@given(st.dictionaries(st.text(), JSON), st.text())
def test_a_client_cannot_mark_its_text_as_a_payload(metadata: dict, text: str) -> None:
    """The payload mark in metadata is the server's: a client that sends it is ignored."""
    _, cleaned = message_fields({"sender": "s", "message": text, "metadata": metadata | {PAYLOAD_MARK: True}})
    assert not is_payload(cleaned)
    _, from_string = message_fields({"message": text, "metadata": json.dumps({PAYLOAD_MARK: True})})
    assert not is_payload(from_string)
