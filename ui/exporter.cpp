#include "exporter.h"

#include "document.h"
#include "engine.h"
#include "imageio.h"
#include "presets.h"
#include "previewcontroller.h"
#include "recentfiles.h"

#include <QDir>
#include <QCheckBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace ks {

namespace {

const QString ExportFilter =
    QStringLiteral("PNG (*.png);;JPEG (*.jpg *.jpeg);;WebP (*.webp);;TIFF (*.tif *.tiff);;BMP (*.bmp)");
const QString ExportDirKey = QStringLiteral("dirs/export");
const QString QualityKey = QStringLiteral("export/quality");
const QString KeepMetadataKey = QStringLiteral("export/keepMetadata");

} // namespace

Exporter::Exporter(std::shared_ptr<const Engine> engine, const Document *document, PreviewController *preview,
                   QWidget *dialogParent)
    : QObject(dialogParent), m_engine(std::move(engine)), m_document(document), m_preview(preview),
      m_dialogParent(dialogParent), m_quality(QSettings().value(QualityKey, 90).toInt()),
      m_keepMetadata(QSettings().value(KeepMetadataKey, true).toBool())
{
    connect(m_preview, &PreviewController::resultReady, this, [this](const QImage &image, bool full) {
        if (!full)
            return;
        m_renderError.clear();
        onFullResult(image);
    });
    connect(m_preview, &PreviewController::renderFailed, this, [this](const QString &reason) {
        m_renderError = reason;
        if (m_waitingForRender) {
            m_waitingForRender = false;
            emit failed(tr("Cannot render the result"), reason);
            finishExport(false);
        }
    });
    connect(m_preview, &PreviewController::progressChanged, this, [this](double fraction) {
        if (m_waitingForRender)
            emit progressChanged(fraction);
    });
    connect(&m_writer, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_writer.result();
        if (!error.isEmpty())
            emit failed(tr("Export failed"), error);
        finishExport(error.isEmpty());
    });
    connect(&m_eachWatcher, &QFutureWatcher<EachOutcome>::finished, this,
            [this] { eachWritten(m_eachWatcher.result()); });
}

Exporter::~Exporter()
{
    m_cancel.cancel();
    m_writer.disconnect(this);
    m_eachWatcher.disconnect(this);
}

QString Exporter::exportDir() const
{
    return rememberedDir(ExportDirKey, rememberedDir(QStringLiteral("dirs/open")));
}

void Exporter::exportTo(const QString &path, int quality)
{
    if (m_busy || m_document->isNull()) {
        emit exported(false, path);
        return;
    }
    const QFileInfo target(path);
    if (target.exists() && target.canonicalFilePath() == QFileInfo(m_document->path()).canonicalFilePath()) {
        const auto answer = QMessageBox::warning(
            m_dialogParent, tr("Overwrite the original?"),
            tr("%1 is the file you opened. Replace the original with the filtered result?").arg(path),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            emit exported(false, path);
            return;
        }
    }
    m_path = path;
    m_quality = quality;
    setBusy(true);
    if (!m_preview->fullResult().isNull()) {
        write(m_preview->fullResult());
    } else if (m_preview->isBusy()) {
        m_waitingForRender = true; // onFullResult() writes it
        emit progressChanged(0.0);
    } else { // the last render failed and said why
        emit failed(tr("Cannot render the result"), m_renderError);
        finishExport(false);
    }
}

void Exporter::onFullResult(const QImage &image)
{
    if (!m_waitingForRender)
        return;
    m_waitingForRender = false;
    write(image);
}

void Exporter::write(const QImage &image)
{
    emit progressChanged(-1.0);
    SaveOptions options;
    options.quality = m_quality;
    if (m_keepMetadata)
        options.metadata = m_document->metadata();
    m_writer.setFuture(QtConcurrent::run(
        [image, path = m_path, options] { return saveImage(image, path, options).error(); }));
}

void Exporter::finishExport(bool ok)
{
    if (ok) {
        rememberDir(ExportDirKey, QFileInfo(m_path).absolutePath());
        emit statusMessage(tr("Exported %1").arg(QDir::toNativeSeparators(m_path)));
    }
    setBusy(false);
    emit exported(ok, m_path);
}

void Exporter::cancel()
{
    if (m_waitingForRender) {
        m_waitingForRender = false;
        emit statusMessage(tr("Export cancelled"));
        finishExport(false);
    }
    m_cancel.cancel(); // Export Each ends when the filter running now returns
}

bool Exporter::chooseAndExport()
{
    if (m_document->isNull() || m_busy)
        return false;
    const QString suggested =
        QDir(exportDir()).filePath(QFileInfo(m_document->displayName()).completeBaseName() + QStringLiteral("-filtered.png"));
    // Qt's own dialog, not the platform's, so that it can carry the metadata check box.
    QFileDialog dialog(m_dialogParent, tr("Export Result"), suggested, ExportFilter);
    dialog.setObjectName(QStringLiteral("exportDialog"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    auto *keep = new QCheckBox(tr("Keep metadata (EXIF, IPTC, XMP) of the original"), &dialog);
    keep->setObjectName(QStringLiteral("exportKeepMetadata"));
    keep->setAccessibleName(keep->text());
    keep->setChecked(m_keepMetadata);
    if (auto *grid = qobject_cast<QGridLayout *>(dialog.layout()))
        grid->addWidget(keep, grid->rowCount(), 0, 1, -1);
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty())
        return false;
    const QString path = dialog.selectedFiles().first();
    m_keepMetadata = keep->isChecked();
    QSettings().setValue(KeepMetadataKey, m_keepMetadata);
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"jpg" || suffix == u"jpeg" || suffix == u"webp") {
        bool ok = false;
        const int quality = QInputDialog::getInt(m_dialogParent, tr("Export Quality"), tr("Quality (0–100):"),
                                                 m_quality, 0, 100, 1, &ok);
        if (!ok)
            return false;
        m_quality = quality;
        QSettings().setValue(QualityKey, quality);
    }
    exportTo(path, m_quality);
    return true;
}

bool Exporter::chooseAndExportEach()
{
    if (m_document->isNull() || m_busy)
        return false;
    const QString directory =
        QFileDialog::getExistingDirectory(m_dialogParent, tr("Export Each Filter Into"), exportDir());
    if (directory.isEmpty())
        return false;
    rememberDir(ExportDirKey, directory);
    exportEachTo(directory);
    return true;
}

// ---- Export Each -------------------------------------------------------------------------

void Exporter::exportEachTo(const QString &directory)
{
    if (m_busy || m_document->isNull()) {
        emit exportedEach({});
        return;
    }
    m_example = referenceExample();
    m_eachSource = m_document->image();
    m_eachStem = QFileInfo(m_document->path()).completeBaseName();
    m_eachDirectory = directory;
    m_eachIndex = 0;
    m_written.clear();
    m_cancel = CancelToken();
    setBusy(true);
    startNextEach();
}

void Exporter::startNextEach()
{
    if (m_cancel.isCancelled() || m_eachIndex >= m_example.steps.size()) {
        finishEach();
        return;
    }
    const qsizetype count = m_example.steps.size();
    emit progressChanged(double(m_eachIndex) / double(count));
    const QString path = QDir(m_eachDirectory).filePath(eachFileName(m_eachStem, m_eachIndex + 1, count));
    m_eachWatcher.setFuture(QtConcurrent::run(
        [engine = m_engine, image = m_eachSource, step = m_example.steps[m_eachIndex], cancel = m_cancel, path] {
            const Result<QImage> result = engine->apply(image, step, cancel);
            EachOutcome outcome;
            if (cancel.isCancelled())
                outcome.cancelled = true;
            else
                outcome.error = result ? saveImage(*result, path).error() : result.error();
            return outcome;
        }));
}

void Exporter::eachWritten(const EachOutcome &outcome)
{
    if (outcome.cancelled) {
        finishEach();
        return;
    }
    if (!outcome.error.isEmpty()) {
        emit failed(tr("Export Each Filter failed"), outcome.error);
        finishEach();
        return;
    }
    m_written << QDir(m_eachDirectory)
                     .filePath(eachFileName(m_eachStem, m_eachIndex + 1, m_example.steps.size()));
    ++m_eachIndex;
    startNextEach();
}

void Exporter::finishEach()
{
    m_eachSource = {};
    emit statusMessage(
        tr("Wrote %1 files to %2").arg(m_written.size()).arg(QDir::toNativeSeparators(m_eachDirectory)));
    setBusy(false);
    emit exportedEach(m_written);
}

void Exporter::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace ks
