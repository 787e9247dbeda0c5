#pragma once

#include <QObject>

namespace ks {

class Document;
class PreviewController;

// Copy the result, paste an image (Ctrl+C / Ctrl+V).
//
// Copy puts the full-resolution result on the clipboard: the preview's exact render, the pixels
// Export writes; while it is still rendering, the copy is made when the next full result is
// ready (a failed render calls that off, with a message). Paste opens the clipboard's image as a new
// document through the document's loader, so it gets the same checks and conversions as a file.
// Messages for the status bar come as statusMessage(). Lives on the GUI thread.
class Clipboard : public QObject
{
    Q_OBJECT

public:
    Clipboard(PreviewController *preview, Document *document, QObject *parent = nullptr);

    void copyResult();
    // True when the clipboard holds an image (paste would open it).
    static bool hasImage();
    // Opens the clipboard's image as a new document; false, with a message, when it holds none.
    bool paste();

signals:
    void statusMessage(const QString &text);

private:
    void put(const QImage &image);

    PreviewController *m_preview;
    Document *m_document;
    bool m_waiting = false; // a copy waits for the full render
};

} // namespace ks
