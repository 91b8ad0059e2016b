"""Evaluation: question sets, retrieval and answer metrics, baselines and benchmarks."""
