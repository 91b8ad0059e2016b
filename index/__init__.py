"""Index: embeddings, the Chroma store, the keyword index and hybrid retrieval."""
