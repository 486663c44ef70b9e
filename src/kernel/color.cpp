#include "kernel/color.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace partsmith::kernel {
namespace {

// CSS colour keywords LLM-written code reaches for, plus CadQuery/OCCT favourites.
const std::map<std::string, unsigned>& namedColors() {
  static const std::map<std::string, unsigned> table = {
      {"black", 0x000000},     {"white", 0xffffff},      {"red", 0xff0000},        {"green", 0x008000},
      {"lime", 0x00ff00},      {"blue", 0x0000ff},       {"yellow", 0xffff00},     {"cyan", 0x00ffff},
      {"aqua", 0x00ffff},      {"magenta", 0xff00ff},    {"fuchsia", 0xff00ff},    {"gray", 0x808080},
      {"grey", 0x808080},      {"silver", 0xc0c0c0},     {"maroon", 0x800000},     {"olive", 0x808000},
      {"purple", 0x800080},    {"teal", 0x008080},       {"navy", 0x000080},       {"orange", 0xffa500},
      {"gold", 0xffd700},      {"pink", 0xffc0cb},       {"brown", 0xa52a2a},      {"tan", 0xd2b48c},
      {"beige", 0xf5f5dc},     {"ivory", 0xfffff0},      {"violet", 0xee82ee},     {"indigo", 0x4b0082},
      {"coral", 0xff7f50},     {"salmon", 0xfa8072},     {"tomato", 0xff6347},     {"crimson", 0xdc143c},
      {"khaki", 0xf0e68c},     {"lightgray", 0xd3d3d3},  {"lightgrey", 0xd3d3d3},  {"darkgray", 0xa9a9a9},
      {"darkgrey", 0xa9a9a9},  {"dimgray", 0x696969},    {"steelblue", 0x4682b4},  {"skyblue", 0x87ceeb},
      {"lightblue", 0xadd8e6}, {"darkblue", 0x00008b},   {"royalblue", 0x4169e1},  {"darkgreen", 0x006400},
      {"lightgreen", 0x90ee90}, {"forestgreen", 0x228b22}, {"darkred", 0x8b0000},  {"chocolate", 0xd2691e},
      {"sienna", 0xa0522d},    {"wheat", 0xf5deb3},      {"turquoise", 0x40e0d0},  {"orchid", 0xda70d6},
      {"plum", 0xdda0dd},      {"lavender", 0xe6e6fa},   {"slategray", 0x708090},  {"gainsboro", 0xdcdcdc},
      {"whitesmoke", 0xf5f5f5}, {"goldenrod", 0xdaa520}, {"peru", 0xcd853f},       {"firebrick", 0xb22222},
      {"darkorange", 0xff8c00}, {"deepskyblue", 0x00bfff}, {"dodgerblue", 0x1e90ff}, {"seagreen", 0x2e8b57},
  };
  return table;
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::optional<Color> Color::parse(const std::string& input) {
  std::string text;
  for (char c : input)
    if (!std::isspace(static_cast<unsigned char>(c))) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text.empty()) return std::nullopt;
  if (text[0] == '#') {
    std::string hex = text.substr(1);
    if (hex.size() == 3 || hex.size() == 4) {
      std::string wide;
      for (char c : hex) wide += std::string(2, c);
      hex = wide;
    }
    if (hex.size() != 6 && hex.size() != 8) return std::nullopt;
    double comps[4] = {0, 0, 0, 1};
    for (size_t i = 0; i < hex.size() / 2; ++i) {
      int hi = hexDigit(hex[2 * i]), lo = hexDigit(hex[2 * i + 1]);
      if (hi < 0 || lo < 0) return std::nullopt;
      comps[i] = (hi * 16 + lo) / 255.0;
    }
    return Color{comps[0], comps[1], comps[2], comps[3]};
  }
  auto it = namedColors().find(text);
  if (it == namedColors().end()) return std::nullopt;
  unsigned v = it->second;
  return Color{((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0, 1.0};
}

std::string Color::toHex() const {
  auto byte = [](double c) { return static_cast<int>(std::clamp(c, 0.0, 1.0) * 255.0 + 0.5); };
  char buf[16];
  if (a >= 1.0)
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", byte(r), byte(g), byte(b));
  else
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x%02x", byte(r), byte(g), byte(b), byte(a));
  return buf;
}

}  // namespace partsmith::kernel
