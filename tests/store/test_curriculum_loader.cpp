// Loading the curriculum into real SQLite files: the shipped file once (user edits survive),
// the user's own JSONL and CSV files, and bad rows that import nothing.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "store/curriculum_loader.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;

namespace {

std::string shippedPath() { return test::sourceDir() + "/resources/curriculum/curriculum.jsonl"; }

std::string write(const test::TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir.file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string importError(CurriculumLoader& loader, const std::string& path) {
  try {
    loader.importFile(path);
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Invalid);
    return e.what();
  }
  FAIL("importing " << path << " did not fail");
  return {};
}

const WorkbenchPrompt* findText(const std::vector<WorkbenchPrompt>& prompts, const std::string& text) {
  for (const auto& p : prompts)
    if (p.text == text) return &p;
  return nullptr;
}

}  // namespace

TEST_CASE("the shipped curriculum loads once and the user's edits survive re-imports", "[curriculum][store]") {
  test::TempDir dir;
  const size_t shipped = readCurriculumFile(shippedPath()).size();
  const std::string db = dir.file("wb.db");
  int64_t editedId = 0, archivedId = 0;
  std::string editedOriginal;
  {
    Store s(db, test::bareOptions());
    CurriculumLoader loader(s);
    CurriculumImportReport first = loader.ensureShipped(shippedPath());
    CHECK(first.added == static_cast<int>(shipped));
    CHECK(first.promptIds.size() == shipped);
    auto prompts = s.workbench().prompts();
    REQUIRE(prompts.size() == shipped);
    for (const auto& p : prompts) CHECK(p.source == "curriculum");
    CHECK(s.workbench().prompts(std::string("pcb-cases")).size() >= 20);

    CurriculumImportReport again = loader.ensureShipped(shippedPath());  // same file: nothing to do
    CHECK(again.added == 0);
    CHECK(again.existing == 0);
    CurriculumImportReport forced = loader.importShipped(shippedPath());
    CHECK(forced.added == 0);
    CHECK(forced.existing == static_cast<int>(shipped));
    CHECK(s.workbench().prompts().size() == shipped);

    // The user rewrites one prompt and archives another.
    WorkbenchPrompt edited = s.workbench().prompt(prompts[3].id);
    editedId = edited.id;
    editedOriginal = edited.text;
    edited.text = "My own wording: " + edited.text;
    edited.complexity = 3;
    s.workbench().updatePrompt(edited);
    archivedId = prompts[10].id;
    s.workbench().archivePrompt(archivedId, true);
  }
  {
    // Reopened (a new session of the app), the file imported again: the user's versions stand.
    Store s(db, test::bareOptions());
    CurriculumLoader loader(s);
    CHECK(loader.ensureShipped(shippedPath()).added == 0);
    CurriculumImportReport r = loader.importShipped(shippedPath());
    CHECK(r.added == 0);
    CHECK(r.retired == 1);  // the edited one is not brought back under its old text
    CHECK(r.existing == static_cast<int>(shipped) - 1);
    auto all = s.workbench().prompts(std::nullopt, true);
    CHECK(all.size() == shipped);
    CHECK(findText(all, editedOriginal) == nullptr);
    CHECK(s.workbench().prompt(editedId).text == "My own wording: " + editedOriginal);
    CHECK(s.workbench().prompt(editedId).complexity == 3);
    CHECK(s.workbench().prompt(archivedId).archived);
    CHECK(s.workbench().prompts().size() == shipped - 1);

    // A newer curriculum adds only its new prompt.
    std::ifstream in(shippedPath(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text += "{\"category\": \"primitives\", \"complexity\": 1, \"prompt\": \"A golf-ball sized sphere.\"}\n";
    const std::string newer = write(dir, "curriculum-v2.jsonl", text);
    CurriculumImportReport update = loader.ensureShipped(newer);
    CHECK(update.added == 1);
    CHECK(update.retired == 1);
    CHECK(s.workbench().prompts(std::nullopt, true).size() == shipped + 1);
    CHECK(loader.ensureShipped(newer).added == 0);
  }
}

TEST_CASE("a missing shipped curriculum leaves the workbench empty; importing it names the file", "[curriculum][store]") {
  test::TempDir dir;
  Store s(dir.file("wb.db"), test::bareOptions());
  CurriculumLoader loader(s);
  CurriculumImportReport r = loader.ensureShipped(dir.file("nowhere.jsonl"));
  CHECK(r.added == 0);
  CHECK(s.workbench().prompts().empty());
  CHECK_THROWS_WITH(loader.importShipped(dir.file("nowhere.jsonl")), Catch::Contains("nowhere.jsonl does not exist"));
  CHECK_THROWS_WITH(loader.importFile(dir.file("mine.csv")), Catch::Contains("mine.csv does not exist"));
}

TEST_CASE("users import their own prompts from CSV and JSONL, again and again", "[curriculum][store]") {
  test::TempDir dir;
  Store s(dir.file("wb.db"), test::bareOptions());
  CurriculumLoader loader(s);
  // A spreadsheet export: BOM, CRLF, header in another order, quoted commas and quotes, a line
  // break inside a quoted prompt, a title-case category and blank lines.
  const std::string csv = write(dir, "mine.csv",
                                "\xEF\xBB\xBF" "complexity,category,prompt\r\n"
                                "6,Brackets and mounts,\"A hook for my bike, 30 mm wide\"\r\n"
                                "\r\n"
                                "2,boolean_operations,\"A 2\"\" cube with a 1/2\"\" hole\"\r\n"
                                "9,garden,\"A planter box\nwith a drainage tray\"\r\n");
  CurriculumImportReport r = loader.importFile(csv);
  CHECK(r.added == 3);
  CHECK(r.existing == 0);
  auto prompts = s.workbench().prompts();
  REQUIRE(prompts.size() == 3);
  const WorkbenchPrompt* hook = findText(prompts, "A hook for my bike, 30 mm wide");
  REQUIRE(hook);
  CHECK(hook->category == "brackets-and-mounts");
  CHECK(hook->complexity == 6);
  CHECK(hook->source == "imported");
  const WorkbenchPrompt* cube = findText(prompts, "A 2\" cube with a 1/2\" hole");
  REQUIRE(cube);
  CHECK(cube->category == "boolean-operations");
  const WorkbenchPrompt* planter = findText(prompts, "A planter box\nwith a drainage tray");
  REQUIRE(planter);
  CHECK(planter->category == "garden");  // the user's own category stays as typed

  CurriculumImportReport again = loader.importFile(csv);
  CHECK(again.added == 0);
  CHECK(again.existing == 3);
  CHECK(s.workbench().prompts().size() == 3);

  // Headerless CSV and JSONL (complexity as a number or as text) add to the same table.
  const std::string plain = write(dir, "plain.txt", "primitives, 1, A tiny cube\nPCB cases,10,\"A case for my board\"\n");
  CHECK(loader.importFile(plain).added == 2);
  const std::string jsonl =
      write(dir, "mine.jsonl",
            "{\"category\": \"pcb-cases\", \"complexity\": 10, \"prompt\": \"A case for my board\"}\n"
            "\n"
            "{\"category\": \"primitives\", \"complexity\": \"2\", \"prompt\": \"  A pyramid \", \"tags\": [\"vague\"]}\n");
  CurriculumImportReport j = loader.importFile(jsonl);
  CHECK(j.added == 1);
  CHECK(j.existing == 1);
  auto primitives = s.workbench().prompts(std::string("primitives"));
  REQUIRE(primitives.size() == 2);
  CHECK(findText(primitives, "A pyramid"));
  CHECK(findText(primitives, "A pyramid")->complexity == 2);
  CHECK(findText(primitives, "A tiny cube"));
  const auto parsed = readCurriculumFile(jsonl);
  REQUIRE(parsed.size() == 2);
  CHECK(parsed[1].line == 3);
  CHECK(parsed[1].tags == std::vector<std::string>{"vague"});
}

TEST_CASE("a file with bad rows imports nothing and names every bad line", "[curriculum][store]") {
  test::TempDir dir;
  Store s(dir.file("wb.db"), test::bareOptions());
  CurriculumLoader loader(s);

  const std::string csv = write(dir, "bad.csv",
                                "category,complexity,prompt\n"
                                "primitives,1,A good cube\n"
                                "primitives,11,Too hard a cube\n"
                                "primitives,2,\n"
                                "primitives,2,A cube, with a comma\n"
                                ",3,No category\n"
                                "primitives,high,A cube\n");
  std::string message = importError(loader, csv);
  CHECK_THAT(message, Catch::Contains("5 bad rows, nothing was imported"));
  CHECK_THAT(message, Catch::Contains("line 3: complexity must be a whole number from 1 to 10, not \"11\""));
  CHECK_THAT(message, Catch::Contains("line 4: the prompt is empty"));
  CHECK_THAT(message, Catch::Contains("line 5: 4 columns, expected 3 (put a prompt that contains commas in double quotes)"));
  CHECK_THAT(message, Catch::Contains("line 6: the category is empty"));
  CHECK_THAT(message, Catch::Contains("line 7: complexity must be a whole number from 1 to 10, not \"high\""));
  CHECK_THAT(message, Catch::Contains("bad.csv"));
  CHECK_THAT(message, !Catch::Contains("line 2"));
  CHECK(s.workbench().prompts().empty());  // not even the good first row

  const std::string jsonl = write(dir, "bad.jsonl",
                                  "{\"category\": \"primitives\", \"complexity\": 1, \"prompt\": \"A good cube\"}\n"
                                  "{\"category\": \"primitives\", \"complexity\": 1, \"prompt\": \"unclosed\"\n"
                                  "{\"complexity\": 1, \"prompt\": \"No category\"}\n"
                                  "{\"category\": \"primitives\", \"complexity\": 0, \"prompt\": 42}\n"
                                  "{\"category\": \"primitives\", \"complexity\": 2.5, \"prompt\": \"x\", \"tags\": \"a\"}\n");
  message = importError(loader, jsonl);
  CHECK_THAT(message, Catch::Contains("line 2: not a JSON object"));
  CHECK_THAT(message, Catch::Contains("line 3: \"category\" is missing"));
  CHECK_THAT(message, Catch::Contains("line 4: \"prompt\" must be text, not 42"));
  CHECK_THAT(message, Catch::Contains("line 4: complexity must be a whole number from 1 to 10, not 0"));
  CHECK_THAT(message, Catch::Contains("line 5: \"tags\" must be a list of text labels"));
  CHECK_THAT(message, Catch::Contains("line 5: complexity must be a whole number from 1 to 10, not 2.5"));
  CHECK(s.workbench().prompts().empty());

  CHECK_THAT(importError(loader, write(dir, "open.csv", "primitives,1,A cube\nprimitives,1,\"never closed\n")),
             Catch::Contains("line 2: a quoted field is never closed"));
  CHECK_THAT(importError(loader, write(dir, "header.csv", "category,level,prompt\nprimitives,1,A cube\n")),
             Catch::Contains("line 1: the header has no \"complexity\" column"));
  CHECK(s.workbench().prompts().empty());

  // Many bad rows: the first 20 are listed, the rest counted.
  std::string many;
  for (int i = 0; i < 30; ++i) many += "primitives,0,cube " + std::to_string(i) + "\n";
  message = importError(loader, write(dir, "many.csv", many));
  CHECK_THAT(message, Catch::Contains("30 bad rows"));
  CHECK_THAT(message, Catch::Contains("line 20:"));
  CHECK_THAT(message, !Catch::Contains("line 21:"));
  CHECK_THAT(message, Catch::Contains("and 10 more"));
}

TEST_CASE("categories typed by users map to the ladder's ids", "[curriculum]") {
  CHECK(canonicalCategory("PCB cases") == "pcb-cases");
  CHECK(canonicalCategory(" snap_fits_and_hinges ") == "snap-fits-and-hinges");
  CHECK(canonicalCategory("Revolve, loft and sweep") == "revolve-loft-sweep");
  CHECK(canonicalCategory("Organisers and containers") == "organisers-and-containers");
  CHECK(canonicalCategory("My Jigs") == "My Jigs");
  CHECK(canonicalCategory("") == "");
}

TEST_CASE("PARTSMITH_CURRICULUM overrides the shipped curriculum path", "[curriculum]") {
  const char* before = std::getenv("PARTSMITH_CURRICULUM");
  const std::string saved = before ? before : "";
  setenv("PARTSMITH_CURRICULUM", "/tmp/elsewhere/prompts.jsonl", 1);
  CHECK(defaultCurriculumPath() == "/tmp/elsewhere/prompts.jsonl");
  unsetenv("PARTSMITH_CURRICULUM");
  CHECK(defaultCurriculumPath() == shippedPath());
  if (before) setenv("PARTSMITH_CURRICULUM", saved.c_str(), 1);
}
