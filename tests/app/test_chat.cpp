// The chat in the real window: prompts go through the real pipeline to the scripted LLM peer
// (real HTTP, the Anthropic wire format), the model writes a script through the tool loop, the
// real kernel worker runs it, and everything lands in a real SQLite file. Covers the first
// part with its sliders, a follow-up edit, cancel mid-stream, closing mid-generation, a restart
// that brings the conversation and its part back, the offline answer, and picked references.
// Screenshots of each state go to build/test-output/app/.
#include <catch2/catch.hpp>

// Before any Qt header: the agent's StageContext has a method named emit, a Qt macro.
#include "../agent/agent_test_support.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include "app/app_store.h"
#include "app/chat_input.h"
#include "app/chat_message_view.h"
#include "app/chat_pane.h"
#include "app/chat_timeline.h"
#include "app/code_editor.h"
#include "app/generation_controller.h"
#include "app/history_panel.h"
#include "app/occt_viewport.h"
#include "app/parameter_row.h"
#include "app/parameters_panel.h"
#include "app_test_support.h"
#include "store/store.h"

using namespace partsmith::app;
using namespace partsmith::app::testing;
namespace at = partsmith::agent::testing;
using nlohmann::json;
using partsmith::test::LlmTestServer;
using partsmith::test::ScriptedResponse;

namespace {

const std::string kMessages = "/v1/messages";
const char* kKeyEnv = "PARTSMITH_CHAT_TEST_KEY";

// A settings file whose only provider is the scripted peer; review and visual tracks, refine
// and decompose off so each generation is a short, fully scripted exchange.
struct ChatEnv {
  QTemporaryDir dir;
  LlmTestServer server;
  QString db() const { return dir.path() + "/history.db"; }
  QString settings() const { return dir.path() + "/settings.json"; }

  explicit ChatEnv(bool withKey = true) {
    application();
    ::setenv("PARTSMITH_KERNEL", partsmith::test::kernelExecutable().c_str(), 1);
    if (withKey) ::setenv(kKeyEnv, "sk-test-0123456789abcdef", 1);
    else ::unsetenv(kKeyEnv);
    json provider = {{"id", "scripted"}, {"kind", "anthropic"}, {"base_url", server.baseUrl()}, {"key_env", kKeyEnv},
                     {"default_model", "claude-sonnet-4-5"}, {"max_retries", 0}};
    json stage = {{"provider", "scripted"}, {"model", "claude-sonnet-4-5"}};
    json s = {{"llm", {{"providers", json::array({provider})},
                       {"stages", {{"spec", stage}, {"code", stage}, {"review", stage}, {"vision", stage}}},
                       {"auto_detect_ollama", false}}}};
    QFile f(settings());
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(s.dump(2)));
    // The switches live where the settings dialog keeps them (AppSettingsStore's QSettings).
    QSettings ini(iniPath(), QSettings::IniFormat);
    for (const char* key : {"pipeline/review", "pipeline/visual", "pipeline/refine", "pipeline/decompose"}) ini.setValue(key, false);
    ini.sync();
  }
  QString iniPath() const { return dir.path() + "/partsmith.ini"; }

  std::unique_ptr<MainWindow> window() {
    MainWindowOptions o;
    o.dbPath = db();
    o.settingsPath = settings();
    o.iniPath = iniPath();
    auto w = std::make_unique<MainWindow>(o);
    w->resize(1400, 820);
    w->show();
    REQUIRE(QTest::qWaitForWindowExposed(w.get()));
    w->activateWindow();
    QApplication::setActiveWindow(w.get());
    return w;
  }

  // Spec, then a code turn that writes and runs `code` (streaming `text` first), then finish.
  void scriptGeneration(const json& spec, const std::vector<at::Call>& calls, const std::string& text,
                        const std::string& summary) {
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicText(spec.dump())));
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicTurn(calls, text), 40, std::chrono::milliseconds(5)));
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicTurn({{"finish", at::args({{"summary", summary}})}})));
  }
  // Spec, then a code turn that streams its words slowly (about 5 s of small text deltas) so
  // it can be interrupted mid-stream.
  void scriptSlowGeneration() {
    server.enqueue(kMessages, ScriptedResponse::sse(at::anthropicText(at::cubeSpec(40).dump())));
    std::vector<json> events;
    events.push_back({{"type", "message_start"},
                      {"message", {{"id", "msg_slow"}, {"type", "message"}, {"role", "assistant"}, {"content", json::array()},
                                   {"model", "claude-sonnet-4-5"}, {"usage", {{"input_tokens", 900}, {"output_tokens", 1}}}}}});
    events.push_back({{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}});
    for (int i = 0; i < 80; ++i)
      events.push_back({{"type", "content_block_delta"}, {"index", 0},
                        {"delta", {{"type", "text_delta"}, {"text", "Thinking about the walls and the hole. "}}}});
    events.push_back({{"type", "content_block_stop"}, {"index", 0}});
    events.push_back({{"type", "message_delta"}, {"delta", {{"stop_reason", "end_turn"}}}, {"usage", {{"output_tokens", 800}}}});
    events.push_back({{"type", "message_stop"}});
    const std::string body = LlmTestServer::anthropicSse(events);
    server.enqueue(kMessages, ScriptedResponse::sse(body, body.size() / 80, std::chrono::milliseconds(60)));
  }
};

bool near(double a, double b, double tol = 0.05) { return std::abs(a - b) <= tol; }

bool storeReady(MainWindow& w) {
  return waitUntil([&] { return w.chatPane()->ready() && w.chatPane()->modelSelector()->isEnabled(); }, 20000);
}

// Types the request and sends it with Ctrl+Enter, as a person would.
void typeAndSend(MainWindow& w, const QString& text) {
  QPlainTextEdit* edit = w.chatPane()->input()->editor();
  edit->setFocus();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
}

// Waits for the reply to end and returns its status.
std::string waitForReply(MainWindow& w, int timeoutMs = 30000) {
  QSignalSpy spy(w.chatPane(), &ChatPane::replyFinished);
  if (!spy.wait(timeoutMs) && spy.isEmpty()) return "timeout";
  return spy.takeFirst().at(0).toString().toStdString();
}

bool partShown(MainWindow& w, double size) {
  auto p = w.lastPreview();
  return p && p->ok && p->box.valid && near(p->box.size(0), size) && w.viewport()->partCount() == 1 &&
         w.parametersPanel()->row("size") != nullptr;
}

std::string lastCodeRequestText(const LlmTestServer& server) {
  auto bodies = at::bodies(server, kMessages);
  return bodies.empty() ? std::string() : bodies.back()["messages"].dump();
}

void shot(MainWindow& w, const QString& name) {
  QTest::qWait(150);
  saveShot(w.grab().toImage(), name);
}

QStringList timelineRows(ChatMessageView* v) {
  return v && v->existingTimeline() ? v->existingTimeline()->rows() : QStringList();
}

}  // namespace

TEST_CASE("chat: prompt, follow-up, cancel, close mid-generation, restart with the conversation back", "[app][chat]") {
  ChatEnv env;
  const std::string code20 = at::kCubeCode;
  qint64 conversation = 0;
  int64_t firstGeneration = 0;
  {
    auto w = env.window();
    REQUIRE(storeReady(*w));
    ChatPane* chat = w->chatPane();
    CHECK(chat->modelSelector()->currentData().toString() == "scripted/claude-sonnet-4-5");
    CHECK_FALSE(chat->connectBanner()->isVisible());

    // 1. A prompt: spec, the tool loop writes and runs the script, the part and its sliders appear.
    env.scriptGeneration(at::cubeSpec(), {{"write_code", at::args({{"code", code20}})}, {"run_code", "{}"}},
                         "Writing a **cube** with a hole.", "A 20 mm cube with a 5 mm hole.");
    typeAndSend(*w, "A 20 mm cube with a 5 mm hole through it");
    CHECK(chat->input()->text().isEmpty());
    CHECK(chat->busy());
    REQUIRE(waitForReply(*w) == "succeeded");
    REQUIRE(waitUntil([&] { return partShown(*w, 20); }));
    CHECK(w->codeEditor()->toPlainText().toStdString() == code20);
    CHECK(w->parametersPanel()->row("hole") != nullptr);
    CHECK(std::get<double>(w->parametersPanel()->row("size")->value()) == 20);
    ChatMessageView* reply = chat->lastReply() ? chat->lastReply() : chat->messageViews().back();
    reply = chat->messageViews().back();
    CHECK(reply->role() == ChatMessageView::Role::Assistant);
    CHECK(reply->markdown().contains("A 20 mm cube with a 5 mm hole."));
    CHECK(reply->streamedText().contains("Writing a **cube** with a hole."));  // streamed before the end
    const QString rows = timelineRows(reply).join("\n");
    CHECK(rows.contains("Spec"));
    CHECK(rows.contains("Research"));
    CHECK(rows.contains("write_code done"));
    CHECK(rows.contains("run_code done"));
    CHECK(rows.contains("Evaluation"));
    CHECK(reply->existingTimeline()->headerText().startsWith("Done in"));
    CHECK_FALSE(reply->existingTimeline()->cancelButton()->isVisible());
    REQUIRE(chat->conversationId());
    conversation = *chat->conversationId();
    REQUIRE(chat->currentGenerationId());
    firstGeneration = *chat->currentGenerationId();
    reply->existingTimeline()->setExpanded(true);
    shot(*w, "chat_1_first_part");

    // 2. A follow-up edits the current code (the model sees it) and the part changes.
    env.scriptGeneration(at::cubeSpec(30), {{"edit_code", at::args({{"old", "const size = 20;"}, {"new", "const size = 30;"}})},
                                            {"run_code", "{}"}},
                         "Making it bigger.", "The cube is now 30 mm.");
    typeAndSend(*w, "Make it 30 mm");
    REQUIRE(waitForReply(*w) == "succeeded");
    REQUIRE(waitUntil([&] { return partShown(*w, 30); }));
    CHECK(w->codeEditor()->toPlainText().contains("const size = 30;"));
    CHECK(lastCodeRequestText(env.server).find("const size = 20;") != std::string::npos);  // started from the code
    REQUIRE(chat->currentGenerationId());
    const int64_t secondGeneration = *chat->currentGenerationId();
    CHECK(secondGeneration != firstGeneration);
    CHECK(*chat->conversationId() == conversation);
    shot(*w, "chat_2_follow_up");

    // 3. Cancel mid-stream: the reply stops within moments, the part stays.
    env.scriptSlowGeneration();
    typeAndSend(*w, "Make it 40 mm, and think hard");
    ChatMessageView* streaming = chat->messageViews().back();
    REQUIRE(waitUntil([&] { return streaming->streamedText().size() > 100; }, 15000));
    CHECK(streaming->existingTimeline()->running());
    shot(*w, "chat_3_streaming");
    // Deleting the conversation its generation writes into is refused until it is stopped.
    HistoryPanel* history = w->historyPanel();
    REQUIRE(history);
    history->refresh();
    REQUIRE(waitUntil([&] { return !history->isBusy() && history->conversationItem(conversation) != nullptr; }, 5000));
    QTreeWidgetItem* item = history->conversationItem(conversation);
    history->tree()->clearSelection();
    history->tree()->setCurrentItem(item);
    item->setSelected(true);
    history->deleteSelected();
    CHECK_FALSE(history->pendingDelete().has_value());
    CHECK(w->statusText().contains("stop it (Ctrl+.) before deleting the conversation"));
    REQUIRE(waitUntil([&] { return !history->isBusy() && history->conversationItem(conversation) != nullptr; }, 5000));
    CHECK(chat->busy());
    // Code run by hand meanwhile runs, and the window says it is not kept as a version.
    w->codeEditor()->appendPlainText("// tried while it thinks");
    w->runCode();
    REQUIRE(waitUntil([&] { return w->statusText().contains("not kept as a version while a generation runs"); }, 15000));
    CHECK(chat->busy());
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    REQUIRE(streaming->existingTimeline()->cancelButton()->isVisible());
    streaming->existingTimeline()->cancelButton()->click();
    REQUIRE(waitForReply(*w, 10000) == "cancelled");
    CHECK(sinceCancel.elapsed() < 3000);
    CHECK(streaming->markdown().contains("Cancelled"));
    CHECK(streaming->existingTimeline()->headerText().startsWith("Cancelled"));
    CHECK(partShown(*w, 30));
    CHECK(*chat->currentGenerationId() == secondGeneration);
    shot(*w, "chat_4_cancelled");

    // 4. Close mid-generation: the window asks, cancels, then closes; nothing hangs.
    env.scriptSlowGeneration();
    typeAndSend(*w, "Now 40 mm please");
    ChatMessageView* running = chat->messageViews().back();
    REQUIRE(waitUntil([&] { return running->streamedText().size() > 50; }, 15000));
    bool asked = false;
    QTimer::singleShot(300, [&] {
      auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
      if (!box) return;
      asked = box->text().contains("Stop the generation");
      box->button(QMessageBox::Yes)->click();
    });
    QElapsedTimer sinceClose;
    sinceClose.start();
    w->close();
    CHECK(asked);
    REQUIRE(waitUntil([&] { return !w->isVisible(); }, 10000));
    CHECK(sinceClose.elapsed() < 5000);
    w.reset();
  }

  // The record: four requests and four replies, the last two cancelled, parents chained.
  {
    partsmith::store::StoreOptions o;
    o.autoBackup = false;
    partsmith::store::Store db(env.db().toStdString(), o);
    auto messages = db.conversations().activeBranch(conversation);
    REQUIRE(messages.size() == 8);
    CHECK(messages[6].role == "user");
    CHECK(messages[6].content == "Now 40 mm please");
    CHECK(messages[7].role == "assistant");
    auto generations = db.generations().listForConversation(conversation);
    REQUIRE(generations.size() == 4);
    int cancelled = 0, succeeded = 0;
    for (const auto& g : generations) {
      cancelled += g.status == "cancelled";
      succeeded += g.status == "succeeded";
    }
    CHECK(succeeded == 2);
    CHECK(cancelled == 2);
    CHECK(db.generations().get(generations[1].id).parentGenerationId == firstGeneration);
  }

  // 5. Restart on the same file: the conversation and its part come back.
  {
    auto w = env.window();
    REQUIRE(waitUntil([&] { return w->chatPane()->conversationId() && partShown(*w, 30); }, 30000));
    CHECK(*w->chatPane()->conversationId() == conversation);
    auto views = w->chatPane()->messageViews();
    REQUIRE(views.size() == 8);
    CHECK(views[0]->markdown().contains("A 20 mm cube"));
    CHECK(views[1]->markdown().contains("A 20 mm cube with a 5 mm hole."));
    CHECK(timelineRows(views[1]).join("\n").contains("write_code done"));
    CHECK(views[5]->existingTimeline()->headerText().startsWith("Cancelled"));
    CHECK(w->codeEditor()->toPlainText().contains("const size = 30;"));
    shot(*w, "chat_5_restored");

    // A slider change is remembered for the conversation, and a follow-up starts from it.
    ParameterRow* size = w->parametersPanel()->row("size");
    REQUIRE(size);
    size->setValue(36.0);
    REQUIRE(waitUntil([&] { return partShown(*w, 36); }));
    env.scriptGeneration(at::cubeSpec(36), {{"edit_code", at::args({{"old", "const hole = 5;"}, {"new", "const hole = 8;"}})},
                                            {"run_code", "{}"}},
                         "", "A wider hole.");
    typeAndSend(*w, "Widen the hole to 8 mm");
    REQUIRE(waitForReply(*w) == "succeeded");
    CHECK(lastCodeRequestText(env.server).find("const size = 36;") != std::string::npos);
    REQUIRE(waitUntil([&] { return partShown(*w, 36) && w->codeEditor()->toPlainText().contains("const hole = 8;"); }));
    w->close();
  }
}

TEST_CASE("chat: without a model the offline answer shows the closest examples and how to connect", "[app][chat]") {
  ChatEnv env(/*withKey=*/false);
  auto w = env.window();
  REQUIRE(waitUntil([&] { return w->chatPane()->ready() && w->chatPane()->connectBanner()->isVisible(); }, 20000));
  ChatPane* chat = w->chatPane();
  CHECK(chat->connectBanner()->text().contains(kKeyEnv));
  CHECK_FALSE(chat->modelSelector()->isEnabled());
  typeAndSend(*w, "a flange with a bolt circle");
  REQUIRE(waitForReply(*w) == "offline");
  ChatMessageView* reply = chat->messageViews().back();
  CHECK(reply->markdown().contains("No model could be asked"));
  CHECK(reply->markdown().contains("ANTHROPIC_API_KEY"));
  CHECK(reply->markdown().contains("partsmith-example:0"));
  REQUIRE_FALSE(reply->exampleIds.empty());
  // The closest example opens with its sliders.
  REQUIRE(waitUntil([&] { return w->lastPreview() && w->lastPreview()->ok && w->viewport()->partCount() > 0; }));
  CHECK(w->parametersPanel()->rowCount() > 0);
  CHECK(env.server.requestCount() == 0);
  shot(*w, "chat_6_offline");
  w->close();
}

TEST_CASE("chat: a picked face or edge reference goes into the message", "[app][chat]") {
  ChatEnv env;
  auto w = env.window();
  REQUIRE(storeReady(*w));
  ChatInput* input = w->chatPane()->input();
  QTest::keyClicks(input->editor(), "Add a fillet to");
  // Picking happens in the viewport, which keeps the focus (and its view keys).
  w->show();
  w->activateWindow();
  w->viewport()->setFocus();
  REQUIRE(waitUntil([&] { return w->viewport()->hasFocus(); }, 3000));
  emit w->referencePicked("bracket.faces(\">Z\")");
  CHECK(input->text() == "Add a fillet to bracket.faces(\">Z\") ");
  CHECK(w->viewport()->hasFocus());
  // Clicking another face before writing on replaces that pick instead of piling up picks.
  emit w->referencePicked("bracket.faces(\"<Y\")");
  CHECK(input->text() == "Add a fillet to bracket.faces(\"<Y\") ");
  // After more words, the next pick is added.
  input->editor()->setFocus();
  QTest::keyClicks(input->editor(), "and");
  emit w->referencePicked("bracket.edges(\"|Z\")");
  CHECK(input->text() == "Add a fillet to bracket.faces(\"<Y\") and bracket.edges(\"|Z\") ");
  // An edit of the inserted reference makes it the user's text: it is not replaced either.
  QTest::keyClick(input->editor(), Qt::Key_Backspace);
  emit w->referencePicked("bracket.faces(\">X\")");
  CHECK(input->text() == "Add a fillet to bracket.faces(\"<Y\") and bracket.edges(\"|Z\") bracket.faces(\">X\") ");
  w->close();
}

TEST_CASE("chat: the model picked in the selector is selected again after a restart", "[app][chat]") {
  ChatEnv env;
  {
    // A second model to pick from: the review stage uses another one.
    QFile f(env.settings());
    REQUIRE(f.open(QIODevice::ReadOnly));
    json s = json::parse(f.readAll().toStdString());
    f.close();
    s["llm"]["stages"]["review"]["model"] = "claude-haiku-4-5";
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray::fromStdString(s.dump(2)));
  }
  {
    auto w = env.window();
    REQUIRE(storeReady(*w));
    QComboBox* models = w->chatPane()->modelSelector();
    CHECK(models->currentData().toString() == "scripted/claude-sonnet-4-5");  // the settings' code model
    const int other = models->findData("scripted/claude-haiku-4-5");
    REQUIRE(other >= 0);
    models->setCurrentIndex(other);
    emit models->activated(other);
    w->close();
  }
  auto w = env.window();
  REQUIRE(storeReady(*w));
  CHECK(w->chatPane()->modelSelector()->currentData().toString() == "scripted/claude-haiku-4-5");
  w->close();
}

TEST_CASE("chat: a history that cannot be written says what to do and gives the message back", "[app][chat]") {
  ChatEnv env;
  auto w = env.window();
  REQUIRE(storeReady(*w));
  // The generation opens the history file itself at the first request: a folder in its place
  // makes that fail, as a broken disk would, while the window's own connection lives on.
  for (const QString& suffix : {"", "-wal", "-shm"}) QFile::remove(env.db() + suffix);
  REQUIRE(QDir().mkpath(env.db()));
  typeAndSend(*w, "a 20 mm cube");
  REQUIRE(waitForReply(*w) == "error");
  ChatMessageView* reply = w->chatPane()->messageViews().back();
  CHECK(reply->markdown().contains("Could not start the generation"));
  CHECK(reply->markdown().contains("What to do: check that the disk holding"));
  CHECK(reply->markdown().contains("your message is back in the input"));
  CHECK(w->chatPane()->input()->text() == "a 20 mm cube");
  CHECK(env.server.requestCount() == 0);
  w->close();
}
