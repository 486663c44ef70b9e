#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;

namespace {

Message say(ConversationRepository& repo, int64_t conversation, const std::string& role, const std::string& text,
            std::optional<int64_t> parent = std::nullopt) {
  NewMessage m;
  m.role = role;
  m.content = text;
  m.parentId = parent;
  return repo.appendMessage(conversation, m);
}

std::vector<std::string> texts(const std::vector<Message>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages) out.push_back(m.content);
  return out;
}

}  // namespace

TEST_CASE("messages chain to the current leaf; retries and edits branch", "[store][conversations]") {
  test::TempDir dir;
  Store s(dir.file("c.db"), test::bareOptions());
  auto& repo = s.conversations();
  Conversation c = repo.create("Pipe bracket");
  Message q1 = say(repo, c.id, "user", "a bracket for a 25 mm pipe");
  Message a1 = say(repo, c.id, "assistant", "here is a bracket");
  Message q2 = say(repo, c.id, "user", "add two M4 holes");
  Message a2 = say(repo, c.id, "assistant", "holes added");
  CHECK(a1.parentId == q1.id);
  CHECK(q2.parentId == a1.id);
  CHECK(repo.get(c.id).currentLeafId == a2.id);

  // Retry of the last answer: a sibling under the same question.
  Message a2b = say(repo, c.id, "assistant", "holes added, countersunk", q2.id);
  CHECK(a2b.parentId == q2.id);
  CHECK(texts(repo.activeBranch(c.id)) ==
        std::vector<std::string>{"a bracket for a 25 mm pipe", "here is a bracket", "add two M4 holes",
                                 "holes added, countersunk"});

  // Edit of the second question: a new branch from the first answer.
  Message q2e = repo.editMessage(q2.id, "add three M3 holes");
  CHECK(q2e.parentId == a1.id);
  CHECK(q2e.role == "user");
  CHECK(texts(repo.activeBranch(c.id)).back() == "add three M3 holes");

  ConversationView view = repo.open(c.id);
  CHECK(view.messages.size() == 6);
  CHECK(view.activePath == std::vector<int64_t>{q1.id, a1.id, q2e.id});
  CHECK(view.siblingsOf(q2e.id) == std::vector<int64_t>{q2.id, q2e.id});
  CHECK(view.siblingsOf(a2.id) == std::vector<int64_t>{a2.id, a2b.id});

  // Back to the old branch: its newest leaf is shown.
  repo.selectBranch(q2.id);
  CHECK(repo.get(c.id).currentLeafId == a2b.id);
  repo.selectBranch(a2.id);
  CHECK(repo.open(c.id).activePath == std::vector<int64_t>{q1.id, a1.id, q2.id, a2.id});

  // Editing the very first message starts a second root.
  Message q1e = repo.editMessage(q1.id, "a bracket for a 32 mm pipe");
  CHECK_FALSE(q1e.parentId);
  CHECK(repo.activeBranch(c.id).size() == 1);

  // Deleting a branch that holds the leaf moves the leaf to the branch's parent.
  repo.selectBranch(q2.id);
  repo.removeBranch(q2.id);
  CHECK(repo.get(c.id).currentLeafId == a1.id);
  CHECK(repo.open(c.id).messages.size() == 4);
  CHECK(s.db().queryInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE("a parent from another conversation or an unknown role is refused", "[store][conversations]") {
  test::TempDir dir;
  Store s(dir.file("c.db"), test::bareOptions());
  auto& repo = s.conversations();
  auto one = repo.create("one");
  auto two = repo.create("two");
  Message m = say(repo, one.id, "user", "hello");
  try {
    say(repo, two.id, "user", "reply", m.id);
    FAIL("accepted a foreign parent");
  } catch (const StoreError& e) {
    CHECK(e.kind() == StoreError::Kind::Invalid);
    CHECK(std::string(e.what()).find("another conversation") != std::string::npos);
  }
  CHECK_THROWS_AS(say(repo, one.id, "robot", "x"), StoreError);
  CHECK_THROWS_AS(say(repo, 9999, "user", "x"), StoreError);
  // Nothing of the refused writes is left behind.
  CHECK(s.db().queryInt("SELECT count(*) FROM messages") == 1);
  CHECK(repo.get(two.id).currentLeafId == std::nullopt);
}

TEST_CASE("recent conversations list newest first, without archived ones", "[store][conversations]") {
  test::TempDir dir;
  Store s(dir.file("c.db"), test::bareOptions());
  auto& repo = s.conversations();
  auto a = repo.create("first");
  auto b = repo.create("second");
  auto c = repo.create("third");
  say(repo, a.id, "user", "a later message makes this one the most recent");
  // updated_at has millisecond resolution; make the order unambiguous.
  s.db().exec("UPDATE conversations SET updated_at = updated_at + 1000 WHERE id = " + std::to_string(a.id));
  auto list = repo.listRecent(10);
  REQUIRE(list.size() == 3);
  CHECK(list[0].conversation.id == a.id);
  CHECK(list[0].messageCount == 1);
  CHECK(list[0].preview == "a later message makes this one the most recent");
  repo.setArchived(b.id, true);
  CHECK(repo.listRecent(10).size() == 2);
  CHECK(repo.listRecent(10, 0, true).size() == 3);
  CHECK(repo.listRecent(1, 1).at(0).conversation.id == c.id);
  repo.rename(c.id, "renamed");
  CHECK(repo.get(c.id).title == "renamed");
  repo.remove(a.id);
  CHECK(repo.count() == 2);
  CHECK(s.db().queryInt("SELECT count(*) FROM messages") == 0);
  CHECK_THROWS_AS(repo.get(a.id), StoreError);
}

TEST_CASE("full-text search finds titles and messages", "[store][conversations][search]") {
  test::TempDir dir;
  Store s(dir.file("c.db"), test::bareOptions());
  auto& repo = s.conversations();
  auto gears = repo.create("Spur gear for the clock");
  say(repo, gears.id, "user", "a spur gear with 24 teeth, module 1, on a 5 mm shaft");
  say(repo, gears.id, "assistant", "Here is the gear; the bore has a D-flat.");
  auto box = repo.create("Storage box");
  say(repo, box.id, "user", "a stackable box with rounded corners");

  auto hits = repo.search("gear");
  REQUIRE(hits.size() == 3);
  CHECK_FALSE(hits[0].messageId);  // the title first
  CHECK(hits[0].conversationId == gears.id);
  CHECK(hits[1].snippet.find("[gear]") != std::string::npos);
  // Every word must occur; the last one is a prefix (search as you type).
  CHECK(repo.search("spur teeth").size() == 1);
  CHECK(repo.search("stack").size() == 1);
  CHECK(repo.search("gear corners").empty());
  // Query syntax in the text is just text.
  CHECK_NOTHROW(repo.search("NOT AND \"(gear"));
  CHECK(repo.search("   ").empty());
  // Edits and deletions keep the index in step.
  repo.remove(box.id);
  CHECK(repo.search("stackable").empty());
  repo.setArchived(gears.id, true);
  CHECK(repo.search("gear", 50, false).empty());
}
