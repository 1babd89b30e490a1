"""Per-call cost of botanu's boto3 hooks next to opentelemetry-instrumentation-botocore's, in the same run.

Every call is answered locally: a ``before-send`` handler (botocore's own hook for answering a request without
the network) returns a canned HTTP answer, so botocore does everything it does for a real call -- parameter
validation, serialization, signing, parsing, and every event botanu's hooks listen to -- except the round
trip. Three configurations make the same calls: ``bare`` (no instrumentation), ``contrib``
(``BotocoreInstrumentor``, which wraps ``BaseClient._make_api_call`` for every client: switched on and off
around its turns) and ``botanu`` (``instrument_boto3(client)``); ``floor`` is the bare call inside one SDK span
with the same attributes as botanu's span for that call (and, on SQS, with the trace-context message attributes
botanu adds): what the SDK and botocore themselves charge for what botanu records. Rounds are interleaved in a
rotating order and paired as in ``messaging.py`` (whose helpers this uses); 10 calls per parent span (a request;
``--in-use-case``: a use_case).
Printed per call: the bare call's median µs, the µs each configuration adds (median over rounds of its difference
from ``bare`` in the same round), and botanu's added cost over contrib's and the floor's over contrib's (1 + the
median per-round difference over contrib's median). Spans go to a BatchSpanProcessor with a discarding exporter;
botanu also keeps its counters.

    python benchmarks/boto3.py [--rounds 30] [--calls 200] [--only s3_put,s3_get,sqs_send,dynamodb_get] [--cpu-time]
                               [--in-use-case]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# run as ``python benchmarks/boto3.py``, this file would shadow the boto3 package: import boto3, not this
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import boto3  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.config import Config as ClientConfig  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased  # noqa: E402

from botanu_data import configure, use_case  # noqa: E402
from botanu_data.integrations.boto3 import instrument_boto3  # noqa: E402
from botanu_data.providers import reset_configuration  # noqa: E402


def _helpers() -> Any:
    spec = importlib.util.spec_from_file_location("_bench_messaging", HERE / "messaging.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


bench = _helpers()


class _Raw(io.BytesIO):
    """An HTTP body botocore reads either whole (``stream()``) or as a streaming output (``read()``)."""

    def stream(self, **_: Any) -> Any:
        yield self.getvalue()


def _answer(status: int, headers: dict[str, str], body: bytes) -> Callable[..., AWSResponse]:
    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, {"Content-Length": str(len(body)), **headers}, _Raw(body))

    return answer


SQS_BODY = "order 1"
# call name -> (service, operation's event name, method, kwargs, canned answer)
CALLS: dict[str, tuple[str, str, str, dict[str, Any], Callable[..., AWSResponse]]] = {
    "s3_put": ("s3", "PutObject", "put_object", {"Bucket": "bench", "Key": "k", "Body": b"x" * 1024},
               _answer(200, {"ETag": '"e"', "x-amz-request-id": "r"}, b"")),
    "s3_get": ("s3", "GetObject", "get_object", {"Bucket": "bench", "Key": "k"},
               _answer(200, {"ETag": '"e"', "x-amz-request-id": "r"}, b"x" * 1024)),
    "sqs_send": ("sqs", "SendMessage", "send_message",
                 {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/bench", "MessageBody": SQS_BODY},
                 _answer(200, {"x-amzn-RequestId": "r", "Content-Type": "application/x-amz-json-1.0"}, json.dumps(
                     {"MessageId": "m", "MD5OfMessageBody": hashlib.md5(SQS_BODY.encode()).hexdigest()}).encode())),
    "dynamodb_get": ("dynamodb", "GetItem", "get_item", {"TableName": "bench", "Key": {"id": {"S": "1"}}},
                     _answer(200, {"x-amzn-RequestId": "r", "Content-Type": "application/x-amz-json-1.0"},
                             b'{"Item": {"id": {"S": "1"}}}')),
}


def _client(service: str) -> Any:
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="bench", aws_secret_access_key="bench",
                        endpoint_url=f"https://{service}.us-east-1.amazonaws.com",
                        config=ClientConfig(retries={"max_attempts": 1}))


def botanu_records(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The attributes of the span botanu makes for one such call, and the message attributes it adds to its
    parameters (SQS: the trace context), recorded once before timing. The floor's span and call carry the same,
    so it is the SDK's and botocore's own cost of what botanu records, made around a bare call: what any
    instrumentation recording the same pays, the floor of the ratio."""
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    configure(tracer_provider=provider)
    try:
        service, operation, method, kwargs, answer = CALLS[name]
        client = _client(service)
        client.meta.events.register(f"before-send.{service}.{operation}", answer)
        instrument_boto3(client)
        added: dict[str, Any] = {}
        client.meta.events.register_last(  # after botanu's handler on the same event: sees what it added
            f"before-parameter-build.{service}",
            lambda params, **_: added.update(params.get("MessageAttributes") or {}))
        with use_case("bench request") if bench.IN_USE_CASE else contextlib.nullcontext():  # as timed
            result = getattr(client, method)(**kwargs)
        if result.get("Body") is not None:
            result["Body"].read()
        (span,) = [span for span in exporter.get_finished_spans() if "rpc.system" in span.attributes]
        return dict(span.attributes), added
    finally:
        reset_configuration()
        provider.shutdown()
def configs_for(name: str, tracer_provider: TracerProvider, records: tuple[dict[str, Any], dict[str, Any]]
                ) -> dict[str, Any]:
    from opentelemetry.instrumentation.botocore import BotocoreInstrumentor
    from opentelemetry.trace import SpanKind

    service, operation, method, kwargs, answer = CALLS[name]
    clients = {}
    for config in ("bare", "floor", "contrib", "botanu"):
        clients[config] = _client(service)
        clients[config].meta.events.register(f"before-send.{service}.{operation}", answer)
    instrument_boto3(clients["botanu"])
    contrib = BotocoreInstrumentor()
    tracer = tracer_provider.get_tracer("floor")

    floor_attributes, carried_attributes = records

    def caller(client: Any, spanned: bool = False, carried: bool = False) -> Callable[[int], None]:
        call = getattr(client, method)

        def send(n: int) -> None:
            for _ in range(n):
                span = tracer.start_span(operation, kind=SpanKind.CLIENT, attributes=floor_attributes) if spanned \
                    else None
                # (what carrying the context costs botocore itself: serializing and signing larger messages)
                given = {**kwargs, "MessageAttributes": dict(carried_attributes)} if carried else kwargs
                answer = call(**given)
                body = answer.get("Body")
                if body is not None:
                    body.read()
                if span is not None:
                    span.end()

        return send

    configs = {
        "bare": bench.Config(caller(clients["bare"])),
        "floor": bench.Config(caller(clients["floor"], spanned=True, carried=bool(carried_attributes))),
        "contrib": bench.Config(caller(clients["contrib"]),
                                enter=lambda: contrib.instrument(tracer_provider=tracer_provider),
                                leave=contrib.uninstrument),
        "botanu": bench.Config(caller(clients["botanu"])),
    }
    return configs


def report(name: str, configs: dict[str, Any]) -> tuple[float, float]:
    bare = configs["bare"].per_round
    added = {config: [a - b for a, b in zip(configs[config].per_round, bare, strict=True)]
             for config in ("floor", "contrib", "botanu")}
    ratio = bench.paired_ratio(added, "botanu", "contrib")
    floor_ratio = bench.paired_ratio(added, "floor", "contrib")
    over_floor = statistics.median(a - b for a, b in zip(added["botanu"], added["floor"], strict=True))
    print(f"{name:<14} bare {statistics.median(bare):7.1f} µs/call  added: floor +"
          f"{statistics.median(added['floor']):6.1f}  contrib +{statistics.median(added['contrib']):6.1f}  "
          f"botanu +{statistics.median(added['botanu']):6.1f} (floor {over_floor:+5.1f})   botanu/contrib {ratio:4.2f}"
          f"  floor/contrib {floor_ratio:4.2f}")
    return ratio, floor_ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--calls", type=int, default=200, help="calls per configuration per round")
    parser.add_argument("--only", default=",".join(CALLS))
    parser.add_argument("--cpu-time", action="store_true", help="time rounds on this thread's CPU clock")
    parser.add_argument("--in-use-case", action="store_true", help="each request in a use_case, for every config")
    args = parser.parse_args()
    if args.cpu_time:
        bench.CLOCK = time.thread_time
    bench.IN_USE_CASE = args.in_use_case

    names = args.only.split(",")
    records = {name: botanu_records(name) for name in names}
    summary: dict[str, dict[str, tuple[float, float]]] = {}
    scenarios = (("100% sampling", None), ("1% sampling (ParentBased)", ParentBased(TraceIdRatioBased(0.01))))
    for title, sampler in scenarios:
        tracer_provider = TracerProvider(sampler=sampler) if sampler else TracerProvider()
        tracer_provider.add_span_processor(BatchSpanProcessor(bench.DiscardingExporter(), max_queue_size=100_000))
        meter_provider = MeterProvider(metric_readers=[InMemoryMetricReader()])
        configure(tracer_provider=tracer_provider, meter_provider=meter_provider)
        print(f"== {title}: {args.rounds} rounds x {args.calls} calls per configuration, interleaved; medians")
        summary[title] = {}
        for name in names:
            configs = configs_for(name, tracer_provider, records[name])
            bench.measure(configs, args.calls, args.rounds, tracer_provider.get_tracer("bench"))
            summary[title][name] = report(name, configs)
        reset_configuration()
        tracer_provider.shutdown()
        meter_provider.shutdown()
    print("\n== botanu's added cost per call / contrib's [goal <= 0.5] (the floor's / contrib's), paired by round")
    for title, ratios in summary.items():
        print(f"   {title:<26} " + "  ".join(f"{name} {ratio:.2f} ({floor:.2f})"
                                             for name, (ratio, floor) in ratios.items()))


if __name__ == "__main__":
    main()
