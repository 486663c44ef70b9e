#include "store/store_benchmark.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"

namespace partsmith::store {
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// Words people and models use when talking about parts, so FTS sees a realistic spread of
// common and rare terms.
const char* const kWords[] = {
    "bracket", "mount", "wall", "pipe", "screw", "hole", "holes", "m3", "m4", "m5", "clearance", "countersunk",
    "fillet", "chamfer", "edge", "edges", "radius", "rounded", "box", "lid", "enclosure", "case", "pcb", "standoff",
    "standoffs", "snap", "fit", "hinge", "gear", "teeth", "spur", "module", "shaft", "bearing", "seat", "bore",
    "thread", "insert", "heat", "set", "knob", "handle", "grip", "hook", "clip", "cable", "slot", "channel", "groove",
    "rib", "ribs", "wall", "thickness", "shell", "hollow", "extrude", "revolve", "loft", "sweep", "pattern", "array",
    "polar", "linear", "grid", "mirror", "symmetric", "center", "offset", "plate", "base", "flange", "boss", "pocket",
    "cutout", "vent", "vents", "hexagon", "hexagonal", "circle", "square", "rectangle", "triangle", "arc", "spline",
    "profile", "sketch", "workplane", "face", "top", "bottom", "side", "front", "back", "height", "width", "length",
    "depth", "diameter", "mm", "millimetres", "printable", "overhang", "support", "tolerance", "clearance", "press",
    "organiser", "drawer", "tray", "divider", "compartment", "bin", "stackable", "stand", "phone", "tablet", "holder",
    "spool", "filament", "nozzle", "fan", "duct", "raspberry", "pi", "arduino", "usb", "port", "button", "led",
    "window", "label", "text", "emboss", "engrave", "logo", "spacer", "washer", "nut", "bolt", "captive", "trap",
    "bracket", "corner", "angle", "l", "shaped", "u", "channel", "rail", "din", "clamp", "tube", "round", "oval",
    "taper", "draft", "cone", "sphere", "dome", "cylinder", "ring", "torus", "wheel", "pulley", "belt", "gt2",
    "hub", "spoke", "fin", "heatsink", "cooling", "airflow", "mesh", "lattice", "honeycomb", "lightweight", "strong"};
constexpr size_t kWordCount = sizeof(kWords) / sizeof(kWords[0]);

std::string sentence(std::mt19937& rng, int minWords, int maxWords) {
  std::uniform_int_distribution<int> count(minWords, maxWords);
  // Zipf-like: low indices are more frequent, as in real text.
  std::geometric_distribution<int> skew(0.02);
  std::uniform_int_distribution<int> number(2, 120);
  std::string out;
  for (int i = 0, n = count(rng); i < n; ++i) {
    if (!out.empty()) out += ' ';
    if (i % 7 == 3) out += std::to_string(number(rng)) + " mm";
    else out += kWords[static_cast<size_t>(skew(rng)) % kWordCount];
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double rank = p * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(rank), hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

template <typename F>
json timeQuery(const std::string& name, double goalMs, int runs, F&& body) {
  std::vector<double> ms;
  size_t results = 0;
  body(-1);  // warm the page cache and statement compilation
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    results += body(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  double p50 = percentile(ms, 0.5), p95 = percentile(ms, 0.95);
  return {{"name", name},
          {"runs", runs},
          {"p50_ms", p50},
          {"p95_ms", p95},
          {"max_ms", *std::max_element(ms.begin(), ms.end())},
          {"mean_results", runs ? static_cast<double>(results) / runs : 0.0},
          {"goal_ms", goalMs},
          {"ok", p95 <= goalMs}};
}

}  // namespace

json runStoreBenchmark(const StoreBenchmarkOptions& o) {
  if (fs::exists(o.path))
    throw StoreError(StoreError::Kind::Invalid, "run the store benchmark", o.path + " already exists",
                     "the benchmark needs a scratch file it may fill");
  std::mt19937 rng(o.seed);
  StoreOptions options;
  options.autoBackup = false;
  Store store(o.path, options);
  auto& conversations = store.conversations();

  auto t0 = Clock::now();
  {
    Transaction tx(store.db(), "fill the benchmark database");
    for (int c = 0; c < o.conversations; ++c) {
      Conversation conv = conversations.create(sentence(rng, 3, 6));
      std::vector<int64_t> ids;
      for (int m = 0; m < o.messagesPerConversation; ++m) {
        NewMessage msg;
        msg.role = m % 2 == 0 ? "user" : "assistant";
        msg.content = m % 2 == 0 ? sentence(rng, 12, 30) : sentence(rng, 40, 90);
        // Every fourth conversation ends with a retried reply: a sibling of the reply two
        // messages up, so the active branch skips the first answer.
        if (m == o.messagesPerConversation - 1 && m >= 4 && m % 2 == 1 && c % 4 == 0) msg.parentId = ids[m - 3];
        ids.push_back(conversations.appendMessage(conv.id, msg).id);
      }
    }
    tx.commit();
  }
  const double fillConversationsS = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  {
    Transaction tx(store.db(), "fill the benchmark library");
    for (int i = 0; i < o.libraryExamples; ++i) {
      LibraryExample e;
      e.title = sentence(rng, 2, 5);
      e.prompt = sentence(rng, 10, 25);
      e.code = "// " + sentence(rng, 5, 10) + "\nconst width = 40; // [10:1:100]\nlet part = cq.Workplane(\"XY\").box(width, 20, 10);\n" +
               "part = part.faces(\">Z\").workplane().hole(5);\n// " + sentence(rng, 10, 30) + "\nshow(part);\n";
      e.category = kWords[static_cast<size_t>(i) % 20];
      e.complexity = 1 + i % 10;
      e.techniques = {kWords[static_cast<size_t>(rng()) % kWordCount], kWords[static_cast<size_t>(rng()) % kWordCount]};
      e.tags = {kWords[static_cast<size_t>(rng()) % kWordCount]};
      e.source = "workbench";
      e.status = i % 5 == 0 ? "candidate" : "approved";
      store.library().add(e);
    }
    tx.commit();
  }
  const double fillLibraryS = std::chrono::duration<double>(Clock::now() - t0).count();
  store.db().exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA optimize;");

  json report;
  report["population"] = {{"conversations", conversations.count()},
                          {"messages", store.db().queryInt("SELECT count(*) FROM messages")},
                          {"library_examples", store.library().count()},
                          {"fill_conversations_s", fillConversationsS},
                          {"fill_library_s", fillLibraryS},
                          {"file_bytes", fs::file_size(o.path)}};

  const int64_t maxConversation = store.db().queryInt("SELECT max(id) FROM conversations");
  std::uniform_int_distribution<int64_t> pickConversation(1, std::max<int64_t>(1, maxConversation));
  auto query = [&](int words) {
    std::string q;
    for (int i = 0; i < words; ++i) q += std::string(i ? " " : "") + kWords[static_cast<size_t>(rng()) % kWordCount];
    return q;
  };
  json queries = json::array();
  queries.push_back(timeQuery("list 50 most recent conversations", 10, o.runs,
                              [&](int) { return conversations.listRecent(50).size(); }));
  queries.push_back(timeQuery("open a conversation (all branches + active path)", 10, o.runs, [&](int) {
    return conversations.open(pickConversation(rng)).messages.size();
  }));
  queries.push_back(timeQuery("search the library (FTS5, top 10 approved)", 20, o.runs, [&](int) {
    LibraryFilter filter;
    filter.limit = 10;
    return store.library().search(query(3), filter).size();
  }));
  queries.push_back(timeQuery("search the history (FTS5, top 50)", 20, o.runs,
                              [&](int) { return conversations.search(query(2), 50).size(); }));
  report["queries"] = queries;
  return report;
}

}  // namespace partsmith::store
