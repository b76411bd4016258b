"""Demo comparisons and site-wide FAQs: written for the demo glossary of Glossary CMS."""

COMPARISONS = [
    {
        "term_a": "foundation-model",
        "term_b": "llm",
        "title": "Foundation Model vs LLM",
        "summary": (
            "A foundation model is any large model trained on broad data and reused for many tasks; "
            "an LLM is one kind of foundation model that specialises in text."
        ),
        "body": """## The short answer

"Foundation model" describes a role, while "large language model" describes a type of model. A foundation model is a large network pre-trained on broad, mostly unlabelled data so that many downstream products can be built on top of it. An LLM is a model trained to predict and generate text. Most modern LLMs are foundation models, but the category also covers image, audio, video and multimodal models.

## Why the terms overlap

The term "foundation model" was coined to highlight a shift in how AI products get built: instead of training a new model for every task, teams start from one general model and adapt it with prompting, fine-tuning or retrieval. Text models were the most visible example of this shift, so people often use the two terms interchangeably. The distinction matters when your product involves more than text, such as image generation, speech recognition or document understanding.

## Where the analogy breaks

Not every LLM is a foundation model in the strict sense. A small language model trained narrowly for one job, such as classifying support tickets, is still a language model, but nobody would build a range of other products on it. Likewise, a vision foundation model is not an LLM at all, even though it plays the same platform role.

## When to use which

Say "foundation model" when you are talking about strategy, platform choices or regulation, where the key point is that one model underpins many uses. Say "LLM" when you are talking about text-specific behaviour such as prompts, tokens, context windows or hallucinations. In vendor conversations, ask which modalities a "foundation model" actually supports before assuming it is just an LLM.
""",
        "points": [
            (
                "Scope",
                "An umbrella category that covers text, image, audio, video and multimodal models.",
                "A specific type of model that works with text (and, in newer versions, often other inputs too).",
            ),
            (
                "Defining trait",
                "Defined by how it is used: as a general base that many applications adapt.",
                "Defined by what it does: modelling and generating natural language.",
            ),
            (
                "Typical examples",
                "Text models, image generators, speech models and vision-language models.",
                "Chat assistants, coding assistants and text-completion models.",
            ),
            (
                "Relationship",
                "Includes most large LLMs as a subset.",
                "Usually counts as a foundation model when it is large and general-purpose.",
            ),
            (
                "Where the term shows up",
                "Strategy documents, platform decisions and AI regulation.",
                "Day-to-day product work on prompts, tokens and text quality.",
            ),
        ],
        "faqs": [
            (
                "Is every LLM a foundation model?",
                'Not strictly. Large, general-purpose LLMs are foundation models, but a narrow language model trained for a single task does not play that role. In everyday usage, though, people usually mean the large general-purpose kind when they say "LLM".',
            ),
            (
                "Is every foundation model an LLM?",
                "No. Image generators, speech models and vision models can all be foundation models without being language models. Multimodal models blur the line because they often include an LLM at their core.",
            ),
            (
                "Which term should I use in product documentation?",
                "Use **LLM** when the feature is about text in and text out, because readers recognise it instantly. Use **foundation model** when you mean the broader platform, or when the model handles images, audio or other modalities.",
            ),
        ],
    },
    {
        "term_a": "foundation-model",
        "term_b": "base-model",
        "title": "Foundation Model vs Base Model",
        "summary": (
            "A foundation model is a broad, reusable model in any modality; a base model is the raw "
            "output of pre-training, before instruction tuning or alignment turns it into an assistant."
        ),
        "body": """## The short answer

The two terms answer different questions. "Foundation model" answers *what role does this model play?*: it is a general model that many products build on. "Base model" answers *what stage of training is this checkpoint at?*: it has finished pre-training but has not yet been instruction-tuned, aligned or otherwise adapted.

## How they fit together

A typical model family is released in two flavours. The base model has only learned to continue text (or images, or audio) in the style of its training data. Ask it a question and it may reply with more questions, because that is a plausible continuation. The instruct or chat version starts from that same base model and adds instruction tuning and often RLHF so it follows requests and behaves safely. Both versions can reasonably be called foundation models, because both are general and widely reused.

## Why the difference matters

Base models are mostly for builders. They are the best starting point for your own fine-tuning, because they carry no assistant habits or refusal patterns you would need to undo. They are also useful for research and for tasks where pure continuation is what you want, such as autocompleting code or generating synthetic data. For an end-user feature, a base model is usually the wrong choice: it is harder to prompt, less predictable and has no safety tuning.

## When to use which

Use "foundation model" when discussing a model's place in your architecture or in the market. Use "base model" when you need to be precise about a checkpoint, for example when choosing what to fine-tune or when a model card lists both "base" and "instruct" variants.
""",
        "points": [
            (
                "Question it answers",
                "What role does the model play across many applications?",
                "What training stage has this particular checkpoint reached?",
            ),
            (
                "Training stage",
                "Can be at any stage, from raw pre-trained weights to a polished assistant.",
                "Has completed pre-training only, with no instruction tuning or alignment.",
            ),
            (
                "Behaviour",
                "Depends on the variant; chat versions follow instructions.",
                "Continues its input rather than answering or obeying it.",
            ),
            (
                "Main users",
                "Product teams, strategists and policymakers thinking about platforms.",
                "ML engineers who plan to fine-tune or study the model.",
            ),
            (
                "Typical label",
                "Used to describe a whole model family or category.",
                'Often appears as a "base" variant next to an "instruct" or "chat" variant on a model card.',
            ),
        ],
        "faqs": [
            (
                "Can a base model be a foundation model?",
                "Yes. A large base model trained on broad data is a foundation model in the clearest sense, because it is the general starting point that others adapt. The terms are not opposites; they describe different properties.",
            ),
            (
                "Why would anyone use a base model instead of the chat version?",
                "Base models are cleaner starting points for fine-tuning, since they have no built-in assistant style to work against. They also suit pure continuation tasks such as code completion or generating varied synthetic text.",
            ),
        ],
    },
    {
        "term_a": "pre-training",
        "term_b": "fine-tuning",
        "title": "Pre-training vs Fine-tuning",
        "summary": (
            "Pre-training teaches a model general knowledge from huge amounts of raw data; fine-tuning "
            "continues training on a much smaller, targeted dataset to adapt it to a task or style."
        ),
        "body": """## The short answer

Pre-training and fine-tuning are two phases of the same process, running at very different scales. Pre-training builds a model's general abilities from scratch by exposing it to enormous amounts of unlabelled data. Fine-tuning takes that pre-trained model and trains it a little further on a small, curated dataset so it does one job, or behaves one way, particularly well.

## What happens in pre-training

During pre-training a language model reads a vast amount of text and learns to predict the next token. Doing that well forces it to pick up grammar, facts, reasoning patterns and coding conventions. This phase needs huge datasets, large clusters of accelerators and weeks or months of compute, so only a small number of organisations do it. The result is a base model.

## What happens in fine-tuning

Fine-tuning starts from those pre-trained weights and updates them using examples you choose: support conversations, legal summaries, instruction and response pairs, and so on. Because the model already understands language, a few hundred to a few thousand high-quality examples can make a visible difference. It can run in hours on modest hardware, especially with parameter-efficient methods such as LoRA.

## When to use which

Almost no product team should pre-train its own model; the cost is rarely justified unless you have a truly distinct data domain and a large budget. Fine-tuning is the practical lever when prompting alone cannot give you the format, tone or task performance you need. A useful mental model: pre-training is the general education, fine-tuning is the on-the-job training.
""",
        "points": [
            (
                "Goal",
                "Build broad, general capabilities from scratch.",
                "Adapt an existing model to a specific task, domain or style.",
            ),
            (
                "Data",
                "Trillions of tokens of mostly unlabelled, general data.",
                "Hundreds to tens of thousands of curated, often labelled examples.",
            ),
            ("Cost and time", "Weeks to months on large accelerator clusters.", "Hours to days on modest hardware."),
            (
                "Starting point",
                "Starts from randomly initialised weights.",
                "Starts from an already pre-trained model.",
            ),
            (
                "Who does it",
                "A handful of well-funded labs and companies.",
                "Product teams, researchers and hobbyists.",
            ),
        ],
        "faqs": [
            (
                "Can fine-tuning teach a model completely new knowledge?",
                "Only to a limited extent. Fine-tuning is good at shaping behaviour, format and domain style, but it is an unreliable way to add large amounts of new facts. For fresh or changing knowledge, retrieval-augmented generation is usually a better fit.",
            ),
            (
                'Is "continued pre-training" the same as fine-tuning?',
                "It sits between the two. Continued pre-training keeps the next-token objective but feeds the model a large amount of domain text, such as medical papers, before any task-specific fine-tuning. It costs more than fine-tuning but far less than pre-training from scratch.",
            ),
        ],
    },
    {
        "term_a": "rag",
        "term_b": "fine-tuning",
        "title": "RAG vs Fine-tuning",
        "summary": (
            "RAG gives a model relevant documents at question time without changing its weights; "
            "fine-tuning changes the weights so the model behaves differently every time."
        ),
        "body": """## The short answer

Retrieval-augmented generation (RAG) and fine-tuning solve different problems, even though they are often pitched as alternatives. RAG changes what the model *knows right now* by retrieving relevant documents and placing them in the prompt. Fine-tuning changes how the model *behaves by default* by updating its weights with training examples.

## What RAG is good at

RAG shines when answers depend on information that is private, large or changing: product documentation, policies, contracts, support history. You index the content (usually by chunking it and storing embeddings in a vector database), retrieve the most relevant passages for each question and ask the model to answer from them. Updating knowledge is as simple as re-indexing a document, and you can show users the sources behind each answer, which helps with trust and with reducing hallucinations.

## What fine-tuning is good at

Fine-tuning shines when the problem is form rather than facts: a consistent output format, a brand voice, a specialised classification task, or shorter prompts and lower latency for a high-volume job. It needs a curated training set and an evaluation process, and every change to the desired behaviour means another training run. It is a poor way to keep facts current, because knowledge baked into weights goes stale and cannot easily be traced back to a source.

## When to use which

Start with good prompting, then add RAG if the model lacks the right information. Reach for fine-tuning when the model has the information but still does not respond the way you need. Many mature systems use both: a fine-tuned model that is good at reading retrieved context and answering in the house style.
""",
        "points": [
            (
                "What it changes",
                "The information supplied to the model for each request.",
                "The model's weights and therefore its default behaviour.",
            ),
            (
                "Best for",
                "Private, large or frequently changing knowledge.",
                "Consistent format, tone or performance on a narrow task.",
            ),
            (
                "Keeping up to date",
                "Update the document index and the next answer reflects it.",
                "Requires collecting new examples and running training again.",
            ),
            (
                "Traceability",
                "Answers can cite the exact sources they came from.",
                "Learned knowledge cannot easily be traced to a specific source.",
            ),
            (
                "Main costs",
                "Retrieval infrastructure, longer prompts and retrieval quality work.",
                "Training data curation, training runs and model hosting.",
            ),
        ],
        "faqs": [
            (
                "Does RAG eliminate hallucinations?",
                "No, but it reduces them when retrieval finds the right passages. The model can still misread context or fill gaps with invented details, so it helps to instruct it to say when the sources do not contain an answer and to evaluate answers against those sources.",
            ),
            (
                "Can I combine RAG and fine-tuning?",
                "Yes, and many production systems do. A common pattern is to fine-tune a model so it reliably grounds its answers in provided context and follows your output format, then use RAG to supply the up-to-date facts.",
            ),
            (
                "Which is cheaper to start with?",
                "RAG is usually faster and cheaper to prototype, because it needs no training run and works with hosted models. Fine-tuning can become cheaper at high volume if it lets you use a smaller model or much shorter prompts.",
            ),
        ],
    },
    {
        "term_a": "lora",
        "term_b": "fine-tuning",
        "title": "LoRA vs Fine-tuning",
        "summary": (
            "LoRA is a parameter-efficient way to fine-tune: it freezes the original weights and trains "
            "small add-on matrices, instead of updating every weight as full fine-tuning does."
        ),
        "body": """## The short answer

LoRA is not an alternative to fine-tuning; it is one way of doing it. "Fine-tuning" is the general idea of continuing to train a pre-trained model on your own data. LoRA (Low-Rank Adaptation) is a specific, popular technique that makes fine-tuning much cheaper by training only a small number of extra parameters. When people compare the two, they usually mean LoRA versus *full* fine-tuning, where every weight in the model is updated.

## How LoRA works

LoRA keeps the original model weights frozen. Alongside selected layers it adds pairs of small, low-rank matrices whose product acts as a correction to the frozen weights. Only those small matrices are trained. The result is an adapter that is often a tiny fraction of the model's size, measured in megabytes rather than gigabytes. A variant called QLoRA also quantizes the frozen model to save even more memory.

## Trade-offs

Full fine-tuning gives the model the most freedom to change and can produce the best results for large shifts in behaviour or domain, but it needs far more GPU memory and produces a full-sized copy of the model for every variant. LoRA trains faster on smaller hardware, and you can keep many adapters for different customers or tasks and swap them on a single shared base model. For most style, format and task adaptations, LoRA gets close to full fine-tuning quality.

## When to use which

Default to LoRA when budgets, hardware or the number of variants matter, which is most of the time. Consider full fine-tuning when you have plenty of compute, a large dataset and evidence that LoRA is leaving quality on the table.
""",
        "points": [
            (
                "What it is",
                "A specific parameter-efficient fine-tuning technique.",
                'The general practice of further training a pre-trained model; "full" fine-tuning updates every weight.',
            ),
            (
                "Parameters trained",
                "Only small added low-rank matrices; the original weights stay frozen.",
                "All of the model's weights in the full variant.",
            ),
            (
                "Hardware needs",
                "Often fits on a single GPU, even for fairly large models.",
                "Needs much more memory for weights, gradients and optimiser state.",
            ),
            (
                "Output",
                "A small adapter file that is loaded on top of the base model.",
                "A complete new copy of the model weights.",
            ),
            (
                "Many variants",
                "Many adapters can share one base model and be swapped at serving time.",
                "Each variant is a separate full-sized model to store and serve.",
            ),
        ],
        "faqs": [
            (
                "Is LoRA worse than full fine-tuning?",
                "Usually only slightly, and often not noticeably for style, format or narrow task adaptation. Full fine-tuning can pull ahead when the change is large, such as teaching a model a new language or a very different domain.",
            ),
            (
                "Can LoRA adapters be merged into the model?",
                "Yes. The adapter's matrices can be added into the base weights to produce a single standalone model with no extra serving overhead. Keeping them separate is useful when you want to swap adapters per customer or task.",
            ),
        ],
    },
    {
        "term_a": "prompt-engineering",
        "term_b": "fine-tuning",
        "title": "Prompt Engineering vs Fine-tuning",
        "summary": (
            "Prompt engineering steers a model through the instructions and examples you send it; "
            "fine-tuning steers it by changing its weights with training data."
        ),
        "body": """## The short answer

Both techniques aim to get better, more consistent output from a model, but they work at different layers. Prompt engineering changes the *input*: instructions, examples, formatting rules and context. Fine-tuning changes the *model itself* by training it further on examples of the behaviour you want.

## Why prompt engineering comes first

Prompting is fast, cheap and reversible. You can test a new instruction in minutes, compare versions side by side and roll back instantly. Techniques such as clear role and task descriptions, few-shot examples, chain-of-thought reasoning and structured output formats take modern models a long way. It also works with any hosted model, including ones you are not allowed to fine-tune. The main limits are prompt length, which adds cost and latency on every call, and a ceiling on how consistently a model follows long, complex instructions.

## When fine-tuning earns its place

Fine-tuning makes sense when you have pushed prompting as far as it goes and still see problems: the output format drifts, the tone is off, or a narrow task needs more accuracy. It can also let a smaller, cheaper model match a larger one on a specific job, and it can replace a long prompt full of examples, cutting per-request cost. The price is upfront work: collecting and cleaning training data, building evaluations, running training and maintaining the resulting model.

## When to use which

Treat it as a ladder. Start with prompt engineering and a solid evaluation set. If the model lacks knowledge, add retrieval. If the model has the knowledge but not the behaviour, and you have good examples, move to fine-tuning. The prompts and evaluation set you built along the way become the seed of your training data.
""",
        "points": [
            (
                "What it changes",
                "The instructions, examples and context sent with each request.",
                "The model's weights, so the behaviour persists without long prompts.",
            ),
            (
                "Speed of iteration",
                "Minutes per change, with instant rollback.",
                "Hours or days per change, including data preparation and evaluation.",
            ),
            (
                "Upfront cost",
                "Very low; needs only access to a model and a test set.",
                "Higher; needs curated training data, training runs and hosting.",
            ),
            (
                "Per-request cost",
                "Long prompts add tokens, latency and cost to every call.",
                "Shorter prompts and possibly a smaller model can lower running costs.",
            ),
            (
                "Model access",
                "Works with any model, including closed hosted ones.",
                "Requires a model whose provider allows fine-tuning, or open weights.",
            ),
        ],
        "faqs": [
            (
                "Does fine-tuning make prompt engineering unnecessary?",
                "No. A fine-tuned model still needs a clear prompt, just usually a shorter one. Prompt design and evaluation skills remain essential for testing and maintaining the fine-tuned model.",
            ),
            (
                "How do I know prompting has hit its limit?",
                "Build an evaluation set first and track results as you iterate on prompts. If scores plateau, the failures are about consistency or style rather than missing knowledge, and you have a few hundred good examples, fine-tuning is worth trying.",
            ),
        ],
    },
    {
        "term_a": "llm",
        "term_b": "small-language-model",
        "title": "LLM vs Small Language Model",
        "summary": (
            "LLMs are large, general-purpose language models that usually run in the cloud; small "
            "language models trade some breadth for lower cost, faster responses and on-device use."
        ),
        "body": """## The short answer

The difference is mainly size and what size buys you. Large language models (LLMs) have tens or hundreds of billions of parameters, or more, and aim to be good at almost everything. Small language models (SLMs) are typically in the range of a few hundred million to a few billion parameters and aim to be good enough at a focused set of tasks while being much cheaper and faster to run. There is no official cut-off, and the boundary keeps moving as models improve.

## What you get from an LLM

LLMs offer the broadest knowledge, the strongest reasoning and the best handling of open-ended, unpredictable requests. They are the safer choice for general assistants, complex analysis, coding help and tasks you cannot fully specify in advance. The costs are higher per-request prices, more latency and, in practice, reliance on cloud infrastructure or a hosted API.

## What you get from an SLM

SLMs can run on a laptop, a phone or a single modest server. That enables offline features, keeps sensitive data on the device and makes high-volume workloads affordable. Techniques such as knowledge distillation, high-quality training data and quantization have made modern SLMs surprisingly capable, and fine-tuning an SLM for a narrow task such as classification, extraction or routing can rival a much larger general model on that task.

## When to use which

Use an LLM when the task is broad, ambiguous or requires deep reasoning, and when quality matters more than cost per call. Use an SLM when the task is well defined, volume is high, latency is critical, or data must stay on the device. Many products combine them, routing simple requests to an SLM and escalating hard ones to an LLM.
""",
        "points": [
            (
                "Size",
                "Tens to hundreds of billions of parameters or more.",
                "Roughly hundreds of millions to a few billion parameters.",
            ),
            (
                "Capabilities",
                "Broad knowledge and strong reasoning across many tasks.",
                "Solid performance on focused tasks, with less general knowledge.",
            ),
            (
                "Where it runs",
                "Usually in the cloud on clusters of powerful accelerators.",
                "On laptops, phones, edge devices or a single modest server.",
            ),
            (
                "Cost and latency",
                "Higher cost per request and slower responses.",
                "Lower cost per request and faster responses.",
            ),
            (
                "Privacy",
                "Data typically leaves the device to reach the model provider.",
                "Data can stay entirely on the user's device.",
            ),
            (
                "Typical use",
                "General assistants, complex analysis and open-ended requests.",
                "Classification, extraction, routing, autocomplete and offline features.",
            ),
        ],
        "faqs": [
            (
                "Where is the line between an LLM and an SLM?",
                "There is no agreed threshold. In current usage, models of a few billion parameters or fewer, designed to run on a single device, are usually called small. The line shifts over time as hardware and training methods improve.",
            ),
            (
                "Can a small language model beat an LLM?",
                "On a narrow, well-defined task, yes. A small model fine-tuned on good task data can match or beat a general LLM on that task while costing far less to run. On broad, open-ended work, larger models still generally win.",
            ),
        ],
    },
    {
        "term_a": "rlhf",
        "term_b": "instruction-tuning",
        "title": "RLHF vs Instruction Tuning",
        "summary": (
            "Instruction tuning teaches a model to follow requests by training on example responses; "
            "RLHF then refines it using human judgements of which responses are better."
        ),
        "body": """## The short answer

Instruction tuning and reinforcement learning from human feedback (RLHF) are usually successive steps in turning a base model into a helpful assistant. Instruction tuning shows the model many examples of instructions paired with good responses, so it learns to answer requests instead of just continuing text. RLHF then uses human preferences between alternative responses to push the model towards answers people actually judge as more helpful, honest and safe.

## How instruction tuning works

Instruction tuning is supervised fine-tuning. A dataset of prompts and ideal responses, written by people, generated by other models or both, is used to train the model to imitate those responses. It is relatively simple and stable, and it produces the biggest single jump in usability: the model now follows directions, respects formats and holds a conversation. Its limit is that the model can only learn to copy the demonstrations, so quality is capped by the examples.

## How RLHF works

In RLHF, the model produces several responses to the same prompt and human reviewers rank them. Those rankings train a reward model that predicts human preference. The assistant model is then optimised, typically with a reinforcement learning algorithm, to score highly on that reward while staying close to its instruction-tuned behaviour. Because judging is easier than writing a perfect answer, RLHF can capture subtle qualities such as tone, refusals and helpfulness that are hard to demonstrate directly. It is more complex, more expensive and can lead to side effects like excessive verbosity.

## When to use which

For most teams adapting a model, instruction tuning (or simpler fine-tuning) is the practical tool. Preference-based methods such as RLHF, or lighter alternatives like direct preference optimisation (DPO), become relevant when you need to refine judgement and style beyond what examples alone can teach.
""",
        "points": [
            (
                "Learning signal",
                "Example responses that the model learns to imitate.",
                "Human rankings of alternative responses, turned into a reward.",
            ),
            (
                "Training method",
                "Supervised fine-tuning on prompt and response pairs.",
                "A reward model plus reinforcement learning, or a related preference method.",
            ),
            (
                "Typical order",
                "Usually comes first, right after pre-training.",
                "Usually comes after instruction tuning, as a refinement step.",
            ),
            (
                "What it improves most",
                "Following instructions, formats and conversational style.",
                "Subtler qualities such as helpfulness, tone, honesty and safe refusals.",
            ),
            (
                "Complexity",
                "Relatively simple, stable and cheap to run.",
                "More complex, costlier and harder to tune reliably.",
            ),
        ],
        "faqs": [
            (
                "Do I need RLHF if I already instruction-tune?",
                "For most product fine-tuning projects, no. Instruction tuning handles format and task behaviour well. Preference training becomes worthwhile when you need to shape judgement calls that are easier to rank than to write down as examples.",
            ),
            (
                "What is DPO and how does it relate to RLHF?",
                "Direct preference optimisation (DPO) learns from the same kind of preference data as RLHF but skips the separate reward model and reinforcement learning loop. It is simpler to run, which is why many teams use it as a practical alternative.",
            ),
        ],
    },
]

SITE_FAQS = [
    (
        "What is this glossary?",
        "It is a plain-English reference to the terms used when building and buying AI products, from tokens and embeddings to RAG and AI agents. Search for a term or browse by category, then follow related terms and comparison pages to see how concepts connect and where commonly confused terms differ.",
    ),
    (
        "How are terms chosen?",
        "We prioritise terms that technical product people meet in real projects, vendor conversations and documentation, especially ones that are often misunderstood. A term needs to be in established use rather than a passing buzzword, and we favour concepts that help explain the terms around them.",
    ),
    (
        "How often is the glossary updated?",
        "Entries are reviewed regularly and revised sooner when the field shifts, for example when a technique becomes mainstream or the common meaning of a term changes. New terms and comparisons are added as they become relevant to people building AI products.",
    ),
    (
        "How can I suggest a term or a correction?",
        "Get in touch with the editorial team with the term you would like added or the entry you think needs fixing. A short note on where you came across the term, or a source for the correction, helps us review it quickly.",
    ),
    (
        "Can I cite this glossary?",
        "Yes. Please link to the specific entry and include the date you accessed it, since definitions may be revised as the field evolves. For formal or academic work, pair our plain-English explanation with the primary sources it summarises.",
    ),
]
