// `partsmith-cli workbench list | add | import` on a real database file, run as a child process.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "test_paths.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

struct Output {
  int status = -1;
  std::string out;  // stdout, or stdout and stderr together with `withErrors`
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Output workbench(const fs::path& db, const std::string& args, bool withErrors = false) {
  const std::string command = partsmith::test::cliExecutable() + " --db " + quote(db.string()) + " workbench " +
                              args + (withErrors ? " 2>&1" : " 2>/dev/null");
  Output r;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

fs::path scratch(const std::string& name) {
  fs::path dir = fs::path(partsmith::test::binaryDir()) / "test-output" / "cli-workbench" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

size_t shippedCount() {
  std::ifstream in(partsmith::test::sourceDir() + "/resources/curriculum/curriculum.jsonl");
  size_t n = 0;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) ++n;
  return n;
}

json listJson(const fs::path& db, const std::string& extra = {}) {
  Output r = workbench(db, "list --json " + extra);
  REQUIRE(r.status == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("workbench loads the shipped curriculum on first use and lists it", "[cli][workbench]") {
  const fs::path db = scratch("list") / "wb.db";
  Output first = workbench(db, "list --json", true);
  REQUIRE(first.status == 0);
  CHECK_THAT(first.out, Catch::Contains("curriculum prompts from"));  // the note on stderr, once
  const json all = listJson(db);
  REQUIRE(all.is_array());
  CHECK(all.size() == shippedCount());
  std::set<std::string> categories;
  for (const auto& p : all) {
    categories.insert(p["category"].get<std::string>());
    CHECK(p["source"] == "curriculum");
    CHECK(!p["prompt"].get<std::string>().empty());
  }
  CHECK(categories.size() == 11);
  CHECK(workbench(db, "list", true).out.find("curriculum prompts from") == std::string::npos);  // not again

  const json pcb = listJson(db, "--category pcb-cases");
  CHECK(pcb.size() >= 20);
  for (const auto& p : pcb) CHECK(p["category"] == "pcb-cases");
  Output text = workbench(db, "list --category 'PCB cases'");
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains(std::to_string(pcb.size()) + " prompts in 1 category"));
  CHECK_THAT(text.out, Catch::Contains("Raspberry Pi"));

  Output unknown = workbench(db, "list --category teapots", true);
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.out, Catch::Contains("there is no category 'teapots'"));
  CHECK_THAT(unknown.out, Catch::Contains("primitives"));
}

TEST_CASE("workbench add and import put the user's prompts beside the curriculum", "[cli][workbench]") {
  const fs::path dir = scratch("add-import");
  const fs::path db = dir / "wb.db";
  const size_t shipped = shippedCount();

  Output added = workbench(db, "add --category 'Brackets and mounts' --complexity 6 'A hook for my bike, 30 mm wide'");
  REQUIRE(added.status == 0);
  CHECK_THAT(added.out, Catch::Contains("added prompt"));
  CHECK_THAT(added.out, Catch::Contains("brackets-and-mounts, complexity 6"));
  Output again = workbench(db, "add --category brackets-and-mounts --complexity 6 'A hook for my bike, 30 mm wide'");
  CHECK(again.status == 0);
  CHECK_THAT(again.out, Catch::Contains("already in the workbench"));
  json brackets = listJson(db, "--category brackets-and-mounts");
  int mine = 0;
  for (const auto& p : brackets)
    if (p["prompt"] == "A hook for my bike, 30 mm wide") {
      ++mine;
      CHECK(p["source"] == "user");
      CHECK(p["complexity"] == 6);
    }
  CHECK(mine == 1);
  CHECK(listJson(db).size() == shipped + 1);

  CHECK(workbench(db, "add --category primitives --complexity 11 'A cube'").status == 2);
  CHECK(workbench(db, "add --category primitives --complexity two 'A cube'").status == 2);
  CHECK(workbench(db, "add --complexity 1 'A cube'").status == 2);
  CHECK(workbench(db, "add --category primitives 'A cube'").status == 2);
  CHECK(workbench(db, "add --category primitives --complexity 1").status == 2);
  CHECK(workbench(db, "add --category primitives --complexity 1 '   '").status == 2);

  const fs::path csv = dir / "mine.csv";
  std::ofstream(csv) << "category,complexity,prompt\n"
                        "organisers-and-containers,7,\"A tray for my SD cards, 12 slots\"\n"
                        "my jigs,4,A drilling jig for 20 mm dowels\n";
  Output imported = workbench(db, "import " + quote(csv.string()));
  REQUIRE(imported.status == 0);
  CHECK_THAT(imported.out, Catch::Contains("2 added, 0 already in the workbench"));
  CHECK_THAT(workbench(db, "import " + quote(csv.string())).out, Catch::Contains("0 added, 2 already in the workbench"));
  const json jigs = listJson(db, "--category 'my jigs'");
  REQUIRE(jigs.size() == 1);
  CHECK(jigs[0]["source"] == "imported");
  CHECK(listJson(db).size() == shipped + 3);

  const fs::path bad = dir / "bad.csv";
  std::ofstream(bad) << "primitives,1,A fine cube\nprimitives,12,A cube too far\n";
  Output rejected = workbench(db, "import " + quote(bad.string()), true);
  CHECK(rejected.status == 1);
  CHECK_THAT(rejected.out, Catch::Contains("line 2: complexity must be a whole number from 1 to 10"));
  CHECK_THAT(rejected.out, Catch::Contains("nothing was imported"));
  CHECK(listJson(db).size() == shipped + 3);

  Output missing = workbench(db, "import " + quote((dir / "nope.jsonl").string()), true);
  CHECK(missing.status == 1);
  CHECK_THAT(missing.out, Catch::Contains("nope.jsonl does not exist"));
  CHECK(workbench(db, "import").status == 2);
  CHECK(workbench(db, "import a.csv b.csv").status == 2);
}

TEST_CASE("workbench answers unknown subcommands with its usage", "[cli][workbench]") {
  const fs::path db = scratch("usage") / "wb.db";
  Output unknown = workbench(db, "frobnicate", true);
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.out, Catch::Contains("unknown subcommand 'frobnicate'"));
  CHECK_THAT(unknown.out, Catch::Contains("usage: partsmith-cli workbench"));
  CHECK(workbench(db, "").status == 2);
  Output help = workbench(db, "--help");
  CHECK(help.status == 0);
  for (const char* sub : {"list [--category C] [--json]", "add --category C --complexity N", "import FILE"})
    CHECK_THAT(help.out, Catch::Contains(sub));
  CHECK(workbench(db, "list --bogus").status == 2);
  CHECK(!fs::exists(db));  // usage errors never create the database
}

TEST_CASE("workbench edit changes and archives a prompt, and re-imports do not undo it", "[cli][workbench]") {
  const fs::path db = scratch("edit") / "wb.db";
  const json before = listJson(db, "--category primitives");
  REQUIRE(!before.empty());
  const int id = before[0]["id"].get<int>();
  const std::string original = before[0]["prompt"];

  Output edited = workbench(db, "edit " + std::to_string(id) + " --text 'A 30 mm cube with every edge rounded by 2 mm' "
                                    "--category 'Fillets and chamfers' --complexity 5");
  REQUIRE(edited.status == 0);
  CHECK_THAT(edited.out, Catch::Contains("fillets-and-chamfers, complexity 5"));
  bool found = false;
  for (const auto& p : listJson(db, "--category fillets-and-chamfers"))
    if (p["id"] == id) {
      found = true;
      CHECK(p["prompt"] == "A 30 mm cube with every edge rounded by 2 mm");
      CHECK(p["complexity"] == 5);
    }
  CHECK(found);
  // The shipped text does not come back on the next use.
  for (const auto& p : listJson(db, "--category primitives")) CHECK(p["prompt"] != original);

  REQUIRE(workbench(db, "edit " + std::to_string(id) + " --archive").status == 0);
  for (const auto& p : listJson(db)) CHECK(p["id"] != id);  // archived prompts are not listed
  REQUIRE(workbench(db, "edit " + std::to_string(id) + " --unarchive").status == 0);
  bool back = false;
  for (const auto& p : listJson(db)) back = back || p["id"] == id;
  CHECK(back);

  Output nothing = workbench(db, "edit " + std::to_string(id), true);
  CHECK(nothing.status == 2);
  CHECK_THAT(nothing.out, Catch::Contains("needs something to change"));
  Output badId = workbench(db, "edit seven --complexity 3", true);
  CHECK(badId.status == 2);
  CHECK_THAT(badId.out, Catch::Contains("positive whole number"));
  Output badComplexity = workbench(db, "edit " + std::to_string(id) + " --complexity 11", true);
  CHECK(badComplexity.status == 2);
  Output missing = workbench(db, "edit 999999 --complexity 3", true);
  CHECK(missing.status == 1);
  CHECK_THAT(missing.out, Catch::Contains("999999"));
}
