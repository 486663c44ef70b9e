#include "kernel/op_cache.h"

#include <BinTools.hxx>
#include <TopExp.hxx>
#include <TopExp_Explorer.hxx>
#include <TopLoc_Location.hxx>
#include <TopTools_IndexedMapOfShape.hxx>
#include <TopoDS_TShape.hxx>
#include <gp_Trsf.hxx>

#include <cstring>
#include <functional>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace partsmith::kernel {

namespace {

thread_local OpCache* t_current = nullptr;

uint64_t fnv1a(std::string_view data) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

struct OpCache::Impl {
  struct Stored {
    TopoDS_Shape result;
    int aux = 0;
  };
  // The k-th call with a key in a run gets the k-th result of the previous run: two equal
  // calls in one script (two identical boxes) stay two distinct shapes, as when computed.
  struct Entry {
    std::vector<Stored> previous;  // results of the last run, in call order
    size_t used = 0;               // how many of them this run has taken
    std::vector<Stored> current;   // results of this run, in call order
  };
  std::unordered_map<std::string, Entry> entries;
  // Every TShape a stored result holds at its top, with the serial number that stands for it
  // in keys. The entries keep these TShapes alive, so a pointer cannot be reused while listed.
  std::unordered_map<const TopoDS_TShape*, uint64_t> products;
  // Faces, edges and vertices of the stored results (kept alive by them, like `products`).
  std::unordered_set<const TopoDS_TShape*> parts;

  void addParts(const TopoDS_Shape& shape) {
    for (TopAbs_ShapeEnum type : {TopAbs_FACE, TopAbs_EDGE, TopAbs_VERTEX})
      for (TopExp_Explorer it(shape, type); it.More(); it.Next()) parts.insert(it.Current().TShape().get());
  }
  uint64_t nextSerial = 1;
  struct Center {
    const TopoDS_TShape* tshape;
    double xyz[3];
  };
  std::unordered_map<std::string, Center> centers;

  bool stored(const TopoDS_TShape* tshape) const { return products.count(tshape) || parts.count(tshape); }
  static std::string centerKey(const TopoDS_Shape& shape) {
    std::string key;
    const TopoDS_TShape* tshape = shape.TShape().get();
    key.append(reinterpret_cast<const char*>(&tshape), sizeof tshape);
    const gp_Trsf trsf = shape.Location().Transformation();
    for (int row = 1; row <= 3; ++row)
      for (int col = 1; col <= 4; ++col) {
        const double v = trsf.Value(row, col);
        key.append(reinterpret_cast<const char*>(&v), sizeof v);
      }
    return key;
  }
};

// --- OpKey --------------------------------------------------------------------------------

OpKey::OpKey(const OpCache& cache, std::string_view op) : m_cache(&cache) { text(op); }

OpKey& OpKey::number(double value) {
  bytes("d", 1);
  bytes(&value, sizeof value);
  return *this;
}

OpKey& OpKey::integer(long long value) {
  bytes("i", 1);
  bytes(&value, sizeof value);
  return *this;
}

OpKey& OpKey::text(std::string_view value) {
  integer(static_cast<long long>(value.size()));
  bytes(value.data(), value.size());
  return *this;
}

OpKey& OpKey::shape(const TopoDS_Shape& shape) {
  if (!m_usable) return *this;
  if (shape.IsNull()) {
    bytes("n", 1);
    return *this;
  }
  if (uint64_t serial = m_cache->productSerial(shape)) {
    // A result of this cache: the same object as last run, placed and oriented as given.
    bytes("p", 1);
    integer(static_cast<long long>(serial));
    integer(shape.Orientation());
    const gp_Trsf trsf = shape.Location().Transformation();
    for (int row = 1; row <= 3; ++row)
      for (int col = 1; col <= 4; ++col) number(trsf.Value(row, col));
    return *this;
  }
  // Anything else by content: the same numbers build the same bytes.
  std::ostringstream out(std::ios::binary);
  try {
    BinTools::Write(shape, out, /*withTriangles=*/false, /*withNormals=*/false, BinTools_FormatVersion_CURRENT);
  } catch (...) {
    m_usable = false;
    return *this;
  }
  const std::string data = out.str();
  bytes("c", 1);
  const uint64_t a = std::hash<std::string_view>{}(data), b = fnv1a(data);
  bytes(&a, sizeof a);
  bytes(&b, sizeof b);
  integer(static_cast<long long>(data.size()));
  return *this;
}

OpKey& OpKey::subShapeList(const TopoDS_Shape& parent, const std::vector<TopoDS_Shape>& subs, TopAbs_ShapeEnum type) {
  if (!m_usable) return *this;
  TopTools_IndexedMapOfShape map;
  if (!parent.IsNull()) TopExp::MapShapes(parent, type, map);
  integer(static_cast<long long>(subs.size()));
  for (const auto& s : subs) {
    const int index = s.IsNull() ? 0 : map.FindIndex(s);
    if (index == 0) {
      m_usable = false;  // not part of the parent: cannot be named by index
      return *this;
    }
    integer(index);
    integer(s.Orientation());
  }
  return *this;
}

// --- OpCache ------------------------------------------------------------------------------

OpCache::OpCache() : m_impl(std::make_unique<Impl>()) {}
OpCache::~OpCache() = default;

OpCache* OpCache::current() { return t_current; }

OpCache::RunScope::RunScope(OpCache* cache) : m_cache(cache), m_previous(t_current) { t_current = cache; }

OpCache::RunScope::~RunScope() {
  t_current = m_previous;
  if (m_cache) m_cache->endRun();
}

uint64_t OpCache::productSerial(const TopoDS_Shape& shape) const {
  auto it = m_impl->products.find(shape.TShape().get());
  return it == m_impl->products.end() ? 0 : it->second;
}

TopoDS_Shape OpCache::find(const OpKey& key, int* aux) {
  auto it = m_impl->entries.find(key.m_bytes);
  if (it == m_impl->entries.end() || it->second.used >= it->second.previous.size()) {
    ++m_stats.misses;
    return {};
  }
  ++m_stats.hits;
  Impl::Entry& entry = it->second;
  const Impl::Stored& stored = entry.previous[entry.used++];
  entry.current.push_back(stored);
  if (aux) *aux = stored.aux;
  return stored.result;
}

void OpCache::insert(const OpKey& key, const TopoDS_Shape& result, int aux) {
  if (result.IsNull() || !key.m_usable) return;
  m_impl->entries[key.m_bytes].current.push_back({result, aux});
  auto inserted = m_impl->products.emplace(result.TShape().get(), 0);
  if (inserted.second) {
    inserted.first->second = m_impl->nextSerial++;
    m_impl->addParts(result);
  }
}

bool OpCache::touchesStoredResult(const TopoDS_Shape& shape) const {
  if (shape.IsNull()) return false;
  if (m_impl->products.count(shape.TShape().get())) return true;
  for (TopAbs_ShapeEnum type : {TopAbs_VERTEX, TopAbs_EDGE, TopAbs_FACE})
    for (TopExp_Explorer it(shape, type); it.More(); it.Next())
      if (m_impl->parts.count(it.Current().TShape().get())) return true;
  return false;
}

void OpCache::endRun() {
  Impl& d = *m_impl;
  for (auto it = d.entries.begin(); it != d.entries.end();) {
    Impl::Entry& entry = it->second;
    entry.previous.swap(entry.current);
    entry.current.clear();
    entry.used = 0;
    if (entry.previous.empty())
      it = d.entries.erase(it);
    else
      ++it;
  }
  // Forget products no surviving result holds (their TShape may be freed and its address reused).
  std::unordered_map<const TopoDS_TShape*, uint64_t> kept;
  d.parts.clear();
  for (const auto& [bytes, entry] : d.entries)
    for (const auto& stored : entry.previous) {
      const TopoDS_TShape* tshape = stored.result.TShape().get();
      auto it = d.products.find(tshape);
      if (it != d.products.end() && kept.emplace(tshape, it->second).second) d.addParts(stored.result);
    }
  d.products.swap(kept);
  for (auto it = d.centers.begin(); it != d.centers.end();)
    it = d.stored(it->second.tshape) ? std::next(it) : d.centers.erase(it);
}

bool OpCache::findCenter(const TopoDS_Shape& shape, double xyz[3]) const {
  if (shape.IsNull() || !m_impl->stored(shape.TShape().get())) return false;
  auto it = m_impl->centers.find(Impl::centerKey(shape));
  if (it == m_impl->centers.end()) return false;
  for (int i = 0; i < 3; ++i) xyz[i] = it->second.xyz[i];
  return true;
}

void OpCache::storeCenter(const TopoDS_Shape& shape, const double xyz[3]) {
  if (shape.IsNull() || !m_impl->stored(shape.TShape().get())) return;
  Impl::Center& c = m_impl->centers[Impl::centerKey(shape)];
  c.tshape = shape.TShape().get();
  for (int i = 0; i < 3; ++i) c.xyz[i] = xyz[i];
}

OpCache::Stats OpCache::stats() const {
  Stats s = m_stats;
  s.entries = 0;
  for (const auto& [bytes, entry] : m_impl->entries)
    s.entries += entry.previous.size() + entry.current.size() - entry.used;
  return s;
}

void OpCache::clear() {
  m_impl->entries.clear();
  m_impl->products.clear();
  m_impl->parts.clear();
  m_impl->centers.clear();
  m_stats = {};
}

}  // namespace partsmith::kernel
