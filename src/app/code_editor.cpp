#include "app/code_editor.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

#include "app/js_highlighter.h"

namespace partsmith::app {

namespace {

class LineNumberArea : public QWidget {
 public:
  explicit LineNumberArea(CodeEditor* editor) : QWidget(editor), m_editor(editor) {}
  QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

 protected:
  void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

 private:
  CodeEditor* m_editor;
};

bool darkBase(const QPalette& palette) { return palette.color(QPalette::Base).lightness() < 128; }

// A red tint the text stays readable on, in either theme.
QColor errorLineColor(const QPalette& palette) { return darkBase(palette) ? QColor(92, 32, 36) : QColor(255, 228, 228); }
QColor errorMarkerColor(const QPalette& palette) { return darkBase(palette) ? QColor(255, 110, 110) : QColor(200, 40, 40); }

}  // namespace

CodeEditor::CodeEditor(QWidget* parent) : QPlainTextEdit(parent) {
  setObjectName("codeEditor");
  QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  font.setPointSizeF(std::max(9.0, font.pointSizeF()));
  setFont(font);
  setLineWrapMode(QPlainTextEdit::NoWrap);
  setTabStopDistance(QFontMetricsF(font).horizontalAdvance(' ') * 2);
  m_lineNumbers = new LineNumberArea(this);
  m_highlighter = new JsHighlighter(document());
  m_highlighter->setDarkBackground(darkBase(palette()));

  connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
  connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
  connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::refreshSelections);
  setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
  refreshSelections();
}

QColor CodeEditor::errorLineBackground() const { return errorLineColor(palette()); }

void CodeEditor::changeEvent(QEvent* event) {
  QPlainTextEdit::changeEvent(event);
  if (event->type() != QEvent::PaletteChange) return;
  // A theme switch while the app runs: syntax colours and marks follow the new base.
  m_highlighter->setDarkBackground(darkBase(palette()));
  refreshSelections();
  m_lineNumbers->update();
}

int CodeEditor::lineNumberAreaWidth() const {
  int digits = 1;
  for (int max = std::max(1, blockCount()); max >= 10; max /= 10) ++digits;
  return 14 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * std::max(3, digits);
}

void CodeEditor::updateLineNumberArea(const QRect& rect, int dy) {
  if (dy)
    m_lineNumbers->scroll(0, dy);
  else
    m_lineNumbers->update(0, rect.y(), m_lineNumbers->width(), rect.height());
}

void CodeEditor::resizeEvent(QResizeEvent* event) {
  QPlainTextEdit::resizeEvent(event);
  const QRect area = contentsRect();
  m_lineNumbers->setGeometry(QRect(area.left(), area.top(), lineNumberAreaWidth(), area.height()));
}

void CodeEditor::paintLineNumbers(QPaintEvent* event) {
  QPainter painter(m_lineNumbers);
  painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
  QTextBlock block = firstVisibleBlock();
  int number = block.blockNumber() + 1;
  int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
  int bottom = top + qRound(blockBoundingRect(block).height());
  const int lineHeight = fontMetrics().height();
  while (block.isValid() && top <= event->rect().bottom()) {
    if (block.isVisible() && bottom >= event->rect().top()) {
      bool error = false;
      for (const auto& mark : m_marks) error = error || mark.line == number;
      if (error) {
        painter.setBrush(errorMarkerColor(palette()));
        painter.setPen(Qt::NoPen);
        const int d = std::max(6, lineHeight / 2);
        painter.drawEllipse(QRect(3, top + (lineHeight - d) / 2, d, d));
      }
      painter.setPen(error ? errorMarkerColor(palette()) : palette().color(QPalette::PlaceholderText));
      painter.drawText(0, top, m_lineNumbers->width() - 4, lineHeight, Qt::AlignRight, QString::number(number));
    }
    block = block.next();
    top = bottom;
    bottom = top + qRound(blockBoundingRect(block).height());
    ++number;
  }
}

void CodeEditor::replaceTextMinimally(const QString& text) {
  const QString old = toPlainText();
  if (old == text) return;
  int prefix = 0;
  const int common = int(std::min(old.size(), text.size()));
  while (prefix < common && old[prefix] == text[prefix]) ++prefix;
  int suffix = 0;
  while (suffix < common - prefix && old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix]) ++suffix;
  QTextCursor cursor(document());
  cursor.setPosition(prefix);
  cursor.setPosition(int(old.size()) - suffix, QTextCursor::KeepAnchor);
  cursor.insertText(text.mid(prefix, text.size() - prefix - suffix));
}

void CodeEditor::setErrorMarks(const std::vector<CodeMark>& marks) {
  m_marks = marks;
  refreshSelections();
  m_lineNumbers->update();
}

void CodeEditor::goToLine(int line, int column) {
  const QTextBlock block = document()->findBlockByNumber(std::max(0, line - 1));
  if (!block.isValid()) return;
  QTextCursor cursor(block);
  if (column > 1) cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, std::min(column - 1, block.length() - 1));
  setTextCursor(cursor);
  centerCursor();
}

void CodeEditor::refreshSelections() {
  QList<QTextEdit::ExtraSelection> selections;
  QTextEdit::ExtraSelection current;
  current.format.setBackground(palette().color(QPalette::AlternateBase));
  current.format.setProperty(QTextFormat::FullWidthSelection, true);
  current.cursor = textCursor();
  current.cursor.clearSelection();
  selections.append(current);
  for (const auto& mark : m_marks) {
    const QTextBlock block = document()->findBlockByNumber(mark.line - 1);
    if (!block.isValid()) continue;
    QTextEdit::ExtraSelection line;
    line.format.setBackground(errorLineColor(palette()));
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = QTextCursor(block);
    selections.append(line);
    // The wavy underline from the reported column to the end of the line.
    QTextEdit::ExtraSelection squiggle;
    squiggle.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    squiggle.format.setUnderlineColor(errorMarkerColor(palette()));
    squiggle.cursor = QTextCursor(block);
    if (mark.column > 1) squiggle.cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                                                      std::min(mark.column - 1, block.length() - 1));
    squiggle.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    selections.append(squiggle);
  }
  setExtraSelections(selections);
}

bool CodeEditor::viewportEvent(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    const int line = cursorForPosition(help->pos()).blockNumber() + 1;
    QStringList messages;
    for (const auto& mark : m_marks)
      if (mark.line == line) messages << mark.message;
    if (!messages.isEmpty()) {
      QToolTip::showText(help->globalPos(), messages.join("\n"), this);
      return true;
    }
    QToolTip::hideText();
  }
  return QPlainTextEdit::viewportEvent(event);
}

}  // namespace partsmith::app
