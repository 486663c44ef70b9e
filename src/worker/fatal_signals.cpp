#include "worker/fatal_signals.h"

#include <csignal>
#include <unistd.h>

#include <Standard_ErrorHandler.hxx>

namespace partsmith::worker {

namespace {

constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
struct sigaction g_occtActions[NSIG];

void onFatalSignal(int signal, siginfo_t* info, void* context) {
  const struct sigaction& occt = g_occtActions[signal];
  if (Standard_ErrorHandler::IsInTryBlock()) {
    if (occt.sa_flags & SA_SIGINFO) {
      occt.sa_sigaction(signal, info, context);
      return;
    }
    if (occt.sa_handler != SIG_DFL && occt.sa_handler != SIG_IGN) {
      occt.sa_handler(signal);
      return;
    }
  }
  static const char kMessage[] = "partsmith-kernel: fatal signal outside a kernel guard; the worker stops\n";
  [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  // The default action ends the process: at once if the signal was sent, and for a real fault
  // when the faulting instruction runs again after this handler returns.
  ::signal(signal, SIG_DFL);
  ::raise(signal);
}

}  // namespace

void installFatalSignalFallback() {
  for (const int signal : kFatalSignals) {
    struct sigaction occt {};
    if (::sigaction(signal, nullptr, &occt) != 0) continue;
    g_occtActions[signal] = occt;
    struct sigaction ours = occt;  // OCCT's mask and flags: its handler jumps out of ours
    ours.sa_flags |= SA_SIGINFO;
    ours.sa_sigaction = onFatalSignal;
    ::sigaction(signal, &ours, nullptr);
  }
}

}  // namespace partsmith::worker
