#include "render/rendered_image.h"

#include <filesystem>

#include <Image_AlienPixMap.hxx>
#include <Quantity_ColorRGBA.hxx>
#include <Standard_Failure.hxx>

#include "render/render_error.h"

namespace partsmith::render {

namespace {

// Byte offsets of R, G, B and the pixel stride for the 8-bit formats GL dumps produce.
bool channelLayout(Image_Format format, int& r, int& g, int& b, int& stride) {
  switch (format) {
    case Image_Format_RGB:
      r = 0, g = 1, b = 2, stride = 3;
      return true;
    case Image_Format_BGR:
      r = 2, g = 1, b = 0, stride = 3;
      return true;
    case Image_Format_RGBA:
    case Image_Format_RGB32:
      r = 0, g = 1, b = 2, stride = 4;
      return true;
    case Image_Format_BGRA:
    case Image_Format_BGR32:
      r = 2, g = 1, b = 0, stride = 4;
      return true;
    case Image_Format_Gray:
      r = 0, g = 0, b = 0, stride = 1;
      return true;
    default:
      return false;
  }
}

std::uint8_t toByte(float v) {
  v = v < 0.f ? 0.f : (v > 1.f ? 1.f : v);
  return static_cast<std::uint8_t>(v * 255.f + 0.5f);
}

}  // namespace

RenderedImage toRenderedImage(const Image_PixMap& pixmap) {
  RenderedImage image;
  image.width = static_cast<int>(pixmap.Width());
  image.height = static_cast<int>(pixmap.Height());
  image.rgb.resize(static_cast<std::size_t>(image.width) * image.height * 3);
  int r = 0, g = 0, b = 0, stride = 0;
  const bool fast = channelLayout(pixmap.Format(), r, g, b, stride);
  for (int y = 0; y < image.height; ++y) {
    // Image_PixMap::Row() counts from the top whatever the storage order.
    const std::uint8_t* row = pixmap.Row(static_cast<Standard_Size>(y));
    std::uint8_t* out = image.rgb.data() + static_cast<std::size_t>(y) * image.width * 3;
    for (int x = 0; x < image.width; ++x, out += 3) {
      if (fast) {
        const std::uint8_t* px = row + static_cast<std::size_t>(x) * stride;
        out[0] = px[r], out[1] = px[g], out[2] = px[b];
      } else {
        // Float or half formats: no sRGB conversion, the values are display values already.
        const Quantity_ColorRGBA c = pixmap.PixelColor(x, y, false);
        out[0] = toByte(c.GetRGB().Red()), out[1] = toByte(c.GetRGB().Green()),
        out[2] = toByte(c.GetRGB().Blue());
      }
    }
  }
  return image;
}

RenderedImage loadImageFile(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw RenderError("image file \"" + path + "\" does not exist");
  Image_AlienPixMap pixmap;
  bool loaded = false;
  try {
    loaded = pixmap.Load(TCollection_AsciiString(path.c_str()));
  } catch (const Standard_Failure& failure) {
    throw RenderError("could not read image \"" + path + "\": " + failure.GetMessageString());
  }
  if (!loaded || pixmap.IsEmpty())
    throw RenderError("could not read image \"" + path + "\"", "is it a PNG, JPEG or BMP file?");
  return toRenderedImage(pixmap);
}

void saveImageFile(const RenderedImage& image, const std::string& path) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
    throw RenderError("cannot save \"" + path + "\": the image is empty or inconsistent");
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  Image_AlienPixMap pixmap;
  if (!pixmap.InitTrash(Image_Format_RGB, image.width, image.height))
    throw RenderError("cannot save \"" + path + "\": out of memory for a " +
                      std::to_string(image.width) + "x" + std::to_string(image.height) + " image");
  // FreeImage is BGR on little-endian machines, so InitTrash may pick another layout than
  // the one asked for: write whatever it chose.
  int r = 0, g = 0, b = 0, stride = 0;
  if (!channelLayout(pixmap.Format(), r, g, b, stride) || stride < 3)
    throw RenderError("cannot save \"" + path + "\": unsupported pixel layout");
  for (int y = 0; y < image.height; ++y) {
    std::uint8_t* row = pixmap.ChangeRow(static_cast<Standard_Size>(y));
    const std::uint8_t* in = image.rgb.data() + static_cast<std::size_t>(y) * image.width * 3;
    for (int x = 0; x < image.width; ++x, in += 3) {
      std::uint8_t* px = row + static_cast<std::size_t>(x) * stride;
      px[r] = in[0], px[g] = in[1], px[b] = in[2];
      if (stride == 4) px[3] = 255;
    }
  }
  bool saved = false;
  try {
    saved = pixmap.Save(TCollection_AsciiString(path.c_str()));
  } catch (const Standard_Failure& failure) {
    throw RenderError("could not write image \"" + path + "\": " + failure.GetMessageString());
  }
  if (!saved)
    throw RenderError("could not write image \"" + path + "\"",
                      "check that the folder exists and is writable and the extension is .png");
}

}  // namespace partsmith::render
