#include "app/js_highlighter.h"

#include <QColor>
#include <QFont>

namespace partsmith::app {

namespace {

QTextCharFormat makeFormat(const QColor& color, bool bold = false, bool italic = false) {
  QTextCharFormat format;
  format.setForeground(color);
  if (bold) format.setFontWeight(QFont::DemiBold);
  format.setFontItalic(italic);
  return format;
}

enum BlockState { Normal = 0, InBlockComment = 1, InTemplate = 2 };

}  // namespace

JsHighlighter::JsHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) { buildRules(); }

void JsHighlighter::setDarkBackground(bool dark) {
  if (dark == m_dark) return;
  m_dark = dark;
  buildRules();
  rehighlight();
}

void JsHighlighter::buildRules() {
  // The light set reads on white; the dark set keeps each role's hue at a contrast of about
  // 7:1 or more on a #2b2b2b-like base.
  struct Palette {
    const char *keyword, *literal, *api, *method, *string, *comment, *spec;
  };
  static const Palette light{"#8e3fb0", "#b0571c", "#1f6fb2", "#2a7d4f", "#a31515", "#6a737d", "#0f7b8a"};
  static const Palette dark{"#d7a6ee", "#f0a870", "#7ec0f5", "#8fd6a4", "#f29b9b", "#a3aab3", "#6fd3de"};
  const Palette& c = m_dark ? dark : light;
  m_rules.clear();
  const QString keywords =
      "\\b(?:break|case|catch|class|const|continue|default|delete|do|else|export|extends|finally|for|function|if|"
      "import|in|instanceof|let|new|of|return|switch|this|throw|try|typeof|var|void|while|yield|async|await)\\b";
  m_rules.push_back({QRegularExpression(keywords), makeFormat(QColor(c.keyword), true)});
  m_rules.push_back({QRegularExpression("\\b(?:true|false|null|undefined|NaN|Infinity)\\b"), makeFormat(QColor(c.literal))});
  m_rules.push_back({QRegularExpression("\\b(?:cq|show|parts|Math|console)\\b"), makeFormat(QColor(c.api), true)});
  m_rules.push_back({QRegularExpression("\\.([A-Za-z_]\\w*)(?=\\s*\\()"), makeFormat(QColor(c.method))});
  m_rules.push_back({QRegularExpression("\\b(?:0[xX][0-9a-fA-F]+|\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?)\\b"),
                     makeFormat(QColor(c.literal))});
  m_stringFormat = makeFormat(QColor(c.string));
  m_commentFormat = makeFormat(QColor(c.comment), false, true);
  m_specFormat = makeFormat(QColor(c.spec), true, false);
}

void JsHighlighter::highlightBlock(const QString& text) {
  for (const Rule& rule : m_rules) {
    auto it = rule.pattern.globalMatch(text);
    while (it.hasNext()) {
      const auto match = it.next();
      const int group = match.lastCapturedIndex() >= 1 ? 1 : 0;
      setFormat(int(match.capturedStart(group)), int(match.capturedLength(group)), rule.format);
    }
  }

  // Strings and comments override the word rules; scan once so quotes inside comments and
  // comment markers inside strings are read correctly.
  int state = previousBlockState() < 0 ? Normal : previousBlockState();
  int i = 0;
  const int n = int(text.size());
  int start = 0;
  while (i < n) {
    if (state == InBlockComment) {
      const int end = int(text.indexOf("*/", i));
      const int stop = end < 0 ? n : end + 2;
      const bool groupMarker = text.mid(start, stop - start).contains(QRegularExpression("^/\\*\\s*\\[.*\\]\\s*\\*/$"));
      setFormat(start, stop - start, groupMarker ? m_specFormat : m_commentFormat);
      i = stop;
      if (end >= 0) state = Normal;
      continue;
    }
    if (state == InTemplate) {
      int j = i;
      while (j < n && text[j] != '`') j += text[j] == '\\' ? 2 : 1;
      const int stop = std::min(n, j + 1);
      setFormat(start, stop - start, m_stringFormat);
      i = stop;
      if (j < n) state = Normal;
      continue;
    }
    const QChar c = text[i];
    if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      setFormat(i, n - i, m_commentFormat);
      // The parameter widget spec `// [20:1:120]` stands out from ordinary comments.
      static const QRegularExpression spec("^//\\s*\\[[^\\]]*\\]");
      const auto match = spec.match(text.mid(i));
      if (match.hasMatch()) setFormat(i, int(match.capturedLength()), m_specFormat);
      break;
    }
    if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      state = InBlockComment;
      start = i;
      i += 2;
      continue;
    }
    if (c == '`') {
      state = InTemplate;
      start = i;
      i += 1;
      continue;
    }
    if (c == '"' || c == '\'') {
      int j = i + 1;
      while (j < n && text[j] != c) j += text[j] == '\\' ? 2 : 1;
      const int stop = std::min(n, j + 1);
      setFormat(i, stop - i, m_stringFormat);
      i = stop;
      continue;
    }
    ++i;
  }
  setCurrentBlockState(state);
}

}  // namespace partsmith::app
