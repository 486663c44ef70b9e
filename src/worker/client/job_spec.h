// What a run job accepts for exports and renders, for callers that check a request before
// starting a run (partsmith-cli rejects a bad --export or --views as a usage error). The lists
// mirror io::formatFromPath and render::standardViews, which this library cannot link (no
// OCCT here); tests/worker checks that they agree.
#pragma once
#include <string>
#include <vector>

namespace partsmith::worker {

const std::vector<std::string>& exportExtensions();  // ".stl", ".step", ".stp", ".3mf", ".brep", ".brp"
const std::vector<std::string>& renderViewNames();   // iso, iso2, front, back, left, right, top, bottom

// Empty when the path's extension names an export format; otherwise what is wrong, listing the
// supported extensions.
std::string exportPathProblem(const std::string& path);

// "iso, Front" -> {"iso", "front"}: trimmed, lower-cased, duplicates dropped. Sets `problem`
// (naming the valid views) for an unknown or missing view.
std::vector<std::string> parseRenderViews(const std::string& list, std::string& problem);

}  // namespace partsmith::worker
