"""POST /api/v1/ask/: a reader's question answered from live FAQs (the delivery API's one POST).

Never cached: the response cache and the WSGI fast path replay GET and HEAD only
(api/caching.py `is_public_delivery_request`), and the answer says `Cache-Control:
no-store`. Not CSRF-bound: it is anonymous (no session or cookie is read) and the API's
middleware has no CSRF check. Throttled per client address on its own rate
(`API_THROTTLE_ASK`). A question nothing answers is recorded for editors (answers.services).
"""

import json

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from answers.services import AskResult, UnknownTerm, ask
from answers.text import MAX_QUESTION_LENGTH
from api import params
from api.serializers import TermRefSerializer, TermSummarySerializer
from api.throttling import AskThrottle


class StrictCharField(serializers.CharField):
    """A string, or a 400: DRF's CharField would take 42 or true and turn them into text."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class AskSerializer(serializers.Serializer):
    question = StrictCharField(max_length=MAX_QUESTION_LENGTH, help_text="The reader's question, as typed.")
    term = StrictCharField(
        required=False,
        allow_null=True,
        max_length=200,
        help_text="Slug of the live term whose page the question is asked on (an old slug of a renamed term works).",
    )

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({unknown[0]: ["Unknown field: only question and term are accepted."]})
        return attrs


class AskAnswerSerializer(serializers.Serializer):
    faq_id = serializers.IntegerField(
        allow_null=True, help_text="The FAQ's id; null when the answer is the term's quick definition ('what is X?')."
    )
    question = serializers.CharField()
    answer_html = serializers.CharField(help_text="Sanitised HTML, rendered at publication.")
    answer_text = serializers.CharField()
    score = serializers.FloatField(help_text="Confidence from 0 to 1; only answers above the threshold are given.")
    source = serializers.ChoiceField(
        choices=["term", "related", "site"],
        help_text="term: the page's term (or, with no term given, the term the FAQ is on); "
        "related: another term's FAQ or definition; site: a site-wide FAQ.",
    )
    term = TermRefSerializer(allow_null=True, help_text="The term the answer is about; null for site-wide FAQs.")


@extend_schema_field(TermSummarySerializer)
class StoredTermSummaryField(serializers.Field):
    """A term summary as stored at publication (with its category added): already in TermSummarySerializer's shape."""

    def to_representation(self, value: dict) -> dict:
        return value


class AskResponseSerializer(serializers.Serializer):
    answers = AskAnswerSerializer(many=True, help_text="At most 3, best first.")
    follow_ups = serializers.ListField(
        child=serializers.CharField(),
        help_text="Other questions of the page's term (or the term named) not answered here.",
    )
    matched_terms = serializers.ListField(child=StoredTermSummaryField(), help_text="Live terms the question names.")
    answered = serializers.BooleanField(
        help_text="False when no answer reached the threshold (the question is recorded)."
    )


def ask_response_body(result: AskResult) -> dict:
    """`AskResponseSerializer`'s output, built directly: the serializers document the shape (and a
    test holds the two equal), but running them cost about a tenth of an ask."""
    return {
        "answers": [
            {
                "faq_id": answer.faq_id,
                "question": str(answer.question),
                "answer_html": str(answer.answer_html),
                "answer_text": str(answer.answer_text),
                "score": float(answer.score),
                "source": answer.source,
                "term": None if answer.term is None else {"slug": answer.term["slug"], "name": answer.term["name"]},
            }
            for answer in result.answers
        ],
        "follow_ups": [str(question) for question in result.follow_ups],
        "matched_terms": list(result.matched_terms),
        "answered": bool(result.answered),
    }


def field_error(field: str, message: str) -> Response:
    """A 400 naming the body field at fault, in the shape of the API's other errors."""
    response = Response(
        {"detail": f"Invalid field '{field}': {message}", "field": field, "errors": {field: [message]}}, status=400
    )
    response["Cache-Control"] = "no-store"
    return response


class AskView(APIView):
    http_method_names = ["post", "options"]
    throttle_classes = [AskThrottle]
    parser_classes = [JSONParser]  # what the schema shows; the body is read below, whatever its Content-Type

    @extend_schema(
        request=AskSerializer,
        responses={
            200: AskResponseSerializer,
            400: OpenApiResponse(description="The body is not a JSON object, or a field is invalid; `field` names it."),
            429: OpenApiResponse(description="Too many questions from this client; retry after `Retry-After`."),
        },
        description="Answer a reader's question from live FAQs and definitions. Never cached; own rate limit.",
    )
    def post(self, request):
        params.reject_unknown_parameters(request.query_params, allowed=params.NO_PARAMETERS)
        # Parsed here, not by DRF's parsers: a widget may post as text/plain to skip a CORS preflight.
        try:
            payload = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError):
            return field_error("body", "The body must be a JSON object.")
        if not isinstance(payload, dict):
            return field_error("body", "The body must be a JSON object.")
        serializer = AskSerializer(data=payload)
        if not serializer.is_valid():
            field, messages = next(iter(serializer.errors.items()))
            return field_error(field, " ".join(str(message) for message in messages))
        data = serializer.validated_data
        question = data["question"]
        try:
            result = ask(question=question, term_slug=data.get("term") or None, at=timezone.now())
        except UnknownTerm:
            return field_error("term", f"No live term with slug '{data['term']}'.")
        response = Response(ask_response_body(result))
        response["Cache-Control"] = "no-store"
        return response
