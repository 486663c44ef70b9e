#include "app/app_store.h"

#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>

#include "app/store_worker.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace partsmith::app {

AppStore::AppStore(QString path, QObject* parent)
    : QObject(parent), m_path(path.isEmpty() ? QString::fromStdString(store::defaultDatabasePath()) : std::move(path)) {}

AppStore::~AppStore() = default;

void AppStore::open() {
  QPointer<AppStore> self(this);
  const std::string path = m_path.toStdString();
  QThreadPool::globalInstance()->start([self, path] {
    QString error;
    try {
      store::Store db(path);  // creates, checks, migrates, seeds and backs up as needed
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    if (!self) return;
    QMetaObject::invokeMethod(
        self.data(),
        [self, error] {
          if (!self) return;
          self->m_error = error;
          if (error.isEmpty()) self->m_worker = std::make_unique<StoreWorker>(self->m_path);
          emit self->opened(error.isEmpty(), error);
        },
        Qt::QueuedConnection);
  });
}

}  // namespace partsmith::app
