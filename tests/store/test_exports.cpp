// Exports in the store: those of a generation and those of a part no generation made (the
// example, an opened file, hand-written code), listed newest first with what identifies the
// part; and the schema step that allowed the latter keeps the rows of older files.
#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/schema_migrations.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store/store_util.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;

namespace {

const char* kBracket = "const width = 40; // [20:80]\nshow(cq.Workplane('XY').box(width, 30, 5));\n";

int64_t addGeneration(Store& s, int64_t conversationId, const std::string& code) {
  NewGeneration ng;
  ng.conversationId = conversationId;
  ng.request = "a plate";
  const int64_t id = s.generations().create(ng);
  GenerationOutcome out;
  out.status = "succeeded";
  out.finalCode = code;
  s.generations().finish(id, out);
  return id;
}

}  // namespace

TEST_CASE("the exports step keeps the exports of a file from the previous schema", "[store][schema][exports]") {
  test::TempDir dir;
  const std::string path = dir.file("v6.db");
  {
    // A file as the Partsmith before this step left it, with an export of a generation.
    Database db(path, Database::OpenMode::ReadWriteCreate);
    db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;");
    REQUIRE(migrate(db, 6) == 6);
    db.exec("INSERT INTO conversations (id, uuid, title, created_at, updated_at) VALUES (3, 'c3', 'Shelf plate', 1, 1)");
    db.exec("INSERT INTO generations (id, uuid, conversation_id, request, status, final_code, created_at) "
            "VALUES (7, 'g7', 3, 'a plate', 'succeeded', 'show(cq.Workplane().box(1, 1, 1));', 2)");
    db.exec("INSERT INTO generations (id, uuid, request, status, created_at, origin) "
            "VALUES (8, 'g8', 'a workbench plate', 'succeeded', 3, 'workbench')");
    db.exec("INSERT INTO exports (id, generation_id, format, path, parameters, created_at) VALUES "
            "(1, 7, 'step', '/tmp/plate.step', '{\"values\":{\"width\":60}}', 1000), "
            "(2, 7, 'stl', '/tmp/plate.stl', NULL, 2000), "
            "(3, 8, 'png', '/tmp/render.png', NULL, 3000)");
    // Before the step, a part without a generation cannot be recorded.
    CHECK_THROWS(db.exec("INSERT INTO exports (generation_id, format, path, created_at) VALUES (NULL, 'stl', '/x', 1)"));
  }
  Store s(path, test::bareOptions());
  CHECK(s.openReport().migrationsApplied == latestSchemaVersion() - 6);
  CHECK(schemaVersion(s.db()) >= 7);
  CHECK(s.db().queryText("PRAGMA integrity_check") == "ok");
  CHECK(s.db().queryInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
  CHECK(s.db().queryInt("SELECT count(*) FROM sqlite_master WHERE name = 'exports_v7'") == 0);

  const auto old = s.feedback().exportsOf(7);
  REQUIRE(old.size() == 2);
  CHECK(old[0].id == 1);
  CHECK(old[0].format == "step");
  CHECK(old[0].path == "/tmp/plate.step");
  CHECK(old[0].parameters["values"]["width"] == 60);
  CHECK(old[0].createdMs == 1000);
  CHECK(old[0].conversationId == std::optional<int64_t>(3));  // filled in from the generation
  CHECK_FALSE(old[0].code.has_value());
  CHECK(old[1].format == "stl");
  CHECK(old[1].parameters.is_null());
  const auto workbench = s.feedback().exportsOf(8);
  REQUIRE(workbench.size() == 1);
  CHECK_FALSE(workbench[0].conversationId.has_value());
  CHECK(s.feedback().recentExports(10, int64_t(3)).size() == 2);
  CHECK(s.feedback().recentExports().size() == 3);

  // New ids continue after the old ones; the curation signal still counts the old exports.
  const int64_t next = s.feedback().recordExport(7, "3mf", "/tmp/plate.3mf");
  CHECK(next == 4);
  CHECK(s.db().queryInt("SELECT count(*) FROM exports WHERE generation_id = 7") == 3);
  // Deleting the conversation deletes its generations and so their exports, as before.
  s.conversations().remove(3);
  CHECK(s.feedback().exportsOf(7).empty());
  CHECK(s.feedback().recentExports().size() == 1);
}

TEST_CASE("a part without a generation is exported and listed with its format, path and time", "[store][exports]") {
  test::TempDir dir;
  Store s(dir.file("p.db"), test::bareOptions());
  const int64_t before = nowMs();

  // The first-start example, exported before any conversation.
  NewExport example;
  example.format = "stl";
  example.path = "/home/me/bracket.stl";
  example.code = kBracket;
  example.source = "example:mounting_bracket.js";
  example.parameters = {{"values", {{"width", 40}}}};
  const int64_t a = s.feedback().recordExport(example);

  // A script typed by hand in a conversation that has no generation yet.
  const int64_t chat = s.conversations().create("Shelf bracket").id;
  NewExport typed;
  typed.format = "step";
  typed.path = "/home/me/typed.step";
  typed.code = std::string(kBracket) + "// longer\n";
  typed.conversationId = chat;
  const int64_t b = s.feedback().recordExport(typed);

  // The same example again as 3MF: the same script hash.
  example.format = "3mf";
  example.path = "/home/me/bracket.3mf";
  const int64_t c = s.feedback().recordExport(example);

  const auto all = s.feedback().recentExports();
  REQUIRE(all.size() == 3);
  CHECK(all[0].id == c);  // newest first
  CHECK(all[1].id == b);
  CHECK(all[2].id == a);
  const ExportRecord& first = all[2];
  CHECK(first.generationId == 0);
  CHECK(first.format == "stl");
  CHECK(first.path == "/home/me/bracket.stl");
  CHECK(first.createdMs >= before);
  CHECK(first.createdMs <= nowMs());
  CHECK(first.source == "example:mounting_bracket.js");
  CHECK(first.code == std::optional<std::string>(kBracket));
  CHECK(first.codeHash == std::optional<std::string>(contentHash(kBracket)));
  CHECK(first.parameters["values"]["width"] == 40);
  CHECK_FALSE(first.conversationId.has_value());
  CHECK(all[0].codeHash == first.codeHash);
  CHECK(all[1].codeHash != first.codeHash);
  CHECK(all[1].conversationId == std::optional<int64_t>(chat));

  // A conversation lists its exports, generation or not.
  const int64_t g = addGeneration(s, chat, kBracket);
  NewExport ofGeneration;
  ofGeneration.generationId = g;
  ofGeneration.format = "js";
  ofGeneration.path = "/home/me/bracket.js";
  ofGeneration.code = kBracket;
  const int64_t d = s.feedback().recordExport(ofGeneration);
  const auto inChat = s.feedback().recentExports(10, chat);
  REQUIRE(inChat.size() == 2);
  CHECK(inChat[0].id == d);
  CHECK(inChat[0].generationId == g);
  CHECK(inChat[0].conversationId == std::optional<int64_t>(chat));  // the generation's
  CHECK(inChat[1].id == b);
  CHECK(s.feedback().recentExports(2).size() == 2);

  // Wrong input is refused in the user's terms and records nothing.
  NewExport noCode;
  noCode.format = "stl";
  noCode.path = "/home/me/x.stl";
  try {
    s.feedback().recordExport(noCode);
    FAIL("an export without a generation or a script was recorded");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Invalid);
    CHECK(std::string(e.what()).find("needs the script it exported") != std::string::npos);
  }
  NewExport gone = typed;
  gone.conversationId = 999;
  try {
    s.feedback().recordExport(gone);
    FAIL("an export of a missing conversation was recorded");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::NotFound);
    CHECK(std::string(e.what()).find("conversation 999") != std::string::npos);
  }
  NewExport badFormat = example;
  badFormat.format = "obj";
  CHECK_THROWS_AS(s.feedback().recordExport(badFormat), StoreError);
  CHECK(s.feedback().recentExports().size() == 4);

  // Deleting the conversation takes its exports with it; the example's stay.
  s.conversations().remove(chat);
  const auto left = s.feedback().recentExports();
  REQUIRE(left.size() == 2);
  CHECK(left[0].id == c);
  CHECK(left[1].id == a);
}
