// Shared fixtures for the io tests: a scratch directory, test parts built with OCCT
// directly, and a way to see what a call prints on file descriptor 1.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <BRepAlgoAPI_Cut.hxx>
#include <BRepPrimAPI_MakeBox.hxx>
#include <BRepPrimAPI_MakeCylinder.hxx>
#include <gp_Ax2.hxx>

#include "kernel/part.h"

namespace partsmith::iotest {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    m_path = fs::temp_directory_path() /
             ("partsmith-io-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
              std::to_string(counter++));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (m_path / name).string(); }
  const fs::path& path() const { return m_path; }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_path))
      names.push_back(entry.path().filename().string());
    return names;
  }

 private:
  fs::path m_path;
};

// 40 x 30 x 10 mm plate with a through hole of radius 5 at its centre.
inline TopoDS_Shape plateWithHole() {
  const TopoDS_Shape box = BRepPrimAPI_MakeBox(40, 30, 10).Shape();
  const TopoDS_Shape hole =
      BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(20, 15, -1), gp::DZ()), 5, 12).Shape();
  BRepAlgoAPI_Cut cut(box, hole);
  cut.Build();
  return cut.Shape();
}

// A cylinder of radius 6 and height 20 standing beside the plate.
inline TopoDS_Shape cylinder() {
  return BRepPrimAPI_MakeCylinder(gp_Ax2(gp_Pnt(60, 15, 0), gp::DZ()), 6, 20).Shape();
}

inline kernel::PartList twoColouredParts() {
  kernel::PartList parts;
  parts.push_back({"plate with hole", plateWithHole(), kernel::Color{0.8, 0.1, 0.1, 1.0}});
  parts.push_back({"pin", cylinder(), kernel::Color{0.2, 0.4, 0.9, 1.0}});
  return parts;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs `fn` with file descriptor 1 redirected to a file and returns what reached it.
// Catches output from C stdio, std::cout and raw write(1, ...) alike.
inline std::string captureStdout(const std::function<void()>& fn) {
  std::cout.flush();
  std::fflush(stdout);
  char name[] = "/tmp/partsmith-io-stdout-XXXXXX";
  const int capture = ::mkstemp(name);
  const int saved = ::dup(1);
  ::dup2(capture, 1);
  std::exception_ptr failure;
  try {
    fn();
  } catch (...) {
    failure = std::current_exception();
  }
  std::cout.flush();
  std::fflush(stdout);
  ::dup2(saved, 1);
  ::close(saved);
  ::close(capture);
  std::string text = readFile(name);
  ::unlink(name);
  if (failure)
    std::rethrow_exception(failure);
  return text;
}

}  // namespace partsmith::iotest
