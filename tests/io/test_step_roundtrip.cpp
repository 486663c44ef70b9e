#include <catch2/catch.hpp>

#include <regex>

#include <BRepPrimAPI_MakeBox.hxx>
#include <Interface_Static.hxx>
#include <Message.hxx>
#include <Message_Messenger.hxx>
#include <Message_PrinterOStream.hxx>
#include <STEPCAFControl_Controller.hxx>
#include <STEPControl_Writer.hxx>

#include "io/export_error.h"
#include "io/import_error.h"
#include "io/interface_static_guard.h"
#include "io/occt_messages.h"
#include "io/step_reader.h"
#include "io/step_writer.h"
#include "io_test_helpers.h"
#include "kernel/shape_utils.h"

using namespace partsmith;
using namespace partsmith::iotest;

namespace {

const kernel::Part* findPart(const kernel::PartList& parts, const std::string& name) {
  for (const auto& part : parts)
    if (part.name == name)
      return &part;
  return nullptr;
}

void checkSameColor(const std::optional<kernel::Color>& actual, const kernel::Color& expected) {
  REQUIRE(actual.has_value());
  CHECK(actual->r == Approx(expected.r).margin(1.0 / 255));
  CHECK(actual->g == Approx(expected.g).margin(1.0 / 255));
  CHECK(actual->b == Approx(expected.b).margin(1.0 / 255));
}

std::string writeStep(const kernel::PartList& parts, const std::string& path,
                      io::ExportOptions options = {}) {
  io::StepWriter writer(options);
  writer.transfer(parts);
  writer.writeFile(path);
  return readFile(path);
}

}  // namespace

TEST_CASE("STEP round trip keeps names, sRGB colours, volumes and millimetres", "[io][step]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  // Someone else's setting, which the writer must override for itself and then restore.
  STEPCAFControl_Controller::Init();
  const std::string schemaBefore = Interface_Static::CVal("write.step.schema");
  REQUIRE(Interface_Static::SetCVal("write.step.schema", "AP203"));
  const std::string path = dir.file("two parts.step");
  const std::string text = writeStep(parts, path);

  CHECK(text.rfind("ISO-10303-21;", 0) == 0);
  CHECK(text.find("SI_UNIT(.MILLI.,.METRE.)") != std::string::npos);
  CHECK(text.find("AUTOMOTIVE_DESIGN") != std::string::npos);  // AP214
  CHECK(text.find("PRODUCT('plate with hole'") != std::string::npos);
  CHECK(text.find("PRODUCT('pin'") != std::string::npos);
  CHECK(text.find("'Partsmith'") != std::string::npos);

  // The file holds the sRGB values themselves (Quantity_TOC_RGB would write 0.906...).
  const std::regex colour(R"(COLOUR_RGB\('[^']*',\s*([0-9.Ee+-]+),\s*([0-9.Ee+-]+),\s*([0-9.Ee+-]+)\s*\))");
  bool foundRed = false;
  for (std::sregex_iterator it(text.begin(), text.end(), colour), end; it != end; ++it)
    foundRed = foundRed || (std::abs(std::stod((*it)[1]) - 0.8) < 1e-3 &&
                            std::abs(std::stod((*it)[2]) - 0.1) < 1e-3 &&
                            std::abs(std::stod((*it)[3]) - 0.1) < 1e-3);
  CHECK(foundRed);

  const kernel::PartList read = io::StepReader().read(path);
  REQUIRE(read.size() == 2);
  for (const auto& original : parts) {
    const kernel::Part* back = findPart(read, original.name);
    REQUIRE(back != nullptr);
    checkSameColor(back->color, *original.color);
    CHECK(kernel::shapeVolume(back->shape) ==
          Approx(kernel::shapeVolume(original.shape)).epsilon(1e-6));
  }

  // Interface_Static is process-global: the writer must put back what it changed.
  CHECK(std::string(Interface_Static::CVal("write.step.schema")) == "AP203");
  Interface_Static::SetCVal("write.step.schema", schemaBefore.c_str());
}

TEST_CASE("STEP writing and reading print nothing on stdout", "[io][step]") {
  TempDir dir;
  // Put OCCT's default stdout printer back, as in a fresh process, and prove it prints.
  Message::DefaultMessenger()->AddPrinter(new Message_PrinterOStream(Message_Trace));
  const std::string proof = captureStdout(
      [] { Message::DefaultMessenger()->Send("partsmith stdout probe", Message_Info); });
  REQUIRE(proof.find("partsmith stdout probe") != std::string::npos);

  const std::string path = dir.file("quiet.step");
  const std::string printed = captureStdout([&] {
    writeStep(twoColouredParts(), path);
    io::StepReader().read(path);
  });
  CHECK(printed.empty());
  CHECK(readFile(path).size() > 1000);

  // And once silenced, it stays silent.
  const std::string after = captureStdout(
      [] { Message::DefaultMessenger()->Send("partsmith stdout probe", Message_Fail); });
  CHECK(after.empty());
}

TEST_CASE("STEP keeps names with quotes, backslashes and non-ASCII letters", "[io][step]") {
  TempDir dir;
  kernel::PartList parts = twoColouredParts();
  parts[0].name = "Gehäuse — 部品 №1";
  parts[1].name = "it's a back\\slash";
  const std::string path = dir.file("names.step");
  writeStep(parts, path, {});
  const kernel::PartList read = io::StepReader().read(path);
  REQUIRE(read.size() == 2);
  CHECK(findPart(read, "Gehäuse — 部品 №1") != nullptr);
  CHECK(findPart(read, "it's a back\\slash") != nullptr);
}

TEST_CASE("merged STEP holds all parts as one named body", "[io][step]") {
  TempDir dir;
  const kernel::PartList parts = twoColouredParts();
  io::ExportOptions options;
  options.merged = true;
  const std::string path = dir.file("merged.stp");
  writeStep(parts, path, options);

  const kernel::PartList read = io::StepReader().read(path);
  REQUIRE(read.size() == 1);
  CHECK(read[0].name == "model");
  CHECK(kernel::solidsOf(read[0].shape).size() == 2);
  CHECK(kernel::shapeVolume(read[0].shape) ==
        Approx(kernel::shapeVolume(parts[0].shape) + kernel::shapeVolume(parts[1].shape))
            .epsilon(1e-6));
}

TEST_CASE("STEP schema option", "[io][step]") {
  TempDir dir;
  kernel::PartList parts{{"block", BRepPrimAPI_MakeBox(10, 20, 30).Shape(), {}}};
  io::ExportOptions options;
  options.stepSchema = "AP203";
  CHECK(writeStep(parts, dir.file("a.step"), options).find("CONFIG_CONTROL_DESIGN") !=
        std::string::npos);
  options.stepSchema = "ap242";
  CHECK(writeStep(parts, dir.file("b.step"), options).find("AP242_MANAGED_MODEL_BASED") !=
        std::string::npos);
  options.stepSchema = "AP999";
  io::StepWriter writer(options);
  CHECK_THROWS_WITH(writer.transfer(parts),
                    Catch::Contains("unknown STEP schema 'AP999'") &&
                        Catch::Contains("AP203, AP214, AP242"));
  // A part without a colour is written without one and read back without one.
  const kernel::PartList read = io::StepReader().read(dir.file("a.step"));
  REQUIRE(read.size() == 1);
  CHECK(read[0].name == "block");
  CHECK_FALSE(read[0].color.has_value());
}

TEST_CASE("STEP reader converts metres to millimetres", "[io][step]") {
  TempDir dir;
  const std::string path = dir.file("metres.step");
  {
    io::InterfaceStaticGuard statics;
    statics.set("write.step.unit", "M");
    STEPControl_Writer writer;
    REQUIRE(writer.Transfer(BRepPrimAPI_MakeBox(10, 20, 30).Shape(), STEPControl_AsIs) ==
            IFSelect_RetDone);
    REQUIRE(writer.Write(path.c_str()) == IFSelect_RetDone);
  }
  REQUIRE(readFile(path).find("SI_UNIT($,.METRE.)") != std::string::npos);
  const kernel::PartList read = io::StepReader().read(path);
  REQUIRE(read.size() == 1);
  CHECK(kernel::shapeVolume(read[0].shape) == Approx(6000.0).epsilon(1e-6));
}

TEST_CASE("STEP reader errors name the file", "[io][step]") {
  TempDir dir;
  CHECK_THROWS_WITH(io::StepReader().read(dir.file("missing.step")),
                    Catch::Contains("cannot read ") && Catch::Contains("file does not exist"));
  std::ofstream(dir.file("junk.step")) << "this is not STEP\n";
  CHECK_THROWS_AS(io::StepReader().read(dir.file("junk.step")), io::ImportError);
}
