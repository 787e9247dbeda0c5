#pragma once

#include "imageio.h"
#include "latestonly.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>

namespace ks {

// The open document: the original image, its file, whether it is an SVG and at which scale it
// was rasterised, and whether it has unexported changes.
//
// Loading runs on a worker thread; the window keeps working meanwhile and the current image
// stays the document until the new one is ready and replaces it. A newer load or cancel()
// makes the one in flight stale: the core's loader cannot be interrupted, so its result is
// dropped when it arrives (Generation). Lives on the GUI thread; all signals are emitted there.
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);
    ~Document() override; // a load in flight runs to its end on its worker and is dropped

    const QString &path() const { return m_path; } // empty for an image without a file (pasted)
    // What the window calls it: the file's name, or "Pasted image"; empty without a document.
    const QString &displayName() const { return m_name; }
    const QImage &image() const { return m_image; }
    bool isNull() const { return m_image.isNull(); }
    bool isSvg() const { return m_isSvg; }
    const ImageMetadata &metadata() const { return m_metadata; } // the file's EXIF, IPTC, XMP
    double svgScale() const { return m_svgScale; } // relative to the SVG's own size
    bool isModified() const { return m_modified; }
    void setModified(bool modified);

    bool isLoading() const { return m_loading; }
    const QString &loadingPath() const { return m_loadingPath; }
    const QString &loadingName() const { return m_loadingName; }

    // Starts reading `path` (an SVG at its own size) as a new document.
    void open(const QString &path);
    // Reads the open file again, at the same SVG scale; the document's history stays.
    void reload();
    // Rasterises the open SVG again at `scale` times its own size.
    void setSvgScale(double scale);
    // Rasterises the SVG `path` at `size` pixels: the answer to svgTooLarge().
    void openSvgAtSize(const QString &path, const QSize &size, bool sameDocument);
    // Starts reading an image without a file (the clipboard's) as a new document named `name`:
    // `bytes` in any format the loader reads, or else `image` (encoded on the worker). It goes
    // through the file loader's checks and conversions, so it is a document like any other.
    void openUntitled(const QByteArray &bytes, const QImage &image, const QString &name);
    // Drops the load in flight; the current document stays as it is.
    void cancel();
    // No document any more: drops the load in flight and the image; closed() follows.
    void close();

    // The largest size of `own`'s aspect ratio within MaxImagePixels.
    static QSize largestSvgSize(const QSizeF &own);

signals:
    void loadingChanged(bool loading);
    // The new image is the document. `sameDocument`: the same file again (reload, SVG scale),
    // so its edit history stays.
    void loaded(bool sameDocument);
    void loadFailed(const QString &path, const QString &reason);
    // The SVG would rasterise above MaxImagePixels at the asked scale: `own` is its own size,
    // `fitting` the largest size within the limit. Answer with openSvgAtSize(), or do nothing.
    void svgTooLarge(const QString &path, const QSizeF &own, const QSize &fitting, bool sameDocument);
    void modifiedChanged(bool modified);
    void closed();

private:
    struct Outcome
    {
        Generation::Tag generation = 0;
        Result<LoadedImage> result = Failure{};
        QSizeF svgOwnSize;        // of an SVG refused as too large, or read at a size
        bool svgTooLarge = false; // refused for its size alone: offer a smaller one
    };

    void start(const QString &path, const LoadOptions &options, double svgScale, bool sameDocument);
    void startLoading(const QString &path, const QString &name, double svgScale, bool sameDocument);
    void finished(const Outcome &outcome);
    void setLoading(bool loading);

    QString m_path;
    QString m_name;
    QImage m_image;
    bool m_isSvg = false;
    ImageMetadata m_metadata;
    double m_svgScale = 1.0;
    bool m_modified = false;

    bool m_loading = false;
    QString m_loadingPath;
    QString m_loadingName;
    double m_loadingSvgScale = 1.0;
    bool m_loadingSameDocument = false;
    Generation m_generation;
    QFutureWatcher<Outcome> m_watcher;
};

} // namespace ks
