"""Demo glossary: typed relations between its terms, and two older names replaced by current ones."""

# (term, relation, other term), set on the first term; the other shows the inverse by itself.
RELATIONS = [
    ("llm", "broader", "foundation-model"),
    ("multimodal-model", "broader", "foundation-model"),
    ("small-language-model", "broader", "llm"),
    ("attention-mechanism", "broader", "transformer"),
    ("fine-tuning", "narrower", "lora"),
    ("fine-tuning", "narrower", "instruction-tuning"),
    ("prompt-engineering", "narrower", "few-shot-prompting"),
    ("prompt-engineering", "narrower", "chain-of-thought"),
    ("tokenizer", "see_also", "token"),
    ("instruction-tuning", "see_also", "rlhf"),
    ("rag", "see_also", "vector-database"),
    ("semantic-search", "see_also", "embeddings"),
    ("hallucination", "see_also", "rag"),
    ("prompt-injection", "see_also", "guardrails"),
    # Left pointing at the deprecated name on purpose: content health reports it (a real, small list).
    ("vector-database", "see_also", "neural-search"),
]

# Older names: one deprecated (its page stays, pointing to its successor), one retired
# (its slug redirects to its successor).
TERMS = [
    {
        "slug": "neural-search",
        "name": "Neural Search",
        "category": "retrieval-knowledge",
        "status": "deprecated",
        "successor": "semantic-search",
        "short_definition": "An older name for search that ranks results with neural network embeddings instead of "
        "keyword matches; today the practice is usually called semantic search.",
        "aliases": [],
        "related": ["semantic-search", "embeddings", "vector-database"],
        "body": """## What it is

**Neural search** was the name many teams gave, around 2019 to 2022, to search systems that use a neural network to turn queries and documents into [embeddings](/glossary/embeddings/) and rank results by how close those vectors are. The idea is the same one this glossary now describes under [semantic search](/glossary/semantic-search/), which is the name most products and papers settled on.

## Why the name is deprecated

The word "neural" described how the system was built rather than what it does for the reader. As keyword engines also gained neural rerankers, the label stopped telling them apart. "Semantic search" names the benefit: results that match the meaning of a question, not only its words.

## What to read instead

Read [semantic search](/glossary/semantic-search/) for how meaning-based retrieval works today, how it is combined with keyword search in hybrid systems, and where a [vector database](/glossary/vector-database/) fits. Older documentation, talks and job titles still use "neural search", so the term keeps its page here, pointing to the current one.
""",
        "faqs": [
            (
                "Is neural search different from semantic search?",
                "No. Both describe ranking results by the meaning of the query, using embeddings from a neural "
                "network. Semantic search is the name in common use today.",
            ),
            (
                "Why does this glossary keep a deprecated term?",
                "People still meet the old name in documentation and talks. Its page explains what it meant and "
                "points to the current term, so nobody lands on a dead end.",
            ),
        ],
    },
    {
        "slug": "vector-store",
        "name": "Vector Store",
        "category": "retrieval-knowledge",
        "status": "retired",
        "successor": "vector-database",
        "short_definition": "A store of embeddings searched by similarity; merged into the vector database entry.",
        "aliases": [],
        "related": ["vector-database"],
        "body": """## What it was

This entry described storing embeddings for similarity search. It was merged into
[vector database](/glossary/vector-database/), and its address now redirects there.
""",
        "faqs": [],
    },
]
