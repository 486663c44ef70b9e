// What the worker does with a fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE) outside a kernel guard.
#pragma once

namespace partsmith::worker {

// Call after OSD::SetSignal(). Inside an OCC_CATCH_SIGNALS scope a fault still becomes the
// Standard_Failure the kernel reports as a geometry error. Anywhere else OCCT would call
// exit(), whose static destructors race the thread that prepares the next script engine and
// can deadlock the process until the client's timeout; instead the worker dies at once with
// the signal, so the client reports a crash and starts a new worker.
void installFatalSignalFallback();

}  // namespace partsmith::worker
