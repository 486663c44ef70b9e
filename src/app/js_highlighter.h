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

 protected:
  void highlightBlock(const QString& text) override;

 private:
  struct Rule {
    QRegularExpression pattern;
    QTextCharFormat format;
  };
  std::vector<Rule> m_rules;
  QTextCharFormat m_stringFormat;
  QTextCharFormat m_commentFormat;
  QTextCharFormat m_specFormat;
};

}  // namespace partsmith::app
