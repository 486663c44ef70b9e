// What one script run in the kernel worker produced for the app: the parts as exact,
// display-ready shapes (read from the worker's BREP files and triangulated off the GUI thread),
// the errors, the parameters the run saw, export outputs and timings.
#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kernel/part.h"
#include "script/script_error.h"

namespace partsmith::app {

struct BoundingBox {
  bool valid = false;
  double min[3] = {0, 0, 0};
  double max[3] = {0, 0, 0};
  double size(int axis) const { return valid ? max[axis] - min[axis] : 0.0; }
};

struct RunOutcome {
  enum class Kind { Preview, Export };
  Kind kind = Kind::Preview;
  std::uint64_t id = 0;  // increases with every request; a higher id is newer
  bool ok = false;
  std::vector<kernel::Part> parts;          // Preview only
  BoundingBox box;                          // of all parts together
  std::vector<script::ScriptError> errors;  // script, kernel, export or worker failures
  nlohmann::json parameters = nlohmann::json::array();  // script::Parameter as JSON
  std::vector<std::string> outputs;         // Export: files written
  std::vector<std::string> log;             // the script's console output
  std::vector<std::string> notes;           // e.g. "the final part is not a valid solid …"
  double workerMs = 0;    // the worker's own total
  double roundTripMs = 0; // request sent to reply read
  double loadMs = 0;      // BREP read, triangulation and bounding box in the app
  // When the runner thread handed the outcome to the GUI thread (queue latency and the GUI's
  // own work on the result are measured from here).
  std::chrono::steady_clock::time_point readyAt{};
};

}  // namespace partsmith::app
