"""What the learnt NLU components share: text features, confidences from scores, and a model saved safely."""

from __future__ import annotations

import hashlib
import inspect
import logging
import weakref
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.text import normalise

logger = logging.getLogger(__name__)

# Besides skops' defaults, the TF-IDF weights are kept in this sparse-matrix class (data only, no code).
TRUSTED_TYPES = ["scipy.sparse._csr.csr_matrix"]
# Vocabularies are saved as their terms, joined, with each term's length: skops writes a dict as one JSON node
# per term, which made a model file mostly JSON and took seconds to load at every start of the Rasa server.
VOCABULARIES = "vocabularies"
# Where a component leaves a message's term counts for the next one fitted on the same texts (not output).
TEXT_FEATURES = "text_features"
# Weights in the form a message needs (IDF arrays, coefficients by term), made once instead of per message;
# keyed by the source object's id (sparse matrices cannot be hashed), dropped when the object goes.
_MADE_ONCE: dict[int, Any] = {}


def fitted_vectoriser(texts: list[str]) -> Any:
    """Letter 2–5-grams and words, TF-IDF weighted, fitted on the normalised texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import FeatureUnion

    # Letter n-grams carry word stems, typos and missing umlauts; words and word pairs add a little on top.
    vectoriser = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
        ],
        transformer_weights={"chars": 1.0, "words": 0.5},
    )
    return vectoriser.fit([normalise(text) for text in texts])


def intent_examples(training_data: TrainingData) -> list[Message]:
    """The examples with a text and an intent: what the intent classifier learns from."""
    return [m for m in training_data.intent_examples if m.get(TEXT) and m.get(INTENT)]


def texts_key(texts: list[str]) -> str:
    """A name for the texts a vectoriser is fitted on: equal keys, equal vectorisers."""
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


def message_counts(model: dict[str, Any], message: Message) -> list[Any]:
    """The message's log term counts per part: left by a component fitted on the same texts, else counted and
    left for the next one (counting is most of a message's time)."""
    key, text = model.get("texts_key"), message.get(TEXT) or ""
    left = message.get(TEXT_FEATURES)
    if key and left and left[:2] == (key, text):
        return left[2]
    counts = sublinear_counts(model["vectoriser"], [text])
    if key:
        message.set(TEXT_FEATURES, (key, text, counts))
    return counts


def made_once(source: Any, make: Any) -> Any:
    """What `make` makes of `source` (an array of its weights), made once per source object."""
    made = _MADE_ONCE.get(id(source))
    if made is None:
        made = _MADE_ONCE[id(source)] = make()
        weakref.finalize(source, _MADE_ONCE.pop, id(source), None)
    return made


def scores_from_counts(classifier: Any, vectoriser: Any, counts: list[Any], idf: list[Any]) -> Any:
    """A linear classifier's score per class for one counted message whose terms are weighted by `idf` (an
    array per part): the features and the decision function in one, over the message's few terms only."""
    import numpy as np

    # one row of weights per term, so that a message's terms are read as whole rows
    coefficients = made_once(classifier, lambda: np.ascontiguousarray(classifier.coef_.T))
    scores, offset = classifier.intercept_.copy(), 0
    part_weights = vectoriser.transformer_weights or {}
    for part_counts, part_idf, (name, part) in zip(counts, idf, vectoriser.transformer_list, strict=True):
        terms = part_counts.indices
        values = part_counts.data * part_idf[terms]
        norm = np.sqrt(values @ values)
        if norm:
            scores += values @ coefficients[offset + terms] * (part_weights.get(name, 1.0) / norm)
        offset += len(part.vocabulary_)
    return scores if len(classifier.classes_) > 2 else np.array([-scores[0], scores[0]])


def fitted_idf(vectoriser: Any) -> list[Any]:
    """The IDF weights of each part of the fitted vectoriser (made once; scikit-learn rebuilds them)."""
    import numpy as np

    return [
        made_once(part, lambda part=part: np.asarray(part.idf_)) for _, part in vectoriser.transformer_list
    ]


def sublinear_counts(vectoriser: Any, texts: list[str]) -> list[Any]:
    """Per part of the vectoriser (letters, words), the normalised texts' term counts, log-scaled as
    fitted_vectoriser sets it (sublinear term frequency)."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer

    normalised = [normalise(text) for text in texts]
    blocks = []
    for _, part in vectoriser.transformer_list:
        counts = CountVectorizer.transform(part, normalised).astype(float)
        counts.data = np.log(counts.data) + 1
        blocks.append(counts)
    return blocks


def weighted(vectoriser: Any, counts: list[Any], idf: list[Any]) -> Any:
    """Feature rows from log counts: weighted by `idf` (an array per part), each part normalised and weighted
    as fitted (for training; a message is scored with `scores_from_counts`)."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    part_weights = vectoriser.transformer_weights or {}
    blocks = [
        normalize(part_counts @ sparse.diags(part_idf, format="csr"), norm=part.norm, copy=False)
        * part_weights.get(name, 1.0)
        for part_counts, part_idf, (name, part) in zip(counts, idf, vectoriser.transformer_list, strict=True)
    ]
    return sparse.hstack(blocks, format="csr")


def features(vectoriser: Any, texts: list[str]) -> Any:
    """The feature rows of the texts (for training); the same numbers as `vectoriser.transform`."""
    return weighted(vectoriser, sublinear_counts(vectoriser, texts), fitted_idf(vectoriser))


def confidences(scores: Any, sharpness: float) -> Any:
    """A linear classifier's scores as confidences that sum to 1 (larger sharpness: more decided)."""
    import numpy as np

    weights = np.exp(sharpness * (scores - scores.max()))
    return weights / weights.sum()


def save(storage: ModelStorage, resource: Resource, file_name: str, model: Any) -> None:
    """Write the model with skops, which loads only trusted types (no pickle)."""
    import skops.io as sio

    parts = vectoriser_parts(model)
    vocabularies = [part.__dict__.pop("vocabulary_") for part in parts]
    try:
        saved = model | {VOCABULARIES: [terms_in_order(v) for v in vocabularies]} if parts else model
        with storage.write_to(resource) as directory:
            sio.dump(saved, directory / file_name)
    finally:
        for part, vocabulary in zip(parts, vocabularies, strict=True):
            part.vocabulary_ = vocabulary


def load(storage: ModelStorage, resource: Resource, file_name: str) -> Any:
    """The saved model; ValueError for types skops does not trust, FileNotFoundError without a file."""
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    with storage.read_from(resource) as directory:
        path: Path = directory / file_name
        try:
            model = sio.load(path, trusted=TRUSTED_TYPES)
        except UntrustedTypesFoundException as error:
            raise ValueError(f"untrusted types in {path}: {error}") from error
    if isinstance(model, dict) and VOCABULARIES in model:
        for part, (terms, lengths) in zip(vectoriser_parts(model), model.pop(VOCABULARIES), strict=True):
            part.vocabulary_ = vocabulary_from_terms(terms, lengths)
    return model


def vectoriser_parts(model: Any) -> list[Any]:
    """The text vectorisers (letters, words) in a saved model, if it has a `vectoriser`."""
    vectoriser = model.get("vectoriser") if isinstance(model, dict) else None
    return [part for _, part in vectoriser.transformer_list] if vectoriser is not None else []


def terms_in_order(vocabulary: dict[str, int]) -> tuple[str, Any]:
    """A vocabulary as its terms in column order, joined, with each term's length."""
    import numpy as np

    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    return "".join(terms), np.array([len(term) for term in terms], dtype=np.int32)


def vocabulary_from_terms(joined: str, lengths: Any) -> dict[str, int]:
    """The vocabulary (term -> column) from `terms_in_order`."""
    import numpy as np

    ends = np.cumsum(lengths)
    starts = (ends - lengths).tolist()
    return {
        joined[start:end]: column
        for column, (start, end) in enumerate(zip(starts, ends.tolist(), strict=True))
    }


class SavedModelComponent(GraphComponent):
    """A trainable NLU component whose learnt model is one skops file (`MODEL_FILE`) in Rasa's storage."""

    MODEL_FILE = "model.skops"

    def __init__(self, config: dict[str, Any], storage: ModelStorage, resource: Resource, model: Any) -> None:
        """Keep the configuration, where to save, and the learnt model (None before training)."""
        self._config, self._storage, self._resource, self._model = config, storage, resource, model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SavedModelComponent:
        """An untrained component."""
        return cls(config, model_storage, resource, None)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SavedModelComponent:
        """The trained component; untrained when the file is missing or holds types skops does not trust."""
        try:
            model = load(model_storage, resource, cls.MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("%s: no trained model in the model file", cls.__name__)
            model = None
        return cls(config, model_storage, resource, model)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The component's code and this module's: Rasa reuses a cached trained model only if neither changed
        (a new model format or feature must not be served from a model trained before it)."""
        sources = [Path(inspect.getfile(cls)), Path(__file__)]
        return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()

    def _keep(self, model: Any) -> Resource:
        """Use and save the newly learnt model."""
        self._model = model
        save(self._storage, self._resource, self.MODEL_FILE, model)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data passes unchanged."""
        return training_data
