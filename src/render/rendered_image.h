// An RGB image in memory (top-down rows, no padding) plus PNG load/save through OCCT's
// Image_AlienPixMap (FreeImage on Debian).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

class Image_PixMap;

namespace partsmith::render {

struct RenderedImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // row 0 is the top of the picture, 3 bytes per pixel

  const std::uint8_t* pixel(int x, int y) const {
    return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3;
  }
};

// Converts any 8-bit OCCT pixmap (RGB/BGR/RGBA/BGRA/RGB32/BGR32/Gray), honouring its
// row order (OCCT's GL dumps are bottom-up).
RenderedImage toRenderedImage(const Image_PixMap& pixmap);

// Throws RenderError when the file is missing or not a readable image.
RenderedImage loadImageFile(const std::string& path);
// Format from the extension (.png, .jpg, .bmp, ...); creates missing parent folders.
// Throws RenderError on failure.
void saveImageFile(const RenderedImage& image, const std::string& path);

}  // namespace partsmith::render
