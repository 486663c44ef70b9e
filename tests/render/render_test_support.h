// Shapes, a shared renderer and pixel statistics for the render tests.
#pragma once
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <gp_Ax2.hxx>

#include "kernel/part.h"
#include "render/offscreen_renderer.h"
#include "render/rendered_image.h"
#include "test_paths.h"

namespace partsmith::render::testing {

inline TopoDS_Shape makeBox(double dx, double dy, double dz, gp_Pnt corner = gp_Pnt(0, 0, 0)) {
  return BRepPrimAPI_MakeBox(corner, dx, dy, dz).Shape();
}

// 40 x 30 x 20 block with a vertical 12 mm hole through its middle.
inline TopoDS_Shape makeBoxWithHole() {
  const TopoDS_Shape block = makeBox(40, 30, 20);
  const TopoDS_Shape pin =
      BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(20, 15, -1), gp_Dir(0, 0, 1)), 6, 22).Shape();
  BRepAlgoAPI_Cut cut(block, pin);
  if (!cut.IsDone() || cut.HasErrors()) throw std::runtime_error("test fixture: cut failed");
  return cut.Shape();
}

// One renderer per test process, as in the worker.
inline OffscreenRenderer& sharedRenderer() {
  static OffscreenRenderer renderer;
  return renderer;
}

inline std::string outputDir(const std::string& name) {
  return test::binaryDir() + "/test-output/render/" + name;
}

inline int channelDistance(const std::uint8_t* a, const std::uint8_t* b) {
  int worst = 0;
  for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(a[c]) - int(b[c])));
  return worst;
}

// The background is a vertical gradient, so a row's background is its leftmost pixel (the
// renderer leaves a margin around the parts).
inline bool isForeground(const RenderedImage& image, int x, int y) {
  return channelDistance(image.pixel(x, y), image.pixel(0, y)) > 12;
}

inline bool isDark(const std::uint8_t* px) { return px[0] < 60 && px[1] < 60 && px[2] < 60; }

struct PixelStats {
  double foreground = 0;                // fraction of the picture covered by parts
  double dark = 0;                      // fraction of near-black (edge) pixels
  double centroidX = 0, centroidY = 0;  // of the foreground, in pixels from the top-left
  bool borderClear = true;              // no part pixel in the outermost 2 pixels
};

inline PixelStats pixelStats(const RenderedImage& image) {
  PixelStats stats;
  long covered = 0, dark = 0;
  double sumX = 0, sumY = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      if (!isForeground(image, x, y)) continue;
      ++covered;
      sumX += x, sumY += y;
      if (isDark(image.pixel(x, y))) ++dark;
      if (x < 2 || y < 2 || x >= image.width - 2 || y >= image.height - 2)
        stats.borderClear = false;
    }
  const double total = double(image.width) * image.height;
  stats.foreground = covered / total;
  stats.dark = dark / total;
  if (covered > 0) stats.centroidX = sumX / covered, stats.centroidY = sumY / covered;
  return stats;
}

// Centroid of the pixels a predicate selects; count = how many.
template <typename Pred>
inline void centroidOf(const RenderedImage& image, Pred pred, long& count, double& cx, double& cy) {
  count = 0;
  double sx = 0, sy = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      if (pred(image.pixel(x, y))) ++count, sx += x, sy += y;
  cx = count ? sx / count : -1;
  cy = count ? sy / count : -1;
}

inline bool reddish(const std::uint8_t* p) { return p[0] > p[1] + 60 && p[0] > p[2] + 60; }
inline bool bluish(const std::uint8_t* p) { return p[2] > p[0] + 60 && p[2] > p[1] + 30; }
inline bool greenish(const std::uint8_t* p) { return p[1] > p[0] + 50 && p[1] > p[2] + 50; }

}  // namespace partsmith::render::testing
