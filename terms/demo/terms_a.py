"""Demo glossary terms, part A: written for the demo glossary of Glossary CMS."""

TERMS = [
    {
        "slug": "token",
        "name": "Token",
        "category": "core-concepts",
        "short_definition": "The basic unit of text a language model reads and writes: often a word, part of a word, a punctuation mark or a space. Models count, price and limit everything in tokens.",
        "aliases": [],
        "related": ["tokenizer", "context-window", "inference", "llm"],
        "body": """## What it is

A **token** is the smallest piece of text that a language model works with. Before a model sees your prompt, a [tokenizer](/glossary/tokenizer/) splits it into tokens and maps each one to an integer ID. The model then predicts the next token, one at a time, until the response is finished.

Tokens are not the same as words. Common words are usually a single token, while rare words, names, code and non-English text are often split into several pieces. A space or punctuation mark can be part of a token or a token of its own.

## Examples

- `"cat"` is typically one token.
- `"unbelievably"` might become `"un"`, `"believ"`, `"ably"`.
- A rough rule of thumb for English prose is that 100 tokens is about 75 words, but this varies by model and language.

## Why it matters

Almost every practical limit of an LLM is measured in tokens:

- **Cost**: hosted APIs bill per input token and per output token, and output is usually more expensive.
- **Capacity**: the [context window](/glossary/context-window/) is a maximum number of tokens, covering both the prompt and the reply.
- **Speed**: generation time grows with the number of output tokens, because each one requires a step of the model.

## Trade-offs

Token counts differ between tokenizers, so the same text can cost more on one model than another. Languages that are under-represented in the tokenizer's training data often need more tokens per word, which makes them slower and more expensive to process. Token-level processing also explains some odd model behaviour, such as difficulty counting the letters in a word, because the model never sees individual characters directly.
""",
        "faqs": [
            (
                "How many words are in a token?",
                "For typical English text, one token averages about three quarters of a word, so 1,000 tokens is roughly 750 words. The ratio changes with the language, the tokenizer and the kind of content; code and non-Latin scripts usually need more tokens per word.",
            ),
            (
                "Why do I pay for input and output tokens separately?",
                "The model processes input tokens in parallel, but it must generate output tokens one by one, which uses more compute per token. Providers reflect that difference by charging a higher rate for output tokens.",
            ),
            (
                "How can I count tokens before sending a request?",
                "Use the tokenizer that matches your model; most providers publish a library or an API endpoint for this. Counting with a different model's tokenizer only gives an estimate, which can be off by a noticeable margin.",
            ),
        ],
    },
    {
        "slug": "tokenizer",
        "name": "Tokenizer",
        "category": "core-concepts",
        "short_definition": "The component that converts raw text into a sequence of tokens (and token IDs) that a model can process, and turns the model's output IDs back into text.",
        "aliases": [],
        "related": ["token", "embeddings", "pre-training", "llm"],
        "body": """## What it is

A **tokenizer** is the translation layer between human text and a language model. On the way in, it splits text into [tokens](/glossary/token/) and maps each one to an integer ID from a fixed vocabulary. On the way out, it converts the IDs the model generates back into readable text.

Most modern tokenizers use **subword** methods such as Byte-Pair Encoding (BPE), WordPiece or Unigram. These build a vocabulary from training data so that frequent strings become single tokens, while rare words are broken into smaller, reusable pieces. Byte-level variants can represent any input, including emoji and unusual characters, without an "unknown" token.

## Examples

- A BPE tokenizer might turn `"tokenization"` into `"token"` + `"ization"`.
- Vocabulary sizes typically range from around 30,000 to more than 200,000 entries.
- Special tokens mark structure, for example the start of a message, the end of a turn or a tool call.

## Why it matters

The tokenizer is fixed when a model is trained, and it shapes a lot of downstream behaviour:

- It decides how many tokens your text uses, and therefore **cost** and how much fits in the [context window](/glossary/context-window/).
- It affects how well the model handles **languages, code and numbers**.
- A model and its tokenizer must always be used together; swapping tokenizers breaks the model.

## Trade-offs

A larger vocabulary packs text into fewer tokens, which makes sequences shorter, but it also makes the embedding table bigger and gives rare tokens fewer training examples. A vocabulary built mostly from English text tends to be inefficient for other languages. Splitting numbers into irregular chunks can also make arithmetic harder for the model.
""",
        "faqs": [
            (
                "Can I use one model's tokenizer with another model?",
                "No. Each model learns embeddings for the specific token IDs of its own tokenizer, so feeding it IDs from a different vocabulary produces meaningless input. You can reuse a tokenizer only when models were trained with the same one, as is common within a model family.",
            ),
            (
                "What is Byte-Pair Encoding?",
                "Byte-Pair Encoding (BPE) is a method that starts from single characters or bytes and repeatedly merges the most frequent adjacent pair into a new token. After many merges it ends up with a vocabulary that covers common words whole and rare words as pieces.",
            ),
            (
                "Why does the tokenizer matter for multilingual products?",
                "If the tokenizer's vocabulary was built mostly from English, other languages get split into many more tokens per word. That raises cost and latency for those users and leaves less room in the context window for the same amount of content.",
            ),
        ],
    },
    {
        "slug": "embeddings",
        "name": "Embeddings",
        "category": "core-concepts",
        "short_definition": "Lists of numbers (vectors) that represent the meaning of text, images or other data, so that similar items end up close together and can be compared mathematically.",
        "aliases": [],
        "related": ["semantic-search", "vector-database", "rag", "token"],
        "body": """## What it is

An **embedding** is a vector: a fixed-length list of numbers, often a few hundred to a few thousand long, that captures the meaning of a piece of data. An embedding model is trained so that items with similar meaning get vectors that point in similar directions, while unrelated items end up far apart.

Embeddings appear in two places. Inside a language model, every [token](/glossary/token/) is turned into an embedding before the model processes it. Separately, dedicated **embedding models** turn whole sentences, paragraphs, images or products into a single vector that applications can store and search.

## Examples

- "How do I reset my password?" and "I forgot my login" get nearby vectors even though they share few words.
- An e-commerce site embeds product descriptions to recommend similar items.
- A support tool embeds help articles and finds the closest ones to a customer question.

## Why it matters

Embeddings turn fuzzy questions of meaning into simple arithmetic. Measuring **cosine similarity** or distance between vectors is fast, so you can compare a query against millions of items. This is the foundation of [semantic search](/glossary/semantic-search/), clustering, deduplication, recommendations and the retrieval step in [RAG](/glossary/rag/).

## Trade-offs

- **Model lock-in**: vectors from different embedding models are not compatible, so changing models means re-embedding your whole collection.
- **Storage**: millions of high-dimensional vectors need a [vector database](/glossary/vector-database/) or a similar index.
- **Blind spots**: embeddings capture general similarity well but can miss exact details such as product codes, negations or numbers, which is why many systems combine them with keyword search.
""",
        "faqs": [
            (
                "What is the difference between an embedding model and a chat model?",
                "A chat model generates text, one token at a time. An embedding model returns a single vector that represents its input and is used for comparing, searching and grouping content rather than for writing answers.",
            ),
            (
                "How many dimensions should an embedding have?",
                "Common sizes range from 384 to about 3,000 dimensions. More dimensions can capture finer distinctions but cost more storage and slower searches, and some models let you shorten their vectors with only a small loss in quality.",
            ),
            (
                "Do I need to re-embed my data when I change models?",
                "Yes. Each embedding model defines its own vector space, so vectors from two models cannot be compared meaningfully. Plan for a full re-indexing job whenever you switch or upgrade the embedding model.",
            ),
        ],
    },
    {
        "slug": "context-window",
        "name": "Context Window",
        "category": "core-concepts",
        "short_definition": "The maximum amount of text, measured in tokens, that a model can consider at once, including the prompt, any supplied documents, the conversation history and its own reply.",
        "aliases": [],
        "related": ["token", "rag", "chunking", "transformer", "inference"],
        "body": """## What it is

The **context window** is a model's working memory for a single request. It is a hard limit on the number of [tokens](/glossary/token/) the model can take into account at once. Everything counts against it: system instructions, the user's message, earlier turns of the conversation, pasted documents, tool results and the tokens the model generates in response.

A model does not remember anything between requests on its own. Chat products create the feeling of memory by re-sending the conversation history inside the context window on every turn.

## Examples

- Early GPT-3-era models handled about 2,000 to 4,000 tokens.
- Many current models accept 128,000 tokens, and some advertise one million or more.
- When a chat gets too long, an application may drop or summarise older messages to stay within the limit.

## Why it matters

The size of the context window determines what a product can do in a single call: summarise a long contract, review a large codebase or hold a long conversation. It also shapes architecture decisions. When data is larger than the window, teams use [RAG](/glossary/rag/) and [chunking](/glossary/chunking/) to select only the most relevant passages.

## Trade-offs

- **Cost and latency**: every token in the context is processed and billed, so filling a large window on every request gets expensive and slow.
- **Attention quality**: models can overlook information buried in the middle of a very long context, so a bigger window does not guarantee that all of it is used well.
- **Output limits**: the maximum reply length is often much smaller than the total window.
""",
        "faqs": [
            (
                "What happens when I exceed the context window?",
                "The API usually rejects the request with an error, or the application silently truncates the oldest content. Either way, information outside the window is invisible to the model, so it cannot use it in the answer.",
            ),
            (
                "Is a bigger context window always better?",
                "Not necessarily. Larger contexts cost more, respond more slowly and can dilute the model's focus. For large knowledge bases, retrieving a few relevant passages is often cheaper and more accurate than sending everything.",
            ),
            (
                "Does the context window include the model's answer?",
                "Yes. Input and output tokens share the same window, so a very long prompt leaves less room for the reply. Many models also set a separate, smaller cap on output tokens.",
            ),
            (
                "Does a long context window replace RAG?",
                "It reduces the need for retrieval when documents are small, but it does not remove it. RAG still helps when your data is larger than any window, changes often, or when sending everything on every request would be too slow or costly.",
            ),
        ],
    },
    {
        "slug": "inference",
        "name": "Inference",
        "category": "core-concepts",
        "short_definition": "Running a trained model to produce outputs, such as generating a reply to a prompt. It is the stage users interact with, as opposed to training, which creates the model.",
        "aliases": [],
        "related": ["quantization", "temperature", "token", "context-window"],
        "body": """## What it is

**Inference** is the act of using a trained model: you give it input and it produces output. For a language model, inference means reading the prompt and then generating a response one [token](/glossary/token/) at a time, where each new token is chosen based on everything that came before it.

Training happens once (or occasionally) and is extremely expensive. Inference happens every time a user sends a request, so for a successful product it is where most ongoing compute and cost goes.

## Examples

- A chatbot answering a customer's question.
- A batch job that classifies 50,000 support tickets overnight.
- A phone running a compact model locally to suggest replies.

## How it works

Inference for an LLM has two phases:

1. **Prefill**: the model processes all input tokens in parallel. This drives *time to first token*.
2. **Decode**: the model generates output tokens sequentially, reusing a cache of earlier computations (the KV cache). This drives *tokens per second*.

Settings such as [temperature](/glossary/temperature/) control how each next token is picked.

## Why it matters

Inference determines the experience users feel and the bill the business pays. Latency, throughput, cost per request and hardware requirements are all inference concerns.

## Trade-offs

Larger models usually give better answers but need more memory and time per token. Teams reduce inference cost with smaller models, [quantization](/glossary/quantization/), batching many requests together, caching repeated prompts and streaming output so users see progress sooner. Each technique trades some combination of quality, latency and engineering effort.
""",
        "faqs": [
            (
                "What is the difference between training and inference?",
                "Training adjusts a model's weights by learning from large amounts of data, which takes a lot of compute up front. Inference uses those fixed weights to respond to new inputs. The model does not learn from your requests during inference.",
            ),
            (
                "Why is the first token slower than the rest?",
                "Before it can generate anything, the model must process the entire prompt in the prefill phase. Long prompts therefore increase the time to first token, while later tokens arrive at a steadier rate.",
            ),
            (
                "How can I make inference cheaper?",
                "Common options are choosing a smaller or quantized model, shortening prompts, caching repeated prompt prefixes, batching non-urgent requests and limiting output length. Measure quality after each change, since savings can come with accuracy loss.",
            ),
        ],
    },
    {
        "slug": "temperature",
        "name": "Temperature",
        "category": "core-concepts",
        "short_definition": "A generation setting that controls how random a model's output is. Low values make answers focused and repeatable; high values make them more varied and creative, but less predictable.",
        "aliases": [],
        "related": ["inference", "token", "hallucination", "prompt-engineering"],
        "body": """## What it is

At each step of generation, a language model produces a probability for every possible next [token](/glossary/token/). **Temperature** reshapes that distribution before a token is sampled:

- **Low temperature** (close to `0`) sharpens it, so the most likely token almost always wins.
- **Temperature `1`** leaves the model's probabilities as they are.
- **High temperature** (above `1`) flattens it, giving less likely tokens a better chance.

Temperature does not make the model smarter or more knowledgeable. It only changes how adventurously it picks from options it already considers.

## Examples

- **Data extraction, classification, code**: `0` to `0.3` for consistent, precise output.
- **General assistant replies**: around `0.5` to `0.8`.
- **Brainstorming, marketing copy, fiction**: `0.8` to `1.2` for more variety.

## Why it matters

Temperature is one of the simplest levers for tuning an AI feature. The same prompt can feel robotic or inventive depending on this one number. It also affects testing: low temperature makes outputs easier to reproduce and evaluate.

## Trade-offs

Very high values can produce rambling, off-topic or incoherent text, and may increase factual errors. Very low values can lead to repetitive phrasing and dull, formulaic answers. Temperature `0` is also not a guarantee of identical outputs, because hardware and batching can introduce tiny numerical differences. Temperature is often used alongside **top-p** (nucleus sampling), which limits choices to the smallest set of tokens that together cover a set share of the probability; adjusting both at once makes behaviour harder to reason about.
""",
        "faqs": [
            (
                "What temperature should I use?",
                "Start low (around 0 to 0.3) for tasks with one correct answer, such as extraction or code, and higher (0.7 or more) for creative work. Then test with real prompts, because the best value depends on the model and the task.",
            ),
            (
                "Does temperature 0 make a model deterministic?",
                "It makes outputs much more consistent, but not always perfectly identical. Floating-point differences, batching on shared hardware and provider-side changes can still cause occasional variation.",
            ),
            (
                "Does a lower temperature reduce hallucinations?",
                "It can reduce random drift and invented details, but it does not fix a model that lacks the right information. If the most likely answer is wrong, a low temperature will simply produce that wrong answer more consistently.",
            ),
            (
                "What is the difference between temperature and top-p?",
                "Temperature reshapes the probabilities of all candidate tokens, while top-p cuts off the unlikely tail and samples only from the most probable tokens. Most providers suggest adjusting one of them and leaving the other at its default.",
            ),
        ],
    },
    {
        "slug": "quantization",
        "name": "Quantization",
        "category": "core-concepts",
        "short_definition": "A technique that stores a model's numbers at lower precision, for example 8-bit or 4-bit instead of 16-bit, so it uses less memory and runs faster with only a small loss in quality.",
        "aliases": [],
        "related": ["inference", "small-language-model", "knowledge-distillation", "lora"],
        "body": """## What it is

A neural network is mostly a very large collection of numbers called weights. During training these are usually stored as 16-bit or 32-bit floating-point values. **Quantization** converts them to a lower-precision format, such as 8-bit or 4-bit integers, by mapping the original range of values onto a smaller set of levels.

The model keeps the same architecture and the same number of parameters; each parameter just takes fewer bits to store. Some methods also quantize the activations or the KV cache used during [inference](/glossary/inference/).

## Examples

- A 7-billion-parameter model needs about 14 GB in 16-bit precision, but roughly 4 GB at 4-bit, small enough for a laptop.
- Popular formats and methods include `GGUF`, GPTQ, AWQ and 8-bit modes in common inference libraries.
- QLoRA combines a 4-bit base model with [LoRA](/glossary/lora/) adapters so that fine-tuning fits on a single GPU.

## Why it matters

Memory is often the main constraint when serving models. Quantization lets teams:

- run larger models on cheaper or fewer GPUs,
- deploy models on phones, laptops and edge devices,
- increase throughput, because less data moves through memory for each token.

## Trade-offs

Lower precision discards information, so quality can drop, especially at 3 bits or below, and sometimes in specific areas such as maths, code or less common languages. Results vary by model and method, so quantized models should be evaluated on your own tasks. **Post-training quantization** is quick and cheap; **quantization-aware training** preserves more quality but requires extra training work. Speed gains also depend on hardware support for the chosen format.
""",
        "faqs": [
            (
                "How much quality do you lose with quantization?",
                "At 8-bit the difference is usually hard to measure. At 4-bit, good methods typically lose a little quality on benchmarks, and below that the losses become more noticeable. Always test on your own use case.",
            ),
            (
                "Is a quantized large model better than an unquantized small one?",
                "Often, yes: a 4-bit version of a bigger model frequently beats a smaller model at full precision with a similar memory footprint. It is not a universal rule, so compare both on your tasks before deciding.",
            ),
            (
                "What is the difference between quantization and distillation?",
                "Quantization keeps the same model but stores its weights with fewer bits. Knowledge distillation trains a new, smaller model to imitate a larger one. The two are complementary and are often combined.",
            ),
        ],
    },
    {
        "slug": "foundation-model",
        "name": "Foundation Model",
        "category": "models-architectures",
        "short_definition": "A large model trained on broad data at scale that can be adapted to many different tasks, serving as the starting point for a wide range of products and specialised models.",
        "aliases": [],
        "related": ["llm", "base-model", "pre-training", "fine-tuning", "multimodal-model"],
        "body": """## What it is

A **foundation model** is a large AI model trained on a broad, diverse dataset, usually with self-supervised learning, so that it develops general-purpose capabilities. Instead of being built for a single job, it acts as a foundation: other applications and models are built on top of it through prompting, [fine-tuning](/glossary/fine-tuning/) or integration with tools and data.

The term was popularised by Stanford researchers in 2021 to describe a shift in AI development, away from training a separate model for each task and toward adapting a few very capable, general models.

## Examples

- Large language models such as the GPT, Claude, Gemini, Llama and Mistral families.
- Image generation models such as Stable Diffusion.
- Vision-language models that understand both pictures and text.
- Domain models trained on proteins, code or satellite imagery.

## Why it matters

For product teams, foundation models change the economics of AI. Rather than collecting labelled data and training from scratch for each feature, teams can start from a model that already understands language, images or code, and adapt it with prompts or a modest amount of data. This dramatically shortens the path from idea to working prototype.

## Trade-offs

- **Cost and control**: training a foundation model requires enormous compute, so most teams rely on a small number of providers or open-weight releases.
- **Shared weaknesses**: biases, knowledge gaps or security flaws in the foundation are inherited by everything built on it.
- **Generality vs. precision**: a general model may need adaptation, retrieval or [guardrails](/glossary/guardrails/) before it is reliable in a specialised domain.
""",
        "faqs": [
            (
                "What is the difference between a foundation model and an LLM?",
                "Foundation model is the broader category: any large, general-purpose model trained on broad data, whether it handles text, images, audio or other data. An LLM is a foundation model that specialises in language. Most LLMs are foundation models, but not all foundation models are LLMs.",
            ),
            (
                "What is the difference between a foundation model and a base model?",
                "A foundation model describes a model's role as a general starting point for many uses. A base model describes a training stage: the raw pre-trained model before instruction tuning or other alignment. A foundation model may be released as a base model, an instruction-tuned model or both.",
            ),
            (
                "Do I need to train my own foundation model?",
                "Almost never. Training one costs millions in compute and requires huge datasets. Most products get better returns from prompting, retrieval or fine-tuning an existing model.",
            ),
        ],
    },
    {
        "slug": "llm",
        "name": "Large Language Model",
        "category": "models-architectures",
        "short_definition": "A neural network with billions of parameters, trained on vast amounts of text to predict the next token, which lets it understand and generate language for tasks like chat, writing and coding.",
        "aliases": ["LLM"],
        "related": ["transformer", "foundation-model", "small-language-model", "token", "pre-training"],
        "body": """## What it is

A **large language model (LLM)** is a model trained to predict the next [token](/glossary/token/) in a sequence of text. Trained on enormous amounts of books, websites, code and other writing, and scaled to billions of parameters, this simple objective produces surprisingly general abilities: answering questions, summarising, translating, reasoning through problems and writing code.

Nearly all modern LLMs use the [transformer](/glossary/transformer/) architecture. They are usually built in stages: [pre-training](/glossary/pre-training/) on broad text produces a base model, then instruction tuning and preference training turn it into a helpful assistant.

## Examples

- Proprietary models accessed through APIs, such as the GPT, Claude and Gemini families.
- Open-weight models that teams can host themselves, such as Llama, Mistral and Qwen.
- Products built on LLMs: chat assistants, coding copilots, writing tools and support agents.

## Why it matters

LLMs let software handle unstructured language, which used to require a human or a custom model per task. One model can classify tickets, draft emails, extract fields from documents and answer questions, often controlled entirely through a prompt. Connected to tools and data through function calling and [RAG](/glossary/rag/), they become the core of AI agents.

## Trade-offs

- **Hallucinations**: LLMs generate plausible text, which is not always true.
- **Knowledge cut-off**: they know only what was in their training data unless given fresh information.
- **Cost and latency**: larger models are slower and more expensive per request.
- **Unpredictability**: outputs can vary, and models can be manipulated through prompt injection, so production use needs evaluation and safeguards.
""",
        "faqs": [
            (
                "How large does a model have to be to count as an LLM?",
                "There is no official threshold. Today the term usually refers to models with billions of parameters, while models at the lower end, around a few billion or less, are often called small language models. The boundary keeps moving as technology improves.",
            ),
            (
                "What is the difference between an LLM and a small language model?",
                "An LLM is larger and more broadly capable, but it needs more compute and is usually served from the cloud. A small language model trades some general ability for lower cost, faster responses and the option to run on a device or a single modest GPU.",
            ),
            (
                "Do LLMs understand what they write?",
                "LLMs build rich internal representations of language and concepts, which lets them handle many tasks that require understanding. However, they can still state false information confidently, so their output should be checked where accuracy matters.",
            ),
            (
                "Does an LLM learn from my conversations?",
                "Not during a conversation: the model's weights are fixed at inference time, and it only sees what is in its context window. Whether your data is later used for training depends on the provider's policies and your settings.",
            ),
        ],
    },
    {
        "slug": "base-model",
        "name": "Base Model",
        "category": "models-architectures",
        "short_definition": "A model straight out of pre-training, before instruction tuning or alignment. It continues text rather than following instructions, and serves as the raw material for fine-tuned variants.",
        "aliases": [],
        "related": ["pre-training", "foundation-model", "instruction-tuning", "fine-tuning", "rlhf"],
        "body": """## What it is

A **base model** is the result of [pre-training](/glossary/pre-training/) alone. It has learned to predict the next token across a huge text corpus, so it knows a great deal about language and the world, but it has not been taught to act as an assistant. Given a prompt, it simply continues the text in whatever way seems most likely.

Model families are often released in two versions: the base model and an **instruct** or **chat** model that has gone through [instruction tuning](/glossary/instruction-tuning/) and preference training such as [RLHF](/glossary/rlhf/).

## Examples

- Asked `"What is the capital of France?"`, a base model might answer, or it might add more quiz questions, because both are plausible continuations.
- Open-weight releases often name variants like `Model-8B` (base) and `Model-8B-Instruct` (tuned).
- Researchers and fine-tuning specialists frequently start from base checkpoints.

## Why it matters

Base models are the blank canvas for customisation. If you want a model with a very specific style, format or domain behaviour, starting from the base model avoids inheriting an assistant persona you do not want. They are also useful for tasks that are naturally about continuing text, such as autocomplete or generating synthetic data with few-shot examples.

## Trade-offs

- **Harder to use**: you need careful, document-style prompts or examples, rather than plain instructions.
- **Fewer safeguards**: base models have usually not been trained to refuse harmful requests, so they need extra [guardrails](/glossary/guardrails/) in products.
- **More work**: turning a base model into a reliable assistant requires substantial data and tuning effort. For most product features, an instruct model is the better starting point.
""",
        "faqs": [
            (
                "What is the difference between a base model and an instruct model?",
                "Both share the same pre-training, but the instruct model receives extra training on examples of following instructions and on human preferences. The base model continues text, while the instruct model responds to requests like an assistant.",
            ),
            (
                "What is the difference between a base model and a foundation model?",
                "Base model refers to a stage of training: pre-trained but not yet tuned to follow instructions. Foundation model refers to a model's role as a broad, adaptable starting point for many applications. A foundation model family typically includes both base and tuned versions.",
            ),
            (
                "When should I fine-tune a base model instead of an instruct model?",
                "Choose a base model when you need full control over the model's behaviour, format or voice and you have enough quality training data to teach it. If you only need to adjust an assistant's tone or add some domain knowledge, tuning an instruct model is usually easier.",
            ),
        ],
    },
    {
        "slug": "transformer",
        "name": "Transformer",
        "category": "models-architectures",
        "short_definition": "A neural network architecture, introduced in 2017, that uses attention to process all parts of a sequence in parallel. It is the design behind nearly every modern large language model.",
        "aliases": [],
        "related": ["attention-mechanism", "llm", "mixture-of-experts", "context-window", "embeddings"],
        "body": """## What it is

The **transformer** is a neural network architecture described in the 2017 paper *Attention Is All You Need*. Its key idea is to rely on the [attention mechanism](/glossary/attention-mechanism/) to relate every token in a sequence to every other token, instead of reading text step by step as earlier recurrent networks did.

A transformer is built from a stack of identical layers. Each layer combines:

- **Self-attention**, which lets each token gather information from other relevant tokens.
- **A feed-forward network**, which processes each token's representation individually.
- **Residual connections and normalisation**, which keep training of deep stacks stable.

Because attention alone ignores word order, transformers add **positional information** to the token [embeddings](/glossary/embeddings/).

## Examples

- **Decoder-only** transformers, such as GPT-style LLMs, generate text one token at a time.
- **Encoder-only** transformers, such as BERT, are used for classification and embeddings.
- **Encoder-decoder** transformers, such as T5 and many translation models, map one sequence to another.
- Vision transformers apply the same idea to patches of an image.

## Why it matters

Transformers process training sequences in parallel, which fits GPU hardware well and made it practical to train models on internet-scale data. Their quality kept improving as they were scaled up, which led directly to today's LLMs and multimodal models.

## Trade-offs

Standard self-attention compares every token with every other, so compute and memory grow quadratically with sequence length. That makes long [context windows](/glossary/context-window/) expensive. Generation is also sequential at inference time. Variants such as efficient attention, [mixture of experts](/glossary/mixture-of-experts/) and alternative architectures like state space models aim to reduce these costs.
""",
        "faqs": [
            (
                "Why did transformers replace earlier architectures like RNNs?",
                "Recurrent networks process text one step at a time, which is slow to train and makes it hard to connect distant words. Transformers look at the whole sequence at once through attention, training far more efficiently on modern hardware and capturing long-range relationships better.",
            ),
            (
                "Are all LLMs transformers?",
                "Almost all widely used LLMs are transformer-based, often with modifications. Alternatives such as state space models and hybrid designs exist and are an active research area, but transformers remain the dominant approach.",
            ),
            (
                "What does decoder-only mean?",
                "A decoder-only transformer uses a single stack of layers in which each token can attend only to earlier tokens. This suits text generation, where the model predicts the next token from everything before it, and it is the design most modern chat models use.",
            ),
        ],
    },
    {
        "slug": "attention-mechanism",
        "name": "Attention Mechanism",
        "category": "models-architectures",
        "short_definition": "A technique that lets a model weigh how relevant each part of the input is to every other part, so it can focus on the most useful context when processing or generating each token.",
        "aliases": [],
        "related": ["transformer", "context-window", "llm", "embeddings"],
        "body": """## What it is

The **attention mechanism** lets a model decide, for each token, which other tokens in the sequence matter most. Rather than treating all earlier words equally, the model computes a set of weights and builds a context-aware representation by blending information from the most relevant positions.

In the **self-attention** used by [transformers](/glossary/transformer/), each token is projected into three vectors:

- a **query**: what this token is looking for,
- a **key**: what this token offers to others,
- a **value**: the information it passes on.

The model compares each query with every key to produce attention scores, turns them into weights, and uses them to mix the values.

## Examples

- In "The trophy didn't fit in the suitcase because **it** was too small", attention helps the model link "it" to "suitcase".
- **Multi-head attention** runs several attention operations in parallel, so different heads can track different relationships, such as grammar or coreference.
- **Causal attention** in generative models lets each token see only earlier tokens, never future ones.

## Why it matters

Attention is what allows language models to use context well: resolving references, following instructions given many paragraphs earlier and connecting a question to the right part of a document. It is the core building block that made [LLMs](/glossary/llm/) possible.

## Trade-offs

Full attention compares every token with every other token, so cost grows with the square of the sequence length. This is the main reason long [context windows](/glossary/context-window/) are expensive. Techniques such as FlashAttention, grouped-query attention, sliding-window attention and KV caching make it faster and more memory-efficient. Attention weights are sometimes used to explain model behaviour, but they give only a partial view of why a model produced an answer.
""",
        "faqs": [
            (
                "What is the difference between attention and self-attention?",
                "Attention is the general idea of weighting inputs by relevance. Self-attention is the case where a sequence attends to itself, so every token looks at other tokens in the same input. Cross-attention, by contrast, lets one sequence attend to a different one, such as text attending to an image.",
            ),
            (
                "Why is long-context attention so expensive?",
                "Standard attention scores every pair of tokens, so doubling the input length roughly quadruples that part of the work. The model also has to keep keys and values for every earlier token in memory during generation.",
            ),
            (
                "Can attention weights explain a model's answer?",
                "They show which tokens a given head focused on, which can be a useful hint. But a model has many layers and heads, and attention is only one part of the computation, so the weights are not a complete explanation.",
            ),
        ],
    },
    {
        "slug": "mixture-of-experts",
        "name": "Mixture of Experts",
        "category": "models-architectures",
        "short_definition": "A model architecture that splits parts of the network into many expert sub-networks and uses a router to activate only a few per token, giving large total capacity at a lower compute cost.",
        "aliases": ["MoE"],
        "related": ["transformer", "llm", "inference", "foundation-model"],
        "body": """## What it is

A **Mixture of Experts (MoE)** model replaces some dense layers, typically the feed-forward layers of a [transformer](/glossary/transformer/), with a set of parallel **experts**. A small **router** (or gating network) looks at each token and sends it to only a few of those experts, often two out of eight, or a handful out of dozens or more.

This creates a distinction between two numbers:

- **Total parameters**: everything stored in the model.
- **Active parameters**: the portion actually used to process each token.

An MoE model can therefore hold far more knowledge than a dense model while spending roughly the compute of a much smaller one per token.

## Examples

- Mixtral 8x7B has about 47 billion total parameters but uses roughly 13 billion per token.
- Several recent open-weight and proprietary [LLMs](/glossary/llm/), including DeepSeek-V3 and some Llama and Qwen releases, use MoE designs.
- Experts tend to specialise in patterns of tokens, such as punctuation, code or particular topics, rather than neat human-defined subjects.

## Why it matters

MoE offers better quality for a given amount of compute, which means faster and cheaper [inference](/glossary/inference/) than a dense model of similar capability. It is one of the main ways providers scale models without a matching rise in serving costs.

## Trade-offs

- **Memory**: all experts must be loaded, so an MoE model needs as much memory as its total size, even though it computes like a smaller model.
- **Training complexity**: routers can overload some experts and neglect others, requiring load-balancing techniques.
- **Serving complexity**: distributing experts across GPUs adds communication overhead and makes self-hosting harder.
- **Fine-tuning**: adapting MoE models can be less stable than adapting dense ones.
""",
        "faqs": [
            (
                "What is the difference between total and active parameters?",
                "Total parameters count every weight in the model, including all experts. Active parameters count only the weights used for a single token. Compute cost per token follows the active count, while memory needs follow the total.",
            ),
            (
                "Is an MoE model cheaper to run?",
                "Per token, it needs less compute than a dense model of the same total size, so it is usually faster and cheaper to serve at scale. However, it still needs enough memory to hold every expert, which can make it harder to run on small hardware.",
            ),
            (
                "Are the experts specialists in specific subjects?",
                "Not in the way the name suggests. The router learns its own divisions during training, and experts often specialise in token types or syntax patterns rather than clear topics like medicine or law.",
            ),
        ],
    },
    {
        "slug": "multimodal-model",
        "name": "Multimodal Model",
        "category": "models-architectures",
        "short_definition": "A model that can take in or produce more than one type of data, such as text, images, audio or video, and reason across them, for example answering questions about a photo.",
        "aliases": [],
        "related": ["foundation-model", "llm", "embeddings", "transformer"],
        "body": """## What it is

A **multimodal model** works with more than one **modality**, meaning a type of data such as text, images, audio or video. Some models accept several kinds of input and reply in text; others can also generate images or speech.

A common design connects specialised encoders to a language model. An image encoder, for example, turns a picture into a sequence of [embeddings](/glossary/embeddings/) that the [LLM](/glossary/llm/) treats much like text tokens. Newer "natively multimodal" models are trained on mixed data from the start, so one model handles every modality together.

## Examples

- Uploading a screenshot of an error and asking how to fix it.
- Extracting line items from a photographed receipt or a scanned PDF.
- Voice assistants that listen and respond with speech in real time.
- Describing images for accessibility, or generating images from text prompts.
- Models that embed images and text in the same vector space, enabling search for photos with a text query.

## Why it matters

Real-world information is rarely just text. Multimodal models let products handle documents with charts, product photos, diagrams, recordings and UI screenshots without a separate pipeline for each format. This simplifies architecture and opens up features that used to require specialised computer vision or speech systems.

## Trade-offs

- **Cost**: images, audio and video consume many tokens, so requests can be much more expensive than text-only ones.
- **Uneven quality**: a model can be strong at text but weaker at reading small print, counting objects or interpreting complex charts.
- **New risks**: instructions hidden inside images or audio can enable prompt injection, and generated media raises content and copyright concerns.
- **Evaluation**: testing across modalities takes more effort than testing text alone.
""",
        "faqs": [
            (
                "Is a multimodal model the same as an LLM?",
                "Not exactly. Many current LLMs are multimodal, accepting images or audio alongside text, but an LLM can be text-only. Multimodal describes the types of data a model handles, while LLM describes a language-centred model.",
            ),
            (
                "How are images priced in multimodal APIs?",
                "Providers usually convert an image into a number of tokens based on its resolution and bill them like text tokens. Larger or higher-detail images cost more, so resizing images to what the task needs is an easy saving.",
            ),
            (
                "Can multimodal models replace OCR?",
                "For many documents they read text accurately and also understand layout and context, which traditional OCR cannot. For high-volume, high-accuracy workloads, dedicated OCR can still be cheaper and more predictable, and the two are often combined.",
            ),
        ],
    },
    {
        "slug": "small-language-model",
        "name": "Small Language Model",
        "category": "models-architectures",
        "short_definition": "A compact language model, typically from a few hundred million to a few billion parameters, designed to be cheap and fast enough to run on modest hardware or directly on a device.",
        "aliases": ["SLM"],
        "related": ["llm", "knowledge-distillation", "quantization", "fine-tuning", "inference"],
        "body": """## What it is

A **small language model (SLM)** is a language model built to be compact. There is no official cut-off, but the term usually covers models from a few hundred million up to roughly ten billion parameters, compared with the tens or hundreds of billions in frontier [LLMs](/glossary/llm/).

Small models close much of the gap with larger ones through high-quality, carefully filtered training data, [knowledge distillation](/glossary/knowledge-distillation/) from bigger models and long training runs. [Quantization](/glossary/quantization/) then shrinks them further for deployment.

## Examples

- Model families such as Phi, Gemma, Llama's smaller sizes, Qwen's smaller sizes and SmolLM.
- On-device assistants that summarise notifications or suggest replies on a phone.
- A fine-tuned 3-billion-parameter model that classifies support tickets in a company's own data centre.

## Why it matters

SLMs make AI practical in places where large models are too slow, costly or impossible to use:

- **Low latency** for real-time features.
- **Lower cost** for high-volume tasks.
- **Privacy**: data can stay on the device or inside your own infrastructure.
- **Offline use** in apps, vehicles or edge hardware.

They are also easier and cheaper to [fine-tune](/glossary/fine-tuning/), and a tuned small model often matches a general large model on a narrow task.

## Trade-offs

Small models have less room for knowledge and weaker general reasoning. They struggle more with complex multi-step problems, long documents and rare facts, and may hallucinate more when pushed outside their strengths. A common pattern is to route simple requests to an SLM and escalate harder ones to a larger model.
""",
        "faqs": [
            (
                "What is the difference between an SLM and an LLM?",
                "The main difference is size and the trade-offs that follow. An LLM offers broader knowledge and stronger reasoning, while an SLM is faster, cheaper and can run on a laptop, phone or single GPU. Many products use both, choosing per task.",
            ),
            (
                "When should I choose a small language model?",
                "Choose an SLM when the task is well defined, such as classification, extraction or short summaries, and when latency, cost, privacy or offline use matter. If the task needs broad knowledge or complex reasoning, start with a larger model and test whether a smaller one can match it.",
            ),
            (
                "Can a small model run on a phone?",
                "Yes. Models of one to a few billion parameters, especially when quantized to 4-bit, can run on recent phones and laptops. Speed and battery use depend on the device's chip and memory.",
            ),
        ],
    },
    {
        "slug": "pre-training",
        "name": "Pre-training",
        "category": "training-adaptation",
        "short_definition": "The first and most expensive stage of training a model, where it learns general patterns of language or other data from a massive unlabelled dataset, typically by predicting the next token.",
        "aliases": [],
        "related": ["fine-tuning", "base-model", "foundation-model", "instruction-tuning", "token"],
        "body": """## What it is

**Pre-training** is the stage where a model learns the bulk of what it knows. A language model starts with random weights and is trained on a vast corpus, often trillions of [tokens](/glossary/token/) drawn from web pages, books, code and other sources. The task is usually **self-supervised**: the model predicts the next token, and the text itself provides the correct answer, so no human labelling is required.

By repeating this across enormous amounts of data, the model picks up grammar, facts, writing styles, reasoning patterns and programming skills. The output of pre-training is a [base model](/glossary/base-model/).

## Examples

- Training a new LLM from scratch on a filtered mix of web text, books, academic papers and code.
- **Continued pre-training**: taking an existing model and training it further on a large body of domain text, such as legal or medical documents, or on a new language.

## Why it matters

Pre-training sets the ceiling on a model's knowledge and capabilities. Later stages such as [fine-tuning](/glossary/fine-tuning/) and [instruction tuning](/glossary/instruction-tuning/) shape how the model behaves, but they mostly draw on abilities acquired during pre-training. The quality and mix of the pre-training data has a large effect on what the final model is good at.

## Trade-offs

- **Cost**: pre-training a frontier model takes thousands of GPUs for weeks or months and can cost tens of millions of dollars or more.
- **Data issues**: web-scale data contains errors, bias, duplicated content and material with unclear licensing, all of which can carry into the model.
- **Fixed knowledge**: the model's knowledge stops at its training cut-off date.

For almost all product teams, pre-training is something you benefit from rather than do yourself.
""",
        "faqs": [
            (
                "What is the difference between pre-training and fine-tuning?",
                "Pre-training teaches a model general knowledge and language from a massive, mostly unlabelled dataset, and it is extremely expensive. Fine-tuning starts from that pre-trained model and adapts it to a specific task, style or domain with a much smaller, curated dataset, at a fraction of the cost.",
            ),
            (
                "Why is it called pre-training?",
                "It happens before the model is adapted to any particular use. The name reflects the idea that this general training prepares the model, and later training stages then build on it.",
            ),
            (
                "What is continued pre-training?",
                "Continued pre-training resumes the same next-token training on an existing model, using a large corpus from a new domain or language. It injects broad knowledge more effectively than ordinary fine-tuning, but it needs far more data and compute.",
            ),
        ],
    },
    {
        "slug": "fine-tuning",
        "name": "Fine-tuning",
        "category": "training-adaptation",
        "short_definition": "Further training a pre-trained model on a smaller, task-specific dataset so it adapts to a particular task, domain, format or style, without training a new model from scratch.",
        "aliases": [],
        "related": ["pre-training", "lora", "rag", "prompt-engineering", "instruction-tuning"],
        "body": """## What it is

**Fine-tuning** takes a model that has already been through [pre-training](/glossary/pre-training/) and continues training it on a focused dataset. That dataset usually contains hundreds to tens of thousands of examples showing the inputs you expect and the outputs you want. The model's weights are adjusted so it reproduces that behaviour more reliably.

There are two broad approaches:

- **Full fine-tuning** updates all of the model's weights. It is powerful but needs a lot of GPU memory.
- **Parameter-efficient fine-tuning (PEFT)**, such as [LoRA](/glossary/lora/), freezes the original weights and trains a small set of extra parameters, which makes tuning much cheaper.

## Examples

- Teaching a model to output a strict JSON schema for invoice extraction.
- Matching a brand's tone of voice in marketing copy.
- Training a small model to classify support tickets into company-specific categories.
- [Instruction tuning](/glossary/instruction-tuning/), which turns a base model into an assistant, is itself a form of fine-tuning.

## Why it matters

Fine-tuning lets teams get consistent, specialised behaviour that is hard to achieve with prompts alone. A fine-tuned model can use shorter prompts, respond faster and cost less, and a fine-tuned small model can sometimes replace a much larger general one.

## Trade-offs

- **Data effort**: results depend on high-quality, representative examples, which take time to collect and review.
- **Maintenance**: each new base model release means repeating the process.
- **Forgetting**: narrow tuning can weaken general abilities or safety behaviour.
- **Not a knowledge store**: fine-tuning is better for teaching behaviour and format than for adding facts that change often; [RAG](/glossary/rag/) usually handles that better.

A good rule is to try [prompt engineering](/glossary/prompt-engineering/) and retrieval first, and fine-tune when they plateau.
""",
        "faqs": [
            (
                "Should I use fine-tuning or RAG?",
                "Use RAG when the model needs access to specific, current or frequently changing information, because you can update documents without retraining. Use fine-tuning to change behaviour, such as format, tone or a specialised task. Many production systems combine both.",
            ),
            (
                "What is the difference between LoRA and full fine-tuning?",
                "Full fine-tuning updates every weight in the model, which needs a lot of memory and produces a full-size copy. LoRA trains small add-on matrices while the original weights stay frozen, so it is much cheaper and the result is a small adapter file, usually with quality close to full fine-tuning.",
            ),
            (
                "Is fine-tuning better than prompt engineering?",
                "Not by default. Prompt engineering is faster, cheaper and easier to change, so it should usually come first. Fine-tuning is worth it when you need consistent behaviour at scale, want shorter prompts, or have hit the limits of what prompts can achieve.",
            ),
            (
                "How much data do I need to fine-tune a model?",
                "For style or format changes, a few hundred high-quality examples can be enough. More complex tasks may need thousands. Quality and consistency matter more than volume, so start small, evaluate and add data where the model struggles.",
            ),
        ],
    },
]
