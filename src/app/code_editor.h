// The Code tab's editor: a monospace QPlainTextEdit with line numbers, JavaScript
// highlighting and error marks (the line tinted, a marker in the gutter, the message as a
// tooltip). Programmatic rewrites (slider moves) replace only the changed characters, so the
// scroll position, the cursor and undo keep working.
#pragma once
#include <QPlainTextEdit>
#include <QString>
#include <vector>

namespace partsmith::app {

class JsHighlighter;

struct CodeMark {
  int line = 0;  // 1-based
  int column = 0;  // 1-based; 0 = whole line
  QString message;
};

class CodeEditor : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit CodeEditor(QWidget* parent = nullptr);

  // Replaces the text with the smallest edit that produces `text` (one undo step).
  void replaceTextMinimally(const QString& text);

  void setErrorMarks(const std::vector<CodeMark>& marks);
  void clearErrorMarks() { setErrorMarks({}); }
  const std::vector<CodeMark>& errorMarks() const { return m_marks; }
  // Moves the cursor to a 1-based line (and column) and shows it.
  void goToLine(int line, int column = 0);

  int lineNumberAreaWidth() const;
  void paintLineNumbers(QPaintEvent* event);
  JsHighlighter* highlighter() const { return m_highlighter; }
  // The background of a line marked with an error, as drawn now.
  QColor errorLineBackground() const;

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool viewportEvent(QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateLineNumberArea(const QRect& rect, int dy);
  void refreshSelections();

  QWidget* m_lineNumbers = nullptr;
  JsHighlighter* m_highlighter = nullptr;
  std::vector<CodeMark> m_marks;
};

}  // namespace partsmith::app
