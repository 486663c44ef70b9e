// JavaScript syntax colours for the Code tab: keywords, the cq API, numbers, strings
// (including template literals), comments (line and block, across lines) and the
// `// [min:step:max]` parameter specs.
#pragma once
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace partsmith::app {

class JsHighlighter : public QSyntaxHighlighter {
  Q_OBJECT
 public:
  explicit JsHighlighter(QTextDocument* document);

  // Colours for a dark background (light, saturated) or a light one; re-highlights on change.
  void setDarkBackground(bool dark);
  bool darkBackground() const { return m_dark; }
  // The colour strings are drawn in, for tests of contrast.
  QColor stringColor() const { return m_stringFormat.foreground().color(); }

 protected:
  void highlightBlock(const QString& text) override;

 private:
  struct Rule {
    QRegularExpression pattern;
    QTextCharFormat format;
  };
  void buildRules();

  bool m_dark = false;
  std::vector<Rule> m_rules;
  QTextCharFormat m_stringFormat;
  QTextCharFormat m_commentFormat;
  QTextCharFormat m_specFormat;
};

}  // namespace partsmith::app
