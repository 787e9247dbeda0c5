#include "clipboard.h"

#include "document.h"
#include "previewcontroller.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QImage>
#include <QMimeData>

#include <algorithm>
#include <iterator>
#include <utility>

namespace ks {

namespace {

// Encoded forms other programs put on the clipboard, read as they are (16-bit and the colour
// profile survive); an image only Qt holds (application/x-qt-image) is encoded instead.
const char *const EncodedFormats[] = {"image/png", "image/tiff", "image/webp", "image/jpeg", "image/bmp"};

} // namespace

Clipboard::Clipboard(PreviewController *preview, Document *document, QObject *parent)
    : QObject(parent), m_preview(preview), m_document(document)
{
    connect(m_preview, &PreviewController::resultReady, this, [this](const QImage &image, bool full) {
        if (full && std::exchange(m_waiting, false))
            put(image);
    });
    connect(m_preview, &PreviewController::renderFailed, this, [this](const QString &reason) {
        if (std::exchange(m_waiting, false))
            emit statusMessage(tr("Nothing copied: the render failed: %1").arg(reason));
    });
}

void Clipboard::copyResult()
{
    if (m_document->isNull()) {
        emit statusMessage(tr("Nothing to copy: no image is open"));
        return;
    }
    if (!m_preview->fullResult().isNull()) {
        put(m_preview->fullResult());
    } else if (m_preview->isBusy()) {
        m_waiting = true;
        emit statusMessage(tr("The result is copied when its render is done…"));
    } else {
        emit statusMessage(tr("Nothing copied: the render failed: %1").arg(m_preview->failure()));
    }
}

void Clipboard::put(const QImage &image)
{
    QGuiApplication::clipboard()->setImage(image);
    emit statusMessage(tr("Copied the result (%1 × %2 px) to the clipboard").arg(image.width()).arg(image.height()));
}

// What another program offers as image/png holds an image too, even where Qt does not say so.
bool Clipboard::hasImage()
{
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    if (!data)
        return false;
    return data->hasImage() || std::any_of(std::begin(EncodedFormats), std::end(EncodedFormats), [data](const char *format) {
               return data->hasFormat(QLatin1String(format));
           });
}

bool Clipboard::paste()
{
    if (!hasImage()) {
        emit statusMessage(tr("Nothing to paste: the clipboard holds no image"));
        return false;
    }
    const QMimeData *data = QGuiApplication::clipboard()->mimeData();
    QByteArray bytes;
    for (const char *format : EncodedFormats)
        if (bytes.isEmpty() && data->hasFormat(QLatin1String(format)))
            bytes = data->data(QLatin1String(format));
    const QImage image = bytes.isEmpty() ? qvariant_cast<QImage>(data->imageData()) : QImage();
    m_document->openUntitled(bytes, image, tr("Pasted image"));
    return true;
}

} // namespace ks
