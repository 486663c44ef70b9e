// One streamed turn: runs attempts on the transport, decodes SSE into normalized events,
// retries (only before anything the caller could have shown or run was emitted), and
// assembles the final message.
#pragma once
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "llm/llm_provider.h"
#include "llm/provider_base.h"
#include "llm/sse_decoder.h"

namespace partsmith::llm {

class StreamCall : public StreamHandle, public HttpHandler, public std::enable_shared_from_this<StreamCall> {
 public:
  StreamCall(std::shared_ptr<const ProviderBase> provider, HttpRequest request, std::string model,
             EventCallback onEvent);
  void begin();

  void cancel() override;
  StreamOutcome wait() override;
  bool waitFor(std::chrono::milliseconds timeout) override;
  bool done() const override;

  void onResponseStart(long status, const HttpHeaders& headers) override;
  bool onData(const char* data, size_t size) override;
  void onComplete(const TransferResult& result) override;

 private:
  void startAttempt(std::chrono::milliseconds delay);
  void dispatch(std::vector<StreamEvent>& events);
  void deliver(const StreamEvent& event);
  void finishCall(std::optional<LlmError> error);

  std::shared_ptr<const ProviderBase> m_provider;
  HttpRequest m_request;
  std::string m_model;
  EventCallback m_onEvent;
  std::chrono::steady_clock::time_point m_started;

  // Event-thread state of the current attempt.
  int m_attempt = 0;
  long m_status = 0;
  HttpHeaders m_headers;
  bool m_streaming = false;  // 2xx event stream (not a JSON body)
  std::string m_body;        // error or JSON body
  std::unique_ptr<SseDecoder> m_decoder;
  std::unique_ptr<StreamParser> m_parser;
  std::vector<StreamEvent> m_pending;
  std::optional<LlmError> m_streamError;
  bool m_emittedContent = false;
  MessageAssembler m_assembler;

  mutable std::mutex m_mutex;
  std::condition_variable m_doneCv;
  std::shared_ptr<Transfer> m_transfer;  // guarded by m_mutex
  std::atomic<bool> m_cancelled{false};
  bool m_done = false;  // guarded by m_mutex
  StreamOutcome m_outcome;
};

}  // namespace partsmith::llm
