// An sRGB colour with alpha, parsed from CSS names, #rgb/#rrggbb/#rrggbbaa or components.
#pragma once
#include <optional>
#include <string>

namespace partsmith::kernel {

struct Color {
  double r = 0.8, g = 0.8, b = 0.8, a = 1.0;  // sRGB components in [0, 1]

  // Returns nullopt for an unknown name or malformed hex string.
  static std::optional<Color> parse(const std::string& text);
  std::string toHex() const;  // "#rrggbb" or "#rrggbbaa" when not opaque
  bool operator==(const Color& o) const { return r == o.r && g == o.g && b == o.b && a == o.a; }
};

}  // namespace partsmith::kernel
