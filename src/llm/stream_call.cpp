#include "llm/stream_call.h"

#include <spdlog/spdlog.h>

#include "llm/redaction.h"

namespace partsmith::llm {

namespace {
constexpr size_t kMaxErrorBody = 1 << 20;
}

std::shared_ptr<StreamHandle> ProviderBase::startStream(const ChatRequest& request, EventCallback onEvent) {
  HttpRequest http = buildStreamRequest(request);  // throws on an invalid request, before any I/O
  auto call = std::make_shared<StreamCall>(shared_from_this(), std::move(http), request.model, std::move(onEvent));
  call->begin();
  return call;
}

StreamCall::StreamCall(std::shared_ptr<const ProviderBase> provider, HttpRequest request, std::string model,
                       EventCallback onEvent)
    : m_provider(std::move(provider)),
      m_request(std::move(request)),
      m_model(std::move(model)),
      m_onEvent(std::move(onEvent)) {}

void StreamCall::begin() {
  m_started = std::chrono::steady_clock::now();
  startAttempt(std::chrono::milliseconds(0));
}

void StreamCall::startAttempt(std::chrono::milliseconds delay) {
  ++m_attempt;
  m_status = 0;
  m_headers = {};
  m_streaming = false;
  m_body.clear();
  m_streamError.reset();
  m_parser = m_provider->makeParser();
  m_decoder = std::make_unique<SseDecoder>([this](const SseEvent& e) { m_parser->onEvent(e, m_pending); });
  std::lock_guard<std::mutex> lock(m_mutex);
  if (m_cancelled.load() && m_attempt > 1) {
    // Cancelled while deciding to retry: still go through the transport so completion is uniform.
    delay = std::chrono::milliseconds(0);
  }
  m_transfer = m_provider->transport().start(m_request, shared_from_this(), delay);
  if (m_cancelled.load()) m_transfer->cancel();
}

void StreamCall::cancel() {
  m_cancelled = true;
  std::shared_ptr<Transfer> transfer;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    transfer = m_transfer;
  }
  if (transfer) transfer->cancel();
}

void StreamCall::onResponseStart(long status, const HttpHeaders& headers) {
  m_status = status;
  m_headers = headers;
  const std::string type = headers.get("content-type");
  // A 2xx JSON body is an error object or a server ignoring "stream"; an HTML page is a proxy
  // or login portal. Neither is fed to the SSE decoder.
  m_streaming = status >= 200 && status < 300 && type.find("json") == std::string::npos &&
                type.find("html") == std::string::npos;
  if (!m_streaming)
    logger()->debug("{} answered HTTP {} ({})", m_provider->displayName(), status, type);
}

bool StreamCall::onData(const char* data, size_t size) {
  if (!m_streaming) {
    if (m_body.size() < kMaxErrorBody) m_body.append(data, std::min(size, kMaxErrorBody - m_body.size()));
    return true;
  }
  m_decoder->feed(data, size);
  dispatch(m_pending);
  // Once the parser has its answer (terminator or error), the rest of the body is irrelevant.
  return !m_parser->ended();
}

void StreamCall::dispatch(std::vector<StreamEvent>& events) {
  for (StreamEvent& e : events) {
    if (e.type == EventType::Error) {
      if (!m_streamError) {
        m_streamError = e.error;
        if (m_streamError->requestId.empty()) m_streamError->requestId = m_provider->requestIdFrom(m_headers);
      }
      continue;  // delivered by onComplete, after the retry decision
    }
    if (e.type == EventType::TextDelta || e.type == EventType::ReasoningDelta || e.type == EventType::ToolCallStart ||
        e.type == EventType::ToolCallArgsDelta || e.type == EventType::ToolCallEnd ||
        e.type == EventType::RedactedReasoning || e.type == EventType::ReasoningSignature)
      m_emittedContent = true;
    deliver(e);
  }
  events.clear();
}

void StreamCall::deliver(const StreamEvent& event) {
  m_assembler.add(event);
  if (!m_onEvent) return;
  try {
    m_onEvent(event);
  } catch (const std::exception& ex) {
    logger()->error("the stream event handler threw: {}; cancelling the stream", ex.what());
    cancel();
  }
}

void StreamCall::onComplete(const TransferResult& result) {
  std::optional<LlmError> error;
  const bool parserEnded = m_parser && m_parser->ended();
  if (m_cancelled.load() || result.status == TransferResult::Status::Cancelled) {
    error = m_provider->transportError(TransferResult{TransferResult::Status::Cancelled, 0, "cancelled", 0});
  } else if (m_status != 0 && !m_streaming) {
    if (m_status >= 200 && m_status < 300) {
      // A JSON body where a stream was expected: an error object or a server ignoring "stream".
      error = m_provider->parseHttpError(m_status, m_headers, m_body);
      if (error->kind == ErrorKind::Unknown || error->kind == ErrorKind::Server) {
        error->kind = ErrorKind::Protocol;
        error->retryable = false;
        const bool html = m_headers.get("content-type").find("html") != std::string::npos;
        if (html || error->message.empty())
          error->message = html ? "the server answered with a web page instead of an event stream (a proxy or login page?)"
                                : "the server answered with JSON instead of an event stream";
      }
    } else {
      error = m_provider->parseHttpError(m_status, m_headers, m_body);
    }
  } else if (result.status != TransferResult::Status::Completed &&
             !(result.status == TransferResult::Status::Aborted && parserEnded)) {
    if (!parserEnded) {
      // Whatever arrived before the failure is still delivered; the failure replaces truncation.
      error = m_provider->transportError(result);
      if (m_status >= 200 && m_status < 300 && m_streaming) {
        error->message = "the connection broke during the reply: " + result.message;
        if (error->kind == ErrorKind::Protocol) error->kind = ErrorKind::Network;
        error->retryable = true;
      }
    }
  } else if (m_streaming) {
    m_decoder->finish();
    m_parser->finish(m_pending);
    dispatch(m_pending);
  } else if (m_status == 0) {
    error = m_provider->transportError(result);
  }
  if (!error && m_streamError) error = m_streamError;
  if (error && error->requestId.empty()) error->requestId = m_provider->requestIdFrom(m_headers);
  if (error && m_status >= 300) {
    if (auto after = parseRetryAfter(m_headers)) error->retryAfterSeconds = after;
  }

  if (error && error->kind != ErrorKind::Cancelled) {
    bool retry = error->retryable;
    if (m_status >= 300) {
      if (auto header = shouldRetryHeader(m_headers)) retry = *header;
    }
    if (error->kind == ErrorKind::InsufficientQuota) retry = false;
    const RetryPolicy& policy = m_provider->retryPolicy();
    const int maxAttempts = policy.maxRetries + 1;
    if (retry && !m_emittedContent && m_attempt < maxAttempts) {
      const double delay = policy.delaySeconds(m_attempt, *error);
      StreamEvent notice;
      notice.type = EventType::Retry;
      notice.error = *error;
      notice.retry = {m_attempt + 1, maxAttempts, static_cast<int>(delay * 1000 + 0.5)};
      logger()->warn("{}", notice.retryMessage());
      m_assembler.reset();
      deliver(notice);
      startAttempt(std::chrono::milliseconds(notice.retry.delayMs));
      return;
    }
  }
  finishCall(error);
}

void StreamCall::finishCall(std::optional<LlmError> error) {
  if (error) {
    StreamEvent e;
    e.type = EventType::Error;
    e.error = *error;
    if (error->kind != ErrorKind::Cancelled)
      logger()->warn("{} (request id {})", error->userMessage(), error->requestId.empty() ? "-" : error->requestId);
    deliver(e);
  }
  StreamOutcome outcome;
  outcome.message = m_assembler.message();
  outcome.attempts = m_attempt;
  outcome.elapsedMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_started).count();
  outcome.requestId = m_provider->requestIdFrom(m_headers);
  if (outcome.message.usage.reported) outcome.costUsd = m_provider->cost(m_model, outcome.message.usage);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_outcome = std::move(outcome);
    m_done = true;
    m_transfer.reset();
  }
  m_doneCv.notify_all();
}

StreamOutcome StreamCall::wait() {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_doneCv.wait(lock, [this] { return m_done; });
  return m_outcome;
}

bool StreamCall::waitFor(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(m_mutex);
  return m_doneCv.wait_for(lock, timeout, [this] { return m_done; });
}

bool StreamCall::done() const {
  std::lock_guard<std::mutex> lock(m_mutex);
  return m_done;
}

}  // namespace partsmith::llm
