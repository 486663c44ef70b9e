// The kernel's facts JSON (kernel/facts.h: bbox, volume, holes, printability…) and a
// generation's scores and usage as short texts for the checks, compare and curation views.
#pragma once
#include <optional>
#include <utility>
#include <vector>

#include <QString>
#include <nlohmann/json.hpp>

namespace partsmith::store {
struct TokenUsage;
}

namespace partsmith::app {

// PLA, the usual filament; the kernel's printability facts carry no density of their own.
constexpr double kPlaDensityGPerCm3 = 1.24;

// "50 × 40 × 40 mm", or an empty string when the facts have no bounding box.
QString formatBoxSize(const nlohmann::json& facts);
// "12,345.6 mm³ (12.35 cm³)"
QString formatVolume(const nlohmann::json& facts);
// Grams of solid material (no infill or shells modelled) at `density` g/cm³.
std::optional<double> filamentMassGrams(const nlohmann::json& facts, double density = kPlaDensityGPerCm3);
// "4: Ø3.4 through ×4" / "none"
QString formatHoles(const nlohmann::json& facts);
// "8.2 / 10" or "—"
QString formatScore(std::optional<double> score);
// "1,234 in · 567 out · 2,000 cached"
QString formatTokens(const store::TokenUsage& usage);
// "$0.0123"
QString formatCost(double usd);

// Label → value rows for a facts table, in a fixed order; absent facts are left out.
std::vector<std::pair<QString, QString>> factRows(const nlohmann::json& facts);

}  // namespace partsmith::app
