// Results of expensive kernel operations (booleans, fillets, chamfers, shells, clean) kept
// from one script run to the next in the same process. Dragging a slider re-runs the whole
// script; every operation whose inputs did not change returns its previous result instead
// of recomputing it, so only the part of the model downstream of the changed value is built.
//
// Inputs are keyed exactly: numbers bit for bit, shapes by identity when they are results
// of this cache (so chains of cached operations hit), else by the hash of their binary BREP
// (fresh primitives and profiles are rebuilt every run, but the same numbers give the same
// bytes). Only results used by the run that just ended are kept for the next one, so memory
// stays bounded by one run's intermediate shapes and a revisited value is recomputed unless
// its inputs really are unchanged.
#pragma once
#include <TopAbs_ShapeEnum.hxx>
#include <TopoDS_Shape.hxx>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace partsmith::kernel {

class OpCache;

// The exact inputs of one operation. Build it only through OpCache::key(); an unusable key
// (an input that cannot be keyed) makes the operation run uncached.
class OpKey {
 public:
  OpKey& number(double value);
  OpKey& integer(long long value);
  OpKey& flag(bool value) { return integer(value ? 1 : 0); }
  OpKey& text(std::string_view value);
  OpKey& shape(const TopoDS_Shape& shape);
  template <class Shapes>
  OpKey& shapes(const Shapes& list) {
    integer(static_cast<long long>(list.size()));
    for (const auto& s : list) shape(s);
    return *this;
  }
  // `subs` by their index among the `type` sub-shapes of `parent` (plus orientation): a
  // selection of edges of a cached solid is the same selection when the indices are.
  template <class Shapes>
  OpKey& subShapes(const TopoDS_Shape& parent, const Shapes& subs, TopAbs_ShapeEnum type) {
    std::vector<TopoDS_Shape> list(subs.begin(), subs.end());
    return subShapeList(parent, list, type);
  }
  bool usable() const { return m_usable; }

 private:
  friend class OpCache;
  explicit OpKey(const OpCache& cache, std::string_view op);
  OpKey& subShapeList(const TopoDS_Shape& parent, const std::vector<TopoDS_Shape>& subs, TopAbs_ShapeEnum type);
  void bytes(const void* data, size_t size) { m_bytes.append(static_cast<const char*>(data), size); }

  const OpCache* m_cache;
  std::string m_bytes;
  bool m_usable = true;
};

class OpCache {
 public:
  struct Stats {
    long long hits = 0, misses = 0, uncacheable = 0;
    size_t entries = 0;
  };

  OpCache();
  ~OpCache();
  OpCache(const OpCache&) = delete;
  OpCache& operator=(const OpCache&) = delete;

  // The cache of the run on this thread, or null (then every operation simply runs).
  static OpCache* current();

  // Makes `cache` current on this thread for one script run; at the end, results the run
  // did not use are dropped. A null cache leaves caching off for the run.
  class RunScope {
   public:
    explicit RunScope(OpCache* cache);
    ~RunScope();
    RunScope(const RunScope&) = delete;
    RunScope& operator=(const RunScope&) = delete;

   private:
    OpCache* m_cache;
    OpCache* m_previous;
  };

  OpKey key(std::string_view op) const { return OpKey(*this, op); }
  // The stored result for `key` (marking it used by this run), or a null shape.
  TopoDS_Shape find(const OpKey& key, int* aux = nullptr);
  void insert(const OpKey& key, const TopoDS_Shape& result, int aux = 0);
  void noteUncacheable() { ++m_stats.uncacheable; }

  // Whether `shape` is, or shares any face, edge or vertex with, a stored result. OCCT's
  // booleans change their arguments in place (tolerances, p-curves); such arguments must be
  // copied first so stored results stay exactly as they were built.
  bool touchesStoredResult(const TopoDS_Shape& shape) const;

  // Centres of stored results and of their faces, edges and vertices: selectors such as
  // faces(">Z") sort by centre of mass, which is worth keeping for shapes kept anyway.
  bool findCenter(const TopoDS_Shape& shape, double xyz[3]) const;
  void storeCenter(const TopoDS_Shape& shape, const double xyz[3]);

  Stats stats() const;
  void clear();

 private:
  friend class OpKey;
  // Serial number of a shape this cache produced (0 when it did not).
  uint64_t productSerial(const TopoDS_Shape& shape) const;
  void endRun();

  struct Impl;
  std::unique_ptr<Impl> m_impl;
  Stats m_stats;
};

// Runs `compute` (returning a TopoDS_Shape) through the current cache with the key that
// `describe(OpKey&)` builds. Without a current cache it just runs `compute`.
template <class Describe, class Compute>
TopoDS_Shape cachedOp(std::string_view op, Describe&& describe, Compute&& compute) {
  OpCache* cache = OpCache::current();
  if (!cache) return compute();
  OpKey key = cache->key(op);
  describe(key);
  if (!key.usable()) {
    cache->noteUncacheable();
    return compute();
  }
  TopoDS_Shape hit = cache->find(key);
  if (!hit.IsNull()) return hit;
  TopoDS_Shape result = compute();
  cache->insert(key, result);
  return result;
}

}  // namespace partsmith::kernel
