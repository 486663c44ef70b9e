// Keeps OCCT's message printers off stdout: the worker's stdout is its IPC channel and
// STEP transfer prints "Statistics on Transfer" banners there (occt-qt-notes §0.6).
#pragma once

namespace partsmith::io {

// Removes every Message_PrinterOStream from OCCT's default messenger. Idempotent and
// cheap; the worker calls it once at start-up and the STEP reader/writer before each use.
void silenceOcctStdout();

}  // namespace partsmith::io
