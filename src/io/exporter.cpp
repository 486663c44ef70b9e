#include "io/exporter.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <Standard_Failure.hxx>

#include "io/brep_writer.h"
#include "io/step_writer.h"
#include "io/stl_writer.h"
#include "io/threemf_writer.h"
#include "kernel/kernel_error.h"

namespace fs = std::filesystem;

namespace partsmith::io {
namespace {

// Checks what can be checked before any work, so the common mistakes get a precise reason.
void checkDestination(const std::string& path) {
  const fs::path target(path);
  if (target.filename().empty())
    throw ExportError(path, "the path names a directory, not a file");
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  const fs::file_status dirStatus = fs::status(dir, ec);
  if (!fs::exists(dirStatus))
    throw ExportError(path, "directory does not exist");
  if (!fs::is_directory(dirStatus))
    throw ExportError(path, dir.string() + " is not a directory");
  if (fs::is_directory(fs::status(target, ec)))
    throw ExportError(path, "the path is a directory");
  if (::access(dir.c_str(), W_OK) != 0)
    throw ExportError(path, errno == EROFS ? "read-only file system"
                                           : "no permission to write in " + dir.string());
}

// Temporary files are ".<stem>.partsmith-<pid>-<stamp>-<n>.tmp<ext>" beside the target.
constexpr const char* kTemporaryMarker = ".partsmith-";
constexpr const char* kTemporarySuffix = ".tmp";

// A fresh, empty file next to `path`: same file system, so the final rename is atomic.
std::string createTemporaryFile(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const fs::path target(path);
  const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string name = "." + target.stem().string() + kTemporaryMarker +
                             std::to_string(::getpid()) + "-" + std::to_string(stamp % 1000000) +
                             "-" + std::to_string(counter++) + kTemporarySuffix +
                             target.extension().string();
    const fs::path candidate = target.parent_path() / name;
    // 0666 minus the umask, like any file the user saves (mkstemp would force 0600).
    const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      ::close(fd);
      return candidate.string();
    }
    if (errno != EEXIST)
      throw ExportError(path, reasonFromErrno(errno));
  }
  throw ExportError(path, "could not create a temporary file next to it");
}

// Forces the data to the disk so a late "disk full" surfaces here, not after the rename.
void syncFile(const std::string& tmp, const std::string& path) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw ExportError(path, reasonFromErrno(errno));
  const bool ok = ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok && error != EINVAL)  // EINVAL: a file system without fsync support
    throw ExportError(path, reasonFromErrno(error));
}

template <typename Writer>
void transferAndWrite(Writer& writer, const kernel::PartList& parts, const std::string& path) {
  writer.transfer(parts);
  const std::string tmp = createTemporaryFile(path);
  try {
    writer.writeFile(tmp);
    std::error_code ec;
    if (fs::file_size(tmp, ec) == 0 || ec)
      throw ExportError(tmp, "the writer produced an empty file");
    syncFile(tmp, path);
    if (::rename(tmp.c_str(), path.c_str()) != 0)
      throw ExportError(tmp, reasonFromErrno(errno));
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void dispatch(const kernel::PartList& parts, const std::string& path,
              const ExportOptions& options, ExportFormat format) {
  switch (format) {
    case ExportFormat::Stl: {
      StlWriter writer(options);
      transferAndWrite(writer, parts, path);
      break;
    }
    case ExportFormat::Step: {
      StepWriter writer(options);
      transferAndWrite(writer, parts, path);
      break;
    }
    case ExportFormat::ThreeMf: {
      ThreeMfWriter writer(options);
      transferAndWrite(writer, parts, path);
      break;
    }
    case ExportFormat::Brep: {
      BrepWriter writer;
      transferAndWrite(writer, parts, path);
      break;
    }
  }
}

}  // namespace

void removeTemporaryFiles(const std::string& path, fs::file_time_type since) {
  const fs::path target(path);
  const std::string prefix = "." + target.stem().string();  // also ".<stem>-<part>"
  const std::string suffix = std::string(kTemporarySuffix) + target.extension().string();
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool temporary = name.size() > prefix.size() + suffix.size() && name.rfind(prefix, 0) == 0 &&
                           name.find(kTemporaryMarker, prefix.size()) != std::string::npos &&
                           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    std::error_code entryError;
    if (temporary && entry.is_regular_file(entryError) && entry.last_write_time(entryError) >= since && !entryError)
      fs::remove(entry.path(), entryError);
  }
}

void exportParts(const kernel::PartList& parts, const std::string& path,
                 const ExportOptions& options) {
  const ExportFormat format = formatFromPath(path);
  bool anyGeometry = false;
  for (const auto& part : parts)
    anyGeometry = anyGeometry || !part.shape.IsNull();
  if (!anyGeometry)
    throw ExportError(path, "no geometry to export");
  checkDestination(path);

  // Writers report the temporary file or no file at all; the user only knows `path`.
  try {
    dispatch(parts, path, options, format);
  } catch (const ExportError& error) {
    throw ExportError(path, error.reason());
  } catch (const kernel::KernelError& error) {
    throw ExportError(path, std::string("meshing for ") + formatName(format) +
                                " failed: " + error.what());
  } catch (const Standard_Failure& failure) {
    throw ExportError(path, std::string(formatName(format)) + " export failed: " +
                                failure.GetMessageString());
  } catch (const std::bad_alloc&) {
    throw ExportError(path, "out of memory");
  } catch (const std::exception& error) {
    throw ExportError(path, std::string(formatName(format)) + " export failed: " + error.what());
  }
}

}  // namespace partsmith::io
