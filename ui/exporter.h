#pragma once

#include "canceltoken.h"
#include "recipe.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QStringList>

#include <memory>

class QWidget;

namespace ks {

class Document;
class Engine;
class PreviewController;

// Export and Export Each, without ever waiting on the GUI thread.
//
// Export writes the preview's full-resolution result: at once when it is ready, else when the
// preview delivers it (its resultReady signal); the file is written on a worker (the core's save
// goes through QSaveFile: never a half-written file). Export Each applies each filter of the
// reference example to the original on a worker, one after another, each started when the
// previous one has been written. Both report progress, can be cancelled, and end with one
// signal. One export at a time. Dialogs sit on `dialogParent`. Lives on the GUI thread.
class Exporter : public QObject
{
    Q_OBJECT

public:
    Exporter(std::shared_ptr<const Engine> engine, const Document *document, PreviewController *preview,
             QWidget *dialogParent);
    ~Exporter() override; // cancels Export Each; a file being written is finished on its worker

    bool isBusy() const { return m_busy; }

    // Writes the full-resolution result to `path` (`quality` for JPEG and WebP); asks first when
    // `path` is the opened file. Ends with exported().
    void exportTo(const QString &path, int quality = 90);
    // Writes each filter of the reference example as DIR/<name>-<index>.png. Ends with exportedEach().
    void exportEachTo(const QString &directory);
    // Stops waiting for the render, or stops Export Each after the file being written.
    void cancel();

    // The file dialogs (and the quality question); false when the person cancelled.
    bool chooseAndExport();
    bool chooseAndExportEach();

signals:
    void busyChanged(bool busy);
    void progressChanged(double fraction); // 0..1; negative while unknown
    void exported(bool ok, const QString &path);
    void exportedEach(const QStringList &written);
    void statusMessage(const QString &text);
    void failed(const QString &title, const QString &message);

private:
    struct EachOutcome
    {
        bool cancelled = false;
        QString error;
    };

    void onFullResult(const QImage &image);
    void write(const QImage &image);
    void finishExport(bool ok);
    void startNextEach();
    void eachWritten(const EachOutcome &outcome);
    void finishEach();
    void setBusy(bool busy);
    QString exportDir() const;

    std::shared_ptr<const Engine> m_engine;
    const Document *m_document;
    PreviewController *m_preview;
    QWidget *m_dialogParent;
    bool m_busy = false;
    QString m_renderError; // why the last render failed, until one succeeds

    // Export
    QString m_path;
    int m_quality = 90;
    bool m_keepMetadata = true; // the Export dialog's check box, remembered
    bool m_waitingForRender = false;
    QFutureWatcher<QString> m_writer;

    // Export Each
    Recipe m_example;
    QImage m_eachSource;
    QString m_eachStem;
    QString m_eachDirectory;
    qsizetype m_eachIndex = 0;
    QStringList m_written;
    CancelToken m_cancel;
    QFutureWatcher<EachOutcome> m_eachWatcher;
};

} // namespace ks
