// Crash and concurrency proofs with real processes: writers are forked children that use
// their own connections (SQLite connections never cross fork()).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <cstdio>
#include <random>
#include <thread>

#include "store/database.h"
#include "store/store.h"
#include "store/store_error.h"
#include "store_test_support.h"

using namespace partsmith;
using namespace partsmith::store;

namespace {

struct Committed {
  int64_t messageId;
  int32_t child;
  int32_t index;
};

std::string contentFor(int child, int index) {
  return "child " + std::to_string(child) + " message " + std::to_string(index) + " " + std::string(index % 50, '.');
}

// The child: writes conversations forever, reporting each message after its commit returned.
[[noreturn]] void writerLoop(const std::string& path, int child, int reportFd) {
  try {
    Store s(path, test::bareOptions());
    int64_t conversation = 0;
    for (int i = 0;; ++i) {
      if (i % 5 == 0) conversation = s.conversations().create("child " + std::to_string(child) + " chat " + std::to_string(i)).id;
      NewMessage m;
      m.role = i % 2 ? "assistant" : "user";
      m.content = contentFor(child, i);
      Message saved = s.conversations().appendMessage(conversation, m);
      Committed record{saved.id, child, i};
      if (write(reportFd, &record, sizeof record) != sizeof record) _exit(3);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "writer %d failed: %s\n", child, e.what());
    _exit(2);
  }
}

std::vector<Committed> drain(int fd) {
  std::vector<Committed> out;
  Committed record{};
  ssize_t n;
  while ((n = read(fd, &record, sizeof record)) == sizeof record) out.push_back(record);
  return out;
}

}  // namespace

TEST_CASE("SIGKILL at random points never loses a committed message nor corrupts the file", "[store][durability]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<int> delayUs(0, 60000);
  const int kills = 30;
  size_t totalCommitted = 0;
  int killedBeforeFirstCommit = 0;
  for (int round = 0; round < kills; ++round) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      close(fds[0]);
      writerLoop(path, round, fds[1]);
    }
    close(fds[1]);
    std::vector<Committed> committed;
    if (round < 3) {
      // The first rounds die early: inside schema creation and the first commits.
      usleep(static_cast<useconds_t>(round * 700));
    } else {
      // Later rounds die at a random point after the writer got going, however slow the
      // machine is (fsync per commit under load).
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, 10000) == 1) {
        Committed first{};
        if (read(fds[0], &first, sizeof first) == sizeof first) committed.push_back(first);
      }
      usleep(static_cast<useconds_t>(delayUs(rng)));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    INFO("round " << round);
    REQUIRE(WIFSIGNALED(status));  // it was writing, not failing, when killed
    for (const auto& c : drain(fds[0])) committed.push_back(c);
    close(fds[0]);
    if (committed.empty()) ++killedBeforeFirstCommit;
    totalCommitted += committed.size();

    Store check(path, test::bareOptions());
    REQUIRE(check.db().queryText("PRAGMA integrity_check") == "ok");
    REQUIRE(check.db().queryInt("SELECT count(*) FROM pragma_foreign_key_check") == 0);
    Statement st(check.db(), "SELECT content FROM messages WHERE id = ?");
    for (const auto& c : committed) {
      st.reset();
      st.bind(1, c.messageId);
      REQUIRE(st.step());
      REQUIRE(st.getText(0) == contentFor(c.child, c.index));
    }
  }
  Store s(path, test::bareOptions());
  // At most one uncommitted message per kill can be in the file beyond what was reported.
  const int64_t stored = s.db().queryInt("SELECT count(*) FROM messages");
  CHECK(stored >= static_cast<int64_t>(totalCommitted));
  CHECK(stored <= static_cast<int64_t>(totalCommitted) + kills);
  CHECK(totalCommitted >= static_cast<size_t>(kills - 3));  // the kills landed mid-stream
  WARN(kills << " kills, " << totalCommitted << " committed messages verified, " << killedBeforeFirstCommit
             << " kills before a first commit");
}

TEST_CASE("two processes write the same file at once while a third reads", "[store][concurrency]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  { Store s(path, test::bareOptions()); }
  const int perWriter = 60;
  std::vector<pid_t> writers;
  for (int w = 0; w < 2; ++w) {
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      try {
        Store s(path, test::bareOptions());
        auto c = s.conversations().create("writer " + std::to_string(w));
        for (int i = 0; i < perWriter; ++i) {
          NewMessage m;
          m.role = "user";
          m.content = "writer " + std::to_string(w) + " line " + std::to_string(i);
          s.conversations().appendMessage(c.id, m);
        }
        _exit(0);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d failed: %s\n", w, e.what());
        _exit(1);
      }
    }
    writers.push_back(pid);
  }
  // The parent reads all along, as the app's UI would while the CLI writes.
  Store reader(path, test::bareOptions());
  int reads = 0;
  for (bool running = true; running;) {
    reader.conversations().listRecent(50);
    reader.conversations().search("writer");
    ++reads;
    running = false;
    for (pid_t pid : writers) running = running || waitpid(pid, nullptr, WNOHANG) == 0;
  }
  for (pid_t pid : writers) {
    int status = 0;
    if (waitpid(pid, &status, 0) == pid) CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  CHECK(reads > 0);
  CHECK(reader.db().queryInt("SELECT count(*) FROM messages") == 2 * perWriter);
  for (const auto& summary : reader.conversations().listRecent(10))
    CHECK(reader.conversations().activeBranch(summary.conversation.id).size() == perWriter);
}

TEST_CASE("a second writer waits for the first instead of failing", "[store][concurrency]") {
  test::TempDir dir;
  const std::string path = dir.file("partsmith.db");
  Store first(path, test::bareOptions());
  Store second(path, test::bareOptions());
  auto c = first.conversations().create("shared");
  std::promise<void> locked;
  std::thread holder([&] {
    Transaction tx(first.db(), "hold the write lock");
    NewMessage m;
    m.role = "user";
    m.content = "from the first connection";
    first.conversations().appendMessage(c.id, m);
    locked.set_value();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    tx.commit();
  });
  locked.get_future().wait();
  // Readers are not blocked by the open write transaction (WAL)…
  CHECK(second.conversations().get(c.id).title == "shared");
  CHECK(second.db().queryInt("SELECT count(*) FROM messages") == 0);
  // …and a writer waits (busy timeout) rather than failing.
  auto t0 = std::chrono::steady_clock::now();
  NewMessage m;
  m.role = "assistant";
  m.content = "from the second connection";
  Message saved = second.conversations().appendMessage(c.id, m);
  auto waited = std::chrono::steady_clock::now() - t0;
  holder.join();
  CHECK(waited >= std::chrono::milliseconds(150));
  CHECK(second.db().queryInt("SELECT count(*) FROM messages") == 2);
  // It chained to the leaf the first connection committed.
  CHECK(saved.parentId.has_value());
}
