#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <BRepBuilderAPI_MakeEdge.hxx>
#include <BRepBuilderAPI_MakeWire.hxx>
#include <gp_Circ.hxx>

#include "render/render_error.h"
#include "render/standard_views.h"
#include "render_test_support.h"

extern char** environ;

using namespace partsmith;
using namespace partsmith::render;
using namespace partsmith::render::testing;
namespace fs = std::filesystem;

namespace {

kernel::PartList single(const TopoDS_Shape& shape, std::optional<kernel::Color> color = {}) {
  return {kernel::Part{"part", shape, color}};
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const RenderError& e) {
    return e.what();
  }
  return "no error";
}

long residentKiB() {
  std::ifstream statm("/proc/self/statm");
  long sizePages = 0, residentPages = 0;
  statm >> sizePages >> residentPages;
  return residentPages * (sysconf(_SC_PAGESIZE) / 1024);
}

// Runs this test binary again with the given Catch2 test spec and environment changes
// (value nullptr = remove); returns the exit status and stdout+stderr.
int runSelf(const std::string& testSpec, const std::string& envName, const char* envValue,
            std::string& output) {
  const std::string exe = fs::read_symlink("/proc/self/exe").string();
  const std::string logPath = outputDir("child-" + envName + ".log");
  fs::create_directories(fs::path(logPath).parent_path());

  std::vector<std::string> env;
  for (char** e = environ; *e; ++e)
    if (std::string(*e).rfind(envName + "=", 0) != 0) env.emplace_back(*e);
  if (envValue) env.push_back(envName + "=" + envValue);
  std::vector<char*> envp;
  for (auto& e : env) envp.push_back(e.data());
  envp.push_back(nullptr);

  std::vector<std::string> args{exe, testSpec};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("posix_spawn failed");
  int status = 0;
  waitpid(pid, &status, 0);
  std::ifstream log(logPath);
  std::stringstream text;
  text << log.rdbuf();
  output = text.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("render writes one legible PNG per standard view", "[render]") {
  const std::string dir = outputDir("box-with-hole");
  fs::remove_all(dir);
  const auto written =
      sharedRenderer().render(single(makeBoxWithHole()), standardViewNames(), 400, 300, dir);
  REQUIRE(written.size() == standardViews().size());

  for (const auto& view : written) {
    INFO(view.view << " -> " << view.path);
    CHECK(view.path == dir + "/" + view.view + ".png");
    REQUIRE(fs::exists(view.path));
    std::ifstream file(view.path, std::ios::binary);
    char magic[8] = {};
    file.read(magic, 8);
    CHECK(std::string(magic + 1, 3) == "PNG");

    const RenderedImage image = loadImageFile(view.path);
    CHECK(image.width == 400);
    CHECK(image.height == 300);
    const PixelStats stats = pixelStats(image);
    INFO("covered " << stats.foreground << ", dark " << stats.dark);
    CHECK(stats.foreground > 0.05);
    CHECK(stats.foreground < 0.80);
    CHECK(stats.dark > 0.002);  // the face boundaries
    CHECK(stats.borderClear);
    // Same scale in every view: 40 mm of block must not exceed the frame.
    CHECK(view.pixelsPerMm > 3.0);
    CHECK(view.pixelsPerMm == Approx(written.front().pixelsPerMm));
  }
  CHECK(sharedRenderer().glRendererName() != "unknown");
}

TEST_CASE("views differ according to the geometry", "[render]") {
  // A 10 x 10 x 80 post: from the top it is a small square, from the front a tall bar.
  const auto post = single(makeBox(10, 10, 80));
  auto& renderer = sharedRenderer();
  const PixelStats top = pixelStats(renderer.renderToImage(post, "top", 400, 300));
  const PixelStats front = pixelStats(renderer.renderToImage(post, "front", 400, 300));
  const PixelStats right = pixelStats(renderer.renderToImage(post, "right", 400, 300));
  INFO("top " << top.foreground << ", front " << front.foreground << ", right "
              << right.foreground);
  CHECK(top.foreground > 0.002);
  CHECK(top.foreground < front.foreground * 0.3);
  CHECK(right.foreground == Approx(front.foreground).epsilon(0.2));  // square cross-section

  // A flat 60 x 40 x 4 plate: the reverse.
  const auto plate = single(makeBox(60, 40, 4));
  const PixelStats plateTop = pixelStats(renderer.renderToImage(plate, "top", 400, 300));
  const PixelStats plateFront = pixelStats(renderer.renderToImage(plate, "front", 400, 300));
  CHECK(plateFront.foreground < plateTop.foreground * 0.3);
}

TEST_CASE("pictures are upright: +Z up in front, +X to the right in front and top", "[render]") {
  const kernel::PartList parts{
      {"origin", makeBox(10, 10, 10), kernel::Color{0.85, 0.15, 0.15, 1.0}},
      {"above", makeBox(10, 10, 10, gp_Pnt(0, 0, 30)), kernel::Color{0.15, 0.3, 0.9, 1.0}},
      {"east", makeBox(10, 10, 10, gp_Pnt(30, 0, 0)), kernel::Color{0.1, 0.7, 0.1, 1.0}},
  };
  const std::string dir = outputDir("orientation");
  const auto written = sharedRenderer().render(parts, {"front", "top"}, 400, 300, dir);
  REQUIRE(written.size() == 2);

  long red = 0, blue = 0, green = 0;
  double rx, ry, bx, by, gx, gy;
  // Read back the PNG: orientation must survive the file, not just the in-memory image.
  const RenderedImage front = loadImageFile(written[0].path);
  centroidOf(front, reddish, red, rx, ry);
  centroidOf(front, bluish, blue, bx, by);
  centroidOf(front, greenish, green, gx, gy);
  REQUIRE(red > 100);
  REQUIRE(blue > 100);
  REQUIRE(green > 100);
  CHECK(by < ry - 50);  // "above" is higher in the picture
  CHECK(gx > rx + 50);  // "east" is to the right
  CHECK(std::abs(bx - rx) < 5);

  // From the top "above" hides "origin".
  const RenderedImage top = loadImageFile(written[1].path);
  centroidOf(top, reddish, red, rx, ry);
  centroidOf(top, bluish, blue, bx, by);
  centroidOf(top, greenish, green, gx, gy);
  CHECK(red == 0);
  REQUIRE(blue > 100);
  REQUIRE(green > 100);
  CHECK(gx > bx + 50);
  CHECK(std::abs(gy - by) < 5);
}

TEST_CASE("each part shows in its own colour", "[render]") {
  const kernel::Color red{0.85, 0.2, 0.2, 1.0}, blue{0.2, 0.35, 0.85, 1.0};
  const kernel::PartList parts{{"left", makeBox(20, 20, 20), red},
                               {"right", makeBox(20, 20, 20, gp_Pnt(30, 0, 0)), blue}};
  const RenderedImage image = sharedRenderer().renderToImage(parts, "iso", 400, 300);
  saveImageFile(image, outputDir("two-colours") + "/iso.png");

  const double total = double(image.width) * image.height;
  long redCount = 0, blueCount = 0;
  double x, y;
  centroidOf(image, reddish, redCount, x, y);
  centroidOf(image, bluish, blueCount, x, y);
  CHECK(redCount / total > 0.03);
  CHECK(blueCount / total > 0.03);

  // Lit faces come out near the part's own sRGB colour (the lights neither wash it out nor
  // darken it all): some pixels within 40 levels of each.
  auto near = [&](const kernel::Color& c) {
    const std::uint8_t want[3] = {std::uint8_t(c.r * 255), std::uint8_t(c.g * 255),
                                  std::uint8_t(c.b * 255)};
    long n = 0;
    for (int py = 0; py < image.height; ++py)
      for (int px = 0; px < image.width; ++px)
        if (channelDistance(image.pixel(px, py), want) <= 40) ++n;
    return n;
  };
  CHECK(near(red) > 500);
  CHECK(near(blue) > 500);

  // Uncoloured parts get the neutral default, not black or white.
  const RenderedImage plain =
      sharedRenderer().renderToImage(single(makeBox(20, 20, 20)), "iso", 400, 300);
  const kernel::Color def = sharedRenderer().options().style.defaultColor;
  long plainCount = 0;
  centroidOf(
      plain,
      [&](const std::uint8_t* p) {
        return std::abs(p[2] - int(def.b * 255)) < 50 && p[2] > p[0] && !isDark(p);
      },
      plainCount, x, y);
  CHECK(plainCount / total > 0.05);
}

TEST_CASE("faces of an iso view get distinguishable shades", "[render]") {
  // A cube in iso shows +Z, -Y and +X faces; the headlight must light them differently.
  const RenderedImage image =
      sharedRenderer().renderToImage(single(makeBox(20, 20, 20)), "iso", 400, 300);
  // Probe the middle of each face: 20 mm cube centred, faces around the centre of the picture.
  std::map<int, long> shades;  // brightness bucket -> pixel count
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = image.pixel(x, y);
      if (!isForeground(image, x, y) || isDark(p)) continue;
      ++shades[(p[0] + p[1] + p[2]) / 3 / 12];
    }
  int bigBuckets = 0;
  for (const auto& [bucket, count] : shades)
    if (count > 2000) ++bigBuckets;
  CHECK(bigBuckets >= 3);
}

TEST_CASE("in-memory picture matches the PNG and renders do not leak into each other", "[render]") {
  auto& renderer = sharedRenderer();
  const auto post = single(makeBox(10, 10, 80));
  const std::string dir = outputDir("consistency");
  const RenderedImage first = renderer.renderToImage(post, "front", 320, 240);
  renderer.render(single(makeBoxWithHole()), {"iso"}, 320, 240, dir);
  const auto written = renderer.render(post, {"front"}, 320, 240, dir);
  const RenderedImage fromFile = loadImageFile(written.front().path);
  REQUIRE(fromFile.width == first.width);
  REQUIRE(fromFile.height == first.height);
  long differing = 0;
  for (int y = 0; y < first.height; ++y)
    for (int x = 0; x < first.width; ++x)
      if (channelDistance(first.pixel(x, y), fromFile.pixel(x, y)) > 2) ++differing;
  CHECK(differing < first.width * first.height / 1000);
}

TEST_CASE("tall and wide pictures keep the parts inside the frame", "[render]") {
  auto& renderer = sharedRenderer();
  const auto part = single(makeBoxWithHole());
  for (const auto& size : {std::pair{120, 400}, std::pair{500, 100}}) {
    for (const auto& view : standardViewNames()) {
      INFO(view << " at " << size.first << "x" << size.second);
      const RenderedImage image = renderer.renderToImage(part, view, size.first, size.second);
      REQUIRE(image.width == size.first);
      REQUIRE(image.height == size.second);
      if (view == "iso")
        saveImageFile(image, outputDir("aspect") + "/iso-" + std::to_string(size.first) + "x" +
                                 std::to_string(size.second) + ".png");
      const PixelStats stats = pixelStats(image);
      CHECK(stats.borderClear);
      CHECK(stats.foreground > 0.03);
    }
  }
}

TEST_CASE("render reports bad requests clearly", "[render]") {
  auto& renderer = sharedRenderer();
  const auto part = single(makeBox(10, 10, 10));
  const std::string dir = outputDir("errors");
  fs::remove_all(dir);

  const std::string unknown = errorOf([&] {
    renderer.render(part, {"iso", "diagonal"}, 400, 300, dir);
  });
  CHECK_THAT(unknown, Catch::Contains("unknown view \"diagonal\""));
  CHECK_THAT(unknown, Catch::Contains("valid views are: iso, iso2, front"));
  CHECK_FALSE(fs::exists(dir + "/iso.png"));  // nothing half-done

  CHECK_THAT(errorOf([&] { renderer.render({}, {"iso"}, 400, 300, dir); }),
             Catch::Contains("nothing to render"));
  CHECK_THAT(errorOf([&] { renderer.render(part, {}, 400, 300, dir); }),
             Catch::Contains("no views requested"));
  CHECK_THAT(errorOf([&] { renderer.renderToImage(part, "iso", 0, 300); }),
             Catch::Contains("image size 0x300 is out of range"));
  CHECK_THAT(errorOf([&] { renderer.renderToImage(part, "iso", 400, 99999); }),
             Catch::Contains("between 16 and 4096"));
  const kernel::PartList withEmpty{{"ok", makeBox(5, 5, 5), {}}, {"ghost", TopoDS_Shape(), {}}};
  CHECK_THAT(errorOf([&] { renderer.renderToImage(withEmpty, "iso", 100, 100); }),
             Catch::Contains("\"ghost\" has no geometry"));
  CHECK_THAT(errorOf([&] { loadImageFile(dir + "/missing.png"); }),
             Catch::Contains("does not exist"));

  // A failed request leaves the renderer usable.
  const PixelStats after = pixelStats(renderer.renderToImage(part, "iso", 200, 150));
  CHECK(after.foreground > 0.05);
}

TEST_CASE("rendering many times does not grow memory", "[render]") {
  auto& renderer = sharedRenderer();
  const auto part = single(makeBoxWithHole());
  const std::string dir = outputDir("repeat");
  // Warm up: shader programs, FBOs and FreeImage are allocated once.
  for (int i = 0; i < 3; ++i) renderer.render(part, {"iso", "front", "top"}, 400, 300, dir);
  const long before = residentKiB();
  for (int i = 0; i < 20; ++i) {
    // New shapes each time, as the worker gets: their meshes and presentations must go.
    const auto fresh = single(makeBoxWithHole(), kernel::Color{0.3, 0.6, 0.3, 1.0});
    renderer.render(fresh, {"iso", "front", "top"}, 400, 300, dir);
  }
  const long after = residentKiB();
  INFO("resident before " << before << " KiB, after " << after << " KiB");
  CHECK(after - before < 10 * 1024);
}

TEST_CASE("without an X display the renderer says how to get one", "[render][display]") {
  std::string output;
  const int status = runSelf("[nodisplay-child]", "DISPLAY", nullptr, output);
  INFO(output);
  CHECK(status == 0);
  CHECK_THAT(output,
             Catch::Contains("CHILD-ERROR: rendering needs an X display (DISPLAY is not set)"));
  CHECK_THAT(output, Catch::Contains("xvfb-run"));

  const int badStatus = runSelf("[baddisplay-child]", "DISPLAY", ":7391", output);
  CHECK(badStatus == 0);
  CHECK_THAT(
      output,
      Catch::Contains(
          "CHILD-ERROR: rendering needs an X display, but DISPLAY=\":7391\" cannot be opened"));
}

// Run only by the test above, in a child process with DISPLAY removed or pointing nowhere.
TEST_CASE("child: renderer without DISPLAY", "[.][nodisplay-child]") {
  REQUIRE(std::getenv("DISPLAY") == nullptr);
  try {
    OffscreenRenderer renderer;
    FAIL("renderer constructed without a display");
  } catch (const RenderError& e) {
    std::cout << "CHILD-ERROR: " << e.what() << std::endl;
    CHECK_THAT(std::string(e.what()), Catch::Contains("X display"));
  }
}

TEST_CASE("child: renderer with an unreachable DISPLAY", "[.][baddisplay-child]") {
  try {
    OffscreenRenderer renderer;
    FAIL("renderer constructed on an unreachable display");
  } catch (const RenderError& e) {
    std::cout << "CHILD-ERROR: " << e.what() << std::endl;
    CHECK_THAT(std::string(e.what()), Catch::Contains("X display"));
  }
}

TEST_CASE("sketch wires and see-through parts stay visible", "[render]") {
  // A lone circle (a sketch): no faces, so no face boundaries; it must still be drawn.
  const gp_Circ circle(gp_Ax2(gp_Pnt(0, 0, 0), gp_Dir(0, 0, 1)), 15);
  const TopoDS_Shape wire = BRepBuilderAPI_MakeWire(BRepBuilderAPI_MakeEdge(circle).Edge()).Wire();
  const RenderedImage sketch = sharedRenderer().renderToImage(single(wire), "top", 300, 300);
  saveImageFile(sketch, outputDir("wire") + "/top.png");
  const PixelStats stats = pixelStats(sketch);
  CHECK(stats.foreground > 0.005);
  CHECK(stats.foreground < 0.2);  // a thin ring, not a filled disc
  CHECK(stats.borderClear);
  // The centre of the ring is empty.
  CHECK_FALSE(isForeground(sketch, 150, 150));

  // A 50 % transparent plate in front of a red block: the red shows through.
  const kernel::PartList parts{
      {"block", makeBox(10, 10, 10, gp_Pnt(5, 10, 5)), kernel::Color{0.9, 0.1, 0.1, 1.0}},
      {"glass", makeBox(20, 2, 20), kernel::Color{0.6, 0.67, 0.76, 0.5}}};
  const RenderedImage front = sharedRenderer().renderToImage(parts, "front", 300, 300);
  saveImageFile(front, outputDir("transparent") + "/front.png");
  long red = 0;
  double x, y;
  // The plate alone is blue-grey (blue > red); where the block shows through, red wins.
  centroidOf(
      front, [](const std::uint8_t* p) { return p[0] > p[1] + 10 && p[0] > p[2] + 3; }, red, x, y);
  CHECK(red > 1000);
}

TEST_CASE("MSAA can be switched on", "[render]") {
  RenderOptions options;
  options.msaaSamples = 4;
  OffscreenRenderer smooth(options);
  const auto part = single(makeBoxWithHole());
  const RenderedImage withMsaa = smooth.renderToImage(part, "iso", 400, 300);
  saveImageFile(withMsaa, outputDir("msaa") + "/iso.png");
  const RenderedImage without = sharedRenderer().renderToImage(part, "iso", 400, 300);
  const PixelStats a = pixelStats(withMsaa), b = pixelStats(without);
  CHECK(a.foreground == Approx(b.foreground).epsilon(0.05));
  // Smoothed edges: more distinct grey levels along the silhouette than with hard edges.
  auto levels = [](const RenderedImage& image) {
    std::set<int> seen;
    for (size_t i = 0; i < image.rgb.size(); i += 3) seen.insert(image.rgb[i]);
    return seen.size();
  };
  CHECK(levels(withMsaa) > levels(without));
}

// Not a pass/fail test: prints timings for the report. Run with "[render-timing]".
TEST_CASE("timing: milliseconds per view at 800x600", "[.][render-timing]") {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  const auto start = Clock::now();
  OffscreenRenderer renderer;
  const double setup = ms(Clock::now() - start);
  const auto part = single(makeBoxWithHole());
  const std::string dir = outputDir("timing");
  renderer.render(part, {"iso"}, 800, 600, dir);  // first-use shader compilation
  const auto views = standardViewNames();
  const int rounds = 3;
  const auto t0 = Clock::now();
  for (int i = 0; i < rounds; ++i) renderer.render(part, views, 800, 600, dir);
  const double perView = ms(Clock::now() - t0) / (rounds * views.size());
  const auto t1 = Clock::now();
  for (int i = 0; i < rounds; ++i) renderer.renderToImage(part, "iso", 800, 600);
  const double inMemory = ms(Clock::now() - t1) / rounds;
  RenderOptions msaaOptions;
  msaaOptions.msaaSamples = 4;
  OffscreenRenderer msaa(msaaOptions);
  msaa.render(part, {"iso"}, 800, 600, dir);
  const auto t2 = Clock::now();
  for (int i = 0; i < rounds; ++i) msaa.render(part, views, 800, 600, dir);
  const double perViewMsaa = ms(Clock::now() - t2) / (rounds * views.size());
  std::cout << "GL: " << renderer.glRendererName() << "\nsetup " << setup << " ms, PNG " << perView
            << " ms/view, in-memory " << inMemory << " ms/view, PNG with MSAA 4 " << perViewMsaa
            << " ms/view (800x600)" << std::endl;
  CHECK(perView > 0);
}

TEST_CASE("saveImageFile and loadImageFile round-trip colours exactly", "[render][image]") {
  RenderedImage image;
  image.width = 3;
  image.height = 2;
  // red, green, blue / white, black, grey: a channel swap or a flip would show.
  image.rgb = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 128, 64, 32};
  const std::string path = outputDir("image-io") + "/nested/swatch.png";
  fs::remove_all(outputDir("image-io"));
  saveImageFile(image, path);  // creates the folders
  const RenderedImage back = loadImageFile(path);
  REQUIRE(back.width == 3);
  REQUIRE(back.height == 2);
  CHECK(back.rgb == image.rgb);

  CHECK_THAT(errorOf([&] { saveImageFile(RenderedImage{}, path); }), Catch::Contains("empty"));
  std::ofstream(outputDir("image-io") + "/not-an-image.png") << "hello";
  CHECK_THAT(errorOf([&] { loadImageFile(outputDir("image-io") + "/not-an-image.png"); }),
             Catch::Contains("could not read image"));
}
