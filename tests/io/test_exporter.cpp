#include <catch2/catch.hpp>

#include <csignal>

#include <sys/resource.h>

#include <BRepBuilderAPI_MakeFace.hxx>
#include <BRepPrimAPI_MakeSphere.hxx>
#include <gp_Pln.hxx>

#include "io/exporter.h"
#include "io/step_reader.h"
#include "io_test_helpers.h"
#include "kernel/mesh.h"

using namespace partsmith;
using namespace partsmith::iotest;

namespace {

std::string errorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const io::ExportError& error) {
    return error.what();
  }
  return "(no error)";
}

// Caps the size of any file this process writes, as a full disk would; writes past the cap
// fail with EFBIG instead of killing the process with SIGXFSZ.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &m_old);
    m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = m_old;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &m_old);
    std::signal(SIGXFSZ, m_oldHandler);
  }

 private:
  rlimit m_old{};
  void (*m_oldHandler)(int) = nullptr;
};

}  // namespace

TEST_CASE("formatFromPath picks the format by extension, case-insensitively", "[io][export]") {
  CHECK(io::formatFromPath("a.stl") == io::ExportFormat::Stl);
  CHECK(io::formatFromPath("/x/y/A.STL") == io::ExportFormat::Stl);
  CHECK(io::formatFromPath("a.step") == io::ExportFormat::Step);
  CHECK(io::formatFromPath("a.StP") == io::ExportFormat::Step);
  CHECK(io::formatFromPath("a.3mf") == io::ExportFormat::ThreeMf);
  CHECK(io::formatFromPath("a.3MF") == io::ExportFormat::ThreeMf);
  CHECK(io::formatFromPath("my.part.brep") == io::ExportFormat::Brep);
  CHECK(io::formatFromPath("a.BRP") == io::ExportFormat::Brep);
  CHECK(errorOf([] { io::formatFromPath("/tmp/model.obj"); }) ==
        "cannot write /tmp/model.obj: unknown file type '.obj' (supported: .stl, .step, .stp, "
        ".3mf, .brep, .brp)");
  CHECK_THAT(errorOf([] { io::formatFromPath("/tmp/model"); }),
             Catch::Contains("no extension") && Catch::Contains(".3mf"));
}

TEST_CASE("perPartPaths names one file per part safely and distinctly", "[io][export]") {
  auto named = [](std::vector<std::string> names) {
    kernel::PartList parts;
    for (auto& n : names) {
      kernel::Part p;
      p.name = n;
      parts.push_back(p);
    }
    return parts;
  };
  CHECK(io::perPartPaths(named({"only"}), "/out/box.stl") == std::vector<std::string>{"/out/box.stl"});
  CHECK(io::perPartPaths(named({"Base plate/2", "lid", "lid", "", "..hidden", "Deckel-ä"}), "/out/box.3mf") ==
        std::vector<std::string>{"/out/box-Base_plate_2.3mf", "/out/box-lid.3mf", "/out/box-lid-2.3mf",
                                 "/out/box-part4.3mf", "/out/box-__hidden.3mf", "/out/box-Deckel-ä.3mf"});
}

TEST_CASE("exportParts writes each format by extension and leaves no temporary file",
          "[io][export]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::exportParts(parts, dir.file("a.stl"));
  io::exportParts(parts, dir.file("b.STEP"));
  io::exportParts(parts, dir.file("c.stp"));
  io::exportParts(parts, dir.file("d.3mf"));
  io::exportParts(parts, dir.file("e.brep"));
  io::ExportOptions ascii;
  ascii.asciiStl = true;
  io::exportParts(parts, dir.file("f.stl"), ascii);

  size_t triangles = 0;
  for (const auto& part : parts)
    triangles += kernel::tessellate(part.shape, {}, false).triangleCount();
  CHECK(fs::file_size(dir.file("a.stl")) == 84 + 50 * triangles);
  CHECK(readFile(dir.file("b.STEP")).rfind("ISO-10303-21;", 0) == 0);
  CHECK(io::StepReader().read(dir.file("c.stp")).size() == 2);
  CHECK(readFile(dir.file("d.3mf")).rfind("PK", 0) == 0);
  CHECK(readFile(dir.file("e.brep")).find("CASCADE Topology") != std::string::npos);
  CHECK(readFile(dir.file("f.stl")).rfind("solid model", 0) == 0);

  std::vector<std::string> names = dir.entries();
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"a.stl", "b.STEP", "c.stp", "d.3mf", "e.brep",
                                          "f.stl"});
  // Exported files get the usual permissions, not a temporary file's 0600.
  CHECK((fs::status(dir.file("a.stl")).permissions() & fs::perms::owner_write) !=
        fs::perms::none);
  CHECK((fs::status(dir.file("a.stl")).permissions() & fs::perms::others_read) ==
        (fs::status(dir.path()).permissions() & fs::perms::others_read));
}

TEST_CASE("exportParts explains unusable destinations and empty input", "[io][export]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  const std::string missing = dir.file("no such dir") + "/part.step";
  CHECK(errorOf([&] { io::exportParts(parts, missing); }) ==
        "cannot write " + missing + ": directory does not exist");

  std::ofstream(dir.file("plain file")) << "x";
  CHECK_THAT(errorOf([&] { io::exportParts(parts, dir.file("plain file") + "/a.stl"); }),
             Catch::Contains("is not a directory"));
  fs::create_directory(dir.file("folder.stl"));
  CHECK_THAT(errorOf([&] { io::exportParts(parts, dir.file("folder.stl")); }),
             Catch::Contains("the path is a directory"));
  CHECK(errorOf([&] { io::exportParts(parts, dir.file("x.obj")); }) ==
        "cannot write " + dir.file("x.obj") +
            ": unknown file type '.obj' (supported: .stl, .step, .stp, .3mf, .brep, .brp)");

  CHECK(errorOf([&] { io::exportParts({}, dir.file("empty.step")); }) ==
        "cannot write " + dir.file("empty.step") + ": no geometry to export");
  CHECK_THAT(errorOf([&] { io::exportParts({{"ghost", TopoDS_Shape(), {}}}, dir.file("g.3mf")); }),
             Catch::Contains("no geometry to export"));

  if (::geteuid() != 0) {  // root ignores permissions
    fs::create_directory(dir.file("locked"));
    fs::permissions(dir.file("locked"), fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THAT(errorOf([&] { io::exportParts(parts, dir.file("locked") + "/a.stl"); }),
               Catch::Contains("no permission to write"));
    fs::permissions(dir.file("locked"), fs::perms::owner_all);
  }
  std::vector<std::string> names = dir.entries();
  std::sort(names.begin(), names.end());
  std::vector<std::string> expected{"folder.stl", "plain file"};
  if (::geteuid() != 0)
    expected.insert(expected.begin() + 1, "locked");
  CHECK(names == expected);
}

TEST_CASE("a failed export leaves neither a half-written file nor a clobbered one",
          "[io][export]") {
  TempDir dir;
  kernel::PartList parts = twoColouredParts();
  parts.push_back({"ball", BRepPrimAPI_MakeSphere(gp_Pnt(0, 60, 10), 10).Shape(), {}});

  for (const std::string name : {"out.stl", "out.step", "out.3mf", "out.brep"}) {
    INFO(name);
    const std::string path = dir.file(name);
    std::ofstream(path) << "previous version";
    std::string error;
    {
      FileSizeLimit limit(2048);  // every format needs more than 2 KiB here
      error = errorOf([&] { io::exportParts(parts, path); });
    }
    CHECK(error == "cannot write " + path + ": file too large (file size limit reached)");
    CHECK(readFile(path) == "previous version");
  }

  // A part that fails validation before anything is written.
  parts.push_back({"sheet", BRepBuilderAPI_MakeFace(gp_Pln(gp::XOY()), 0, 5, 0, 5).Shape(), {}});
  CHECK_THAT(errorOf([&] { io::exportParts(parts, dir.file("open.3mf")); }),
             Catch::Contains("part 'sheet' is not a closed"));

  std::vector<std::string> names = dir.entries();
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"out.3mf", "out.brep", "out.step", "out.stl"});
}
