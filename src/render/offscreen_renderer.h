// Headless multi-view screenshots of a part list: one GL driver and hidden X window per
// process, reused for every render (occt-qt-notes.md §3). Needs an X display (Xvfb).
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "kernel/color.h"
#include "kernel/part.h"
#include "render/rendered_image.h"
#include "render/scene_builder.h"

namespace partsmith::render {

struct RenderOptions {
  SceneStyle style;
  kernel::Color backgroundTop{1.0, 1.0, 1.0, 1.0};  // vertical gradient, sRGB
  kernel::Color backgroundBottom{0.86, 0.89, 0.93, 1.0};
  double margin = 0.06;  // fraction of the picture height left free on each side
  // One mm-per-pixel scale for every standard view (true proportions between views), or
  // each view zoomed to fill the picture.
  bool sameScaleForAllViews = true;
  int msaaSamples = 0;  // 0 = off: about twice as fast under llvmpipe
};

struct RenderedView {
  std::string view;        // standard view name
  std::string path;        // <outDir>/<view>.png
  double pixelsPerMm = 0;  // picture scale, for telling a vision model how big things are
};

class OffscreenRenderer {
 public:
  static constexpr int kMinSize = 16;
  static constexpr int kMaxSize = 4096;

  // Throws RenderError when there is no X display or no OpenGL on it.
  explicit OffscreenRenderer(RenderOptions options = {});
  ~OffscreenRenderer();
  OffscreenRenderer(const OffscreenRenderer&) = delete;
  OffscreenRenderer& operator=(const OffscreenRenderer&) = delete;

  // Writes <outDir>/<view>.png per view (outDir is created) and returns them in order.
  // Throws RenderError for no parts, an unknown view, a size outside [kMinSize, kMaxSize],
  // or a file that cannot be written.
  std::vector<RenderedView> render(const kernel::PartList& parts,
                                   const std::vector<std::string>& views, int width, int height,
                                   const std::string& outDir);

  // The same picture in memory, top-down RGB.
  RenderedImage renderToImage(const kernel::PartList& parts, const std::string& view, int width,
                              int height);

  const RenderOptions& options() const { return m_options; }
  // The GL device, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)", for logs.
  std::string glRendererName() const;

 private:
  struct Impl;
  RenderOptions m_options;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace partsmith::render
