#include "app/facts_format.h"

#include <cmath>
#include <map>

#include <QLocale>
#include <QStringList>

#include "store/generation_repository.h"

namespace partsmith::app {

using nlohmann::json;

namespace {

// Trailing zeros off: 40 → "40", 12.5 → "12.5", 0.3333 → "0.33".
QString number(double value, int decimals = 2) {
  QString text = QLocale::c().toString(value, 'f', decimals);
  if (text.contains('.')) {
    while (text.endsWith('0')) text.chop(1);
    if (text.endsWith('.')) text.chop(1);
  }
  if (text == "-0") text = "0";
  return text;
}

QString grouped(double value, int decimals) {
  QLocale locale = QLocale::c();
  locale.setNumberOptions(QLocale::DefaultNumberOptions);  // the C locale omits group separators by default
  return locale.toString(value, 'f', decimals);
}

std::optional<double> numberAt(const json& facts, const char* key) {
  if (!facts.is_object() || !facts.contains(key) || !facts[key].is_number()) return std::nullopt;
  return facts[key].get<double>();
}

}  // namespace

QString formatBoxSize(const json& facts) {
  if (!facts.is_object() || !facts.contains("bbox") || !facts["bbox"].is_object()) return {};
  const json& size = facts["bbox"].value("size", json());
  if (!size.is_array() || size.size() != 3) return {};
  QStringList parts;
  for (const json& v : size) parts << (v.is_number() ? number(v.get<double>()) : QStringLiteral("?"));
  return parts.join(QStringLiteral(" × ")) + QStringLiteral(" mm");
}

QString formatVolume(const json& facts) {
  const auto volume = numberAt(facts, "volume");
  if (!volume) return {};
  return grouped(*volume, 1) + QStringLiteral(" mm³ (") + number(*volume / 1000.0) + QStringLiteral(" cm³)");
}

std::optional<double> filamentMassGrams(const json& facts, double density) {
  const auto volume = numberAt(facts, "volume");
  if (!volume || *volume <= 0) return std::nullopt;
  return *volume / 1000.0 * density;
}

QString formatHoles(const json& facts) {
  if (!facts.is_object() || !facts.contains("holes") || !facts["holes"].is_array()) return {};
  const json& holes = facts["holes"];
  if (holes.empty()) return QObject::tr("none");
  // Grouped by diameter and kind: "4: Ø3.4 through ×4"
  std::map<std::pair<QString, bool>, int> groups;
  for (const json& h : holes)
    ++groups[{number(h.value("diameter", 0.0)), h.value("through", false)}];
  QStringList parts;
  for (const auto& [key, n] : groups)
    parts << QStringLiteral("Ø%1 %2 ×%3").arg(key.first, key.second ? QObject::tr("through") : QObject::tr("blind")).arg(n);
  return QStringLiteral("%1: %2").arg(holes.size()).arg(parts.join(QStringLiteral(", ")));
}

QString formatScore(std::optional<double> score) {
  if (!score) return QStringLiteral("—");
  return QLocale::c().toString(*score, 'f', 1) + QStringLiteral(" / 10");
}

QString formatTokens(const store::TokenUsage& usage) {
  QStringList parts;
  parts << QObject::tr("%1 in").arg(grouped(double(usage.input), 0));
  parts << QObject::tr("%1 out").arg(grouped(double(usage.output), 0));
  if (usage.cacheRead + usage.cacheWrite > 0)
    parts << QObject::tr("%1 cached").arg(grouped(double(usage.cacheRead + usage.cacheWrite), 0));
  return parts.join(QStringLiteral(" · "));
}

QString formatCost(double usd) {
  return QStringLiteral("$") + QLocale::c().toString(usd, 'f', usd < 0.1 ? 4 : 2);
}

std::vector<std::pair<QString, QString>> factRows(const json& facts) {
  std::vector<std::pair<QString, QString>> rows;
  if (!facts.is_object()) return rows;
  auto add = [&](const QString& label, const QString& value) {
    if (!value.isEmpty()) rows.emplace_back(label, value);
  };
  add(QObject::tr("Size"), formatBoxSize(facts));
  add(QObject::tr("Volume"), formatVolume(facts));
  if (auto mass = filamentMassGrams(facts))
    add(QObject::tr("Filament (PLA)"), QObject::tr("%1 g at %2 g/cm³, solid").arg(number(*mass, 1), number(kPlaDensityGPerCm3)));
  if (auto area = numberAt(facts, "area")) add(QObject::tr("Surface area"), grouped(*area, 1) + QStringLiteral(" mm²"));
  if (auto solids = numberAt(facts, "solids")) add(QObject::tr("Solids"), number(*solids, 0));
  add(QObject::tr("Holes"), formatHoles(facts));
  if (auto faces = numberAt(facts, "faces")) add(QObject::tr("Faces"), number(*faces, 0));
  if (facts.contains("valid") && facts.contains("closed")) {
    const bool valid = facts.value("valid", true), closed = facts.value("closed", true);
    add(QObject::tr("Solid check"), valid && closed ? QObject::tr("valid and closed")
                                    : !valid          ? QObject::tr("not valid")
                                                      : QObject::tr("not closed (open shell)"));
  }
  if (facts.contains("printability") && facts["printability"].is_object()) {
    const json& p = facts["printability"];
    if (auto wall = numberAt(p, "thinnest_wall"); wall && *wall > 0)
      add(QObject::tr("Thinnest wall"), number(*wall) + QStringLiteral(" mm"));
    if (auto overhang = numberAt(p, "overhang_area"))
      add(QObject::tr("Overhang area"), grouped(*overhang, 1) + QStringLiteral(" mm²"));
  }
  return rows;
}

}  // namespace partsmith::app
